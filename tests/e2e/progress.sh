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
grep -qE $'\033\\[Kimgaudit: checks: [a-z]+ \\([0-9]+ s\\)' tty.out && ok "terminal: the family running is shown" ||
  fail "terminal: $(od -c tty.out | head -5)"
grep -q $'\r\033\\[K\033\\[31mFAIL\|\r\033\\[KFAIL' tty.out && ok "terminal: the line is cleared before the result" ||
  fail "terminal: not cleared: $(od -c tty.out | tail -5)"
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
