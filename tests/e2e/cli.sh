#!/usr/bin/env bash
# cli.sh — exit statuses, errors that say why, --help/--version, output to a file
# SPDX-License-Identifier: Apache-2.0
. "$(dirname "$0")/lib.sh"

run_ia 0 --version && grep -q '^imgaudit [0-9]' "$TMP/out" && ok "--version" || fail "--version"
run_ia 0 --help && grep -q 'scan' "$TMP/out" && ok "--help lists scan" || fail "--help"
run_ia 0 scan --help && grep -q -- '--format' "$TMP/out" && ok "scan --help" || fail "scan --help"
run_ia 2 frobnicate && grep -q "unknown command 'frobnicate'" "$TMP/err" && ok "unknown command" \
  || fail "unknown command message"
run_ia 2 scan "$TMP/does-not-exist" && grep -q "cannot audit" "$TMP/err" \
  && ok "missing target: exit 2 with reason" || fail "missing target"
run_ia 2 scan --type floppy "$TMP" && grep -q "unknown target kind 'floppy'" "$TMP/err" \
  && ok "bad --type" || fail "bad --type"
run_ia 2 scan --format xml "$TMP" && ok "bad --format" || true
printf 'not an image' >"$TMP/junk.tar"
run_ia 2 scan "$TMP/junk.tar" && ok "a file that is no image: exit 2" || true
run_ia 2 scan && ok "no target: exit 2" || true

# a little root: its findings are all below high (no logger, no password policy), so it fails
# the default gate (medium) and passes --fail-at high; the report goes to -o FILE
root=$TMP/clean
mkdir -p "$root/etc" "$root/tmp"
chmod 1777 "$root/tmp"
printf 'root:x:0:0:root:/root:/bin/sh\n' >"$root/etc/passwd"
printf 'root:*:19000:0:99999:7:::\n' >"$root/etc/shadow"
chmod 640 "$root/etc/shadow"
run_ia 1 scan --format json -o "$TMP/report.json" "$root" && ok "medium findings fail the default gate" || true
expect_eq "report written to -o" "$(jq -r .schema_version "$TMP/report.json")" 1
expect_eq "failed in json" "$(jq -r .result.passed "$TMP/report.json")" false
expect_eq "no finding at high or above" \
  "$(jq '[.findings[] | select(.severity == "high" or .severity == "critical")] | length' "$TMP/report.json")" 0
run_ia 0 scan --fail-at high --format json -o "$TMP/report.json" "$root" && ok "--fail-at high passes" || true
expect_eq "passed in json" "$(jq -r .result.passed "$TMP/report.json")" true
expect_eq "the gate in json" "$(jq -r .result.fail_at "$TMP/report.json")" high
run_ia 2 scan --profile nosuch "$root" && grep -q "cannot load profile 'nosuch'" "$TMP/err" \
  && ok "unknown profile: exit 2" || fail "unknown profile message"

# the man page documents every option that --help lists, and every command
man=$SRC/man/imgaudit.1
for cmd in scan inventory files checks; do
  grep -q "^\.B imgaudit $cmd" "$man" || fail "man page has no synopsis for $cmd"
  "$IMGAUDIT" "$cmd" --help | grep -oE -- '--[a-z][a-z-]+' | sort -u | while read -r o; do
    [ "$o" = --help ] && continue
    grep -qF -- "\\-\\-${o#--}" "$man" || echo "$cmd $o"
  done >"$TMP/undocumented"
  [ -s "$TMP/undocumented" ] && fail "options missing from the man page: $(cat "$TMP/undocumented")" \
    || ok "man page documents every option of $cmd"
done
finish
