#!/usr/bin/env bash
# progress.sh — the progress line: on a terminal (a pseudo-terminal made by script), an audit
# longer than a second shows what it is doing on standard error and clears the line at the end;
# nothing when standard error is not a terminal, nothing with -q; quick audits show nothing
# SPDX-License-Identifier: Apache-2.0
. "$(dirname "$0")/lib.sh"
command -v script >/dev/null || { fail "script (util-linux) is missing"; finish; }
base=$(debian_root minbase)
cd "$TMP"
# an audit that lasts: root's password hash (made by the real mkpasswd) is not guessed, and the
# weak-password test spends its whole budget of 2 s trying
cp -a "$base" root
h=$(mkpasswd -m sha-512 'Zq8#not-a-guessable-Passw0rd')
sed -i "s|^root:[^:]*:|root:$h:|" root/etc/shadow
tty_scan() { script -qec "'$IMGAUDIT' scan $* -f json -o /dev/null" /dev/null; }

# the content scan also reads 900 MB of /tmp (a sparse file: no disk), so the audit lasts over a
# second on any machine (the password test alone ends early on an idle one)
truncate -s 900M root/tmp/big.bin
tty_scan --password-budget 2 root >tty.out || true
grep -qE $'\033\\[Kimgaudit: checks: [a-z]+: [0-9]+ entries, [0-9.]+ MB read \\([0-9]+ s\\)' tty.out &&
  ok "terminal: the family running is shown" || fail "terminal: $(od -c tty.out | head -5)"
# what it has done: every entry of the root indexed, and the content read so far (the checks'
# reads of the sparse 900 MB file among them)
n_index=$(find root | wc -l)
n_shown=$(tr '\r' '\n' <tty.out | sed -n 's/.*imgaudit: checks: [a-z]*: \([0-9]*\) entries.*/\1/p' | tail -1)
expect_eq "terminal: the entries indexed are the root's" "$n_shown" "$n_index"
mb_last=$(tr '\r' '\n' <tty.out | sed -n 's/.* entries, \([0-9.]*\) MB read.*/\1/p' | tail -1)
awk -v m="$mb_last" 'BEGIN { exit !(m > 1) }' && ok "terminal: the bytes read are shown ($mb_last MB)" ||
  fail "terminal: bytes read not advancing: '$mb_last'"
grep -q $'\r\033\\[K\033\\[31mFAIL\|\r\033\\[KFAIL' tty.out && ok "terminal: the line is cleared before the result" ||
  fail "terminal: not cleared: $(od -c tty.out | tail -5)"
# an image archive of three layers: the layers read are counted too
rm root/tmp/big.bin
"$SRC/tests/fixtures/mkimage.sh" root layers.tar --extra-layers >/dev/null
tty_scan --password-budget 2 layers.tar >layers.out || true
tr '\r' '\n' <layers.out | grep -qE 'imgaudit: checks: [a-z]+: 3 layers, [0-9]+ entries' &&
  ok "archive: the layers read are shown" || fail "archive: $(tr '\r' '\n' <layers.out | grep imgaudit: | tail -2)"
tty_scan -q --password-budget 2 root >q.out || true
grep -q 'imgaudit: checks' q.out && fail "-q: progress shown" || ok "-q: no progress"
run_ia 1 scan --password-budget 2 -f json -o r.json root || true
grep -q 'imgaudit: checks' err && fail "not a terminal: progress shown" || ok "not a terminal: no progress"
# a quick audit: a root of a few files (the minbase root takes seconds under ASan now that
# package integrity reads every package file)
mkdir -p small/etc && cp "$base/etc/os-release" "$base/etc/passwd" small/etc/
tty_scan --password-budget 0 small >fast.out || true
grep -q 'imgaudit: checks' fast.out && fail "a quick audit shows progress" || ok "a quick audit: no progress"
finish
