#!/usr/bin/env bash
# not_examined.sh — a malformed file reaches the report's not_examined list with the image file,
# the line in it, the reason and where in imgaudit's source it was refused (raised_at)
# SPDX-License-Identifier: Apache-2.0
. "$(dirname "$0")/lib.sh"

root=$TMP/root
mkdir -p "$root/etc" "$root/var/lib/dpkg"
# line 3: an unquoted space, which a shell would not assign
printf 'ID=debian\nVERSION_ID="12"\nNAME=Debian GNU/Linux\n' >"$root/etc/os-release"
# stanza at line 4: no Status field
printf 'Package: a\nStatus: install ok installed\nVersion: 1\n\nPackage: b\nVersion: 2\n' \
  >"$root/var/lib/dpkg/status"
st=0; "$IMGAUDIT" scan --format json "$root" >"$TMP/out" 2>"$TMP/err" || st=$?
[ "$st" -le 1 ] && ok "malformed files: the audit finishes (exit $st)" || fail "exit $st: $(head -c 500 "$TMP/err")"

# entry PATH: the first not_examined entry of that image file, as "line|reason|raised_at"
entry() {
  jq -r --arg p "$1" '[.not_examined[] | select(.path == $p)][0]
    | "\(.line)|\(.reason)|\(.raised_at)"' "$TMP/out"
}
# at_parser WHERE FILE: raised_at names FILE, and its line is a line of FILE that raises an error
at_parser() {
  local file=${1%%:*} line=${1##*:}
  [ "$file" = "$2" ] && [ -f "$SRC/$file" ] && [ "$line" -gt 0 ] 2>/dev/null \
    && sed -n "$((line - 2)),${line}p" "$SRC/$file" | grep -qE 'IA_CORRUPT|inv_fp_add|ia_err_set'
}

IFS='|' read -r line reason at <<<"$(entry /etc/os-release)"
expect_eq "os-release: the line of the input" "$line" 3
expect_eq "os-release: the reason" "$reason" "unquoted space in value (os)"
at_parser "$at" src/facts/os.c && ok "os-release: raised_at names the IA_CORRUPT in os.c ($at)" \
  || fail "os-release: raised_at '$at' is not a line of src/facts/os.c that raises an error"

IFS='|' read -r line reason at <<<"$(entry /var/lib/dpkg/status)"
expect_eq "dpkg status: the line of the input" "$line" 5
case $reason in *'no Status field'*) ok "dpkg status: the reason" ;; *) fail "dpkg status reason: $reason" ;; esac
at_parser "$at" src/facts/dpkg.c && ok "dpkg status: raised_at names the parser in dpkg.c ($at)" \
  || fail "dpkg status: raised_at '$at' is not a line of src/facts/dpkg.c that raises an error"

# every not_examined entry says where it was raised, in the project's source tree
jq -e '[.not_examined[] | .raised_at | test("^src/[a-z]+/[a-z_]+\\.[ch]:[0-9]+$")] | all' \
  "$TMP/out" >/dev/null && ok "every not_examined entry has a raised_at under src/" \
  || fail "a not_examined entry without a source location: $(jq -c .not_examined "$TMP/out")"
finish
