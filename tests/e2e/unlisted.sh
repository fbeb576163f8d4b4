#!/usr/bin/env bash
# unlisted.sh — a directory of the image that cannot be listed (run as an unprivileged user):
# every clause whose checks read under it is NOT EXAMINED, never PASS (issue 14)
# SPDX-License-Identifier: Apache-2.0
. "$(dirname "$0")/lib.sh"

[ "$(id -u)" = 0 ] || skip_all "needs root to run the audit as another user"
command -v setpriv >/dev/null || skip_all "no setpriv (util-linux)"
id nobody >/dev/null 2>&1 || skip_all "no user nobody"
nogroup=$(id -gn nobody)
as_nobody() { setpriv --reuid=nobody --regid="$nogroup" --clear-groups "$@"; }

# /etc mode 0711: its files can be opened by name, but /etc cannot be listed; root has an
# empty password there
chmod 0755 "$TMP"
root=$TMP/root
mkdir -p "$root/etc" "$root/usr/lib"
printf 'ID=debian\nVERSION_ID="12"\nPRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\n' \
  >"$root/usr/lib/os-release"
printf 'root:x:0:0:root:/root:/bin/bash\n' >"$root/etc/passwd"
printf 'root::19000:0:99999:7:::\n' >"$root/etc/shadow"
printf 'root:x:0:\n' >"$root/etc/group"
chmod 0644 "$root/etc/passwd" "$root/etc/shadow" "$root/etc/group"
chmod 0711 "$root/etc"
as_nobody test -r "$root/etc/shadow" || skip_all "nobody cannot read the crafted tree here"
as_nobody ls "$root/etc" >/dev/null 2>&1 && skip_all "nobody can list a 0711 directory here"

# a profile of the account clauses alone: without the fix they all PASS or are NOT APPLICABLE
prof=$TMP/accounts.txt
cat >"$prof" <<'P'
name: accounts-only
gate: medium
JD-3.1b | S | no weak default passwords |
JK-HASH | S | credentials stored as one-way hashes |
SR-6.1-6.2 | S | personal admin accounts; no account named admin |
JD-4.1f | S | no test accounts or test data |
P

# as root the tree is read whole: the empty root password fails JD-3.1b
st=0; "$IMGAUDIT" scan --profile "$prof" --format json "$root" >"$TMP/out" 2>"$TMP/err" || st=$?
expect_eq "as root: exit" "$st" 1
expect_eq "as root: JD-3.1b" "$(jq -r '.clauses[] | select(.id == "JD-3.1b") | .verdict' "$TMP/out")" FAIL

# as nobody /etc cannot be listed: the account clauses are NOT EXAMINED, and the audit fails
st=0; as_nobody "$IMGAUDIT" scan --profile "$prof" --format json "$root" >"$TMP/out" \
  2>"$TMP/err" || st=$?
[ "$st" != 0 ] && ok "as nobody: exit $st (not a pass)" || fail "as nobody: exit 0"
expect_eq "as nobody: result" "$(jq -r .result.status "$TMP/out")" incomplete
for c in JD-3.1b JK-HASH SR-6.1-6.2 JD-4.1f; do
  expect_eq "as nobody: $c" \
    "$(jq -r --arg c "$c" '.clauses[] | select(.id == $c) | .verdict' "$TMP/out")" "NOT EXAMINED"
done
jq -e '.clauses[] | select(.id == "JD-3.1b") | .why | contains("/etc")' "$TMP/out" >/dev/null \
  && ok "as nobody: the verdict names /etc" || fail "as nobody: the verdict does not name /etc"
jq -e '[.findings[] | select(.check == "INPUT-002" and .evidence.path == "/etc")] | length == 1' \
  "$TMP/out" >/dev/null && ok "as nobody: /etc is an INPUT-002 finding" \
  || fail "as nobody: no INPUT-002 finding for /etc"

# a directory no account check reads (/srv/private, 0700) leaves the account clauses alone
chmod 0755 "$root/etc"
mkdir -p "$root/srv/private"
chmod 0700 "$root/srv/private"
st=0; as_nobody "$IMGAUDIT" scan --profile "$prof" --format json "$root" >"$TMP/out" \
  2>"$TMP/err" || st=$?
expect_eq "/srv/private unlisted: JD-3.1b still examined" \
  "$(jq -r '.clauses[] | select(.id == "JD-3.1b") | .verdict' "$TMP/out")" FAIL
finish
