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

tty_scan --password-budget 2 root >tty.out || true
grep -q $'\033\\[Kimgaudit: checks: accounts (' tty.out && ok "terminal: the family running is shown" ||
  fail "terminal: $(od -c tty.out | head -5)"
grep -q $'\r\033\\[K\033\\[31mFAIL\|\r\033\\[KFAIL' tty.out && ok "terminal: the line is cleared before the result" ||
  fail "terminal: not cleared: $(od -c tty.out | tail -5)"
tty_scan -q --password-budget 2 root >q.out || true
grep -q 'imgaudit: checks' q.out && fail "-q: progress shown" || ok "-q: no progress"
run_ia 1 scan --password-budget 2 -f json -o r.json root || true
grep -q 'imgaudit: checks' err && fail "not a terminal: progress shown" || ok "not a terminal: no progress"
tty_scan --password-budget 0 "$base" >fast.out || true
grep -q 'imgaudit: checks' fast.out && fail "a quick audit shows progress" || ok "a quick audit: no progress"
finish
