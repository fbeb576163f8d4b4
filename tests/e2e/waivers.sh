#!/usr/bin/env bash
# waivers.sh — waivers from a file: a waived finding is listed with its waiver in every format
# and fails nothing; an expired waiver stops applying and is reported, a stale one too; a
# malformed file is an error (exit 2) and no report is written; fingerprints are the same in the
# directory and archive forms of one image, so a fingerprint waiver follows the image
# SPDX-License-Identifier: Apache-2.0
. "$(dirname "$0")/lib.sh"
root=$(debian_root minbase)
S=$SRC/tests/data/schemas
cd "$TMP"

# the findings that fail the gate without waivers (and the exit status with incomplete accepted)
run_ia 1 scan --accept-incomplete --profile jdcloud -f json "$root" || true
cp out plain.json
failing=$(jq -r '[.findings[] | select(.severity == "medium" or .severity == "high" or .severity == "critical") | select(.in_profile) | .check] | unique | .[]' plain.json)
[ -n "$failing" ] && ok "failing checks: $(echo $failing)" || fail "no failing finding to waive"
fp=$(jq -r '.findings[0].fingerprint' plain.json)

# every failing check waived until far away: the audit passes the gate
{
  echo "waivers:"
  for c in $failing; do
    printf '  - check: %s\n    reason: "accepted for test: %s"\n    owner: qa@example.com\n    expires: 2999-12-31\n' "$c" "$c"
  done
  printf '  - check: FS-001\n    path: "/nowhere/*"\n    reason: matches nothing\n    owner: qa\n    expires: 2999-12-31\n'
  printf '  - fingerprint: %s\n    reason: long gone\n    owner: qa\n    expires: 2001-01-01\n' "$fp"
} >w.yaml
run_ia 0 scan --accept-incomplete --profile jdcloud --waivers w.yaml -f json -o w.json \
  -f table -o w.txt -f sarif -o w.sarif -f junit -o w.xml "$root" ||
  { say "$(cat out)"; }
expect_eq "the audit passes with its failing findings waived" "$(jq .result.passed w.json)" true
expect_eq "no clause fails" "$(jq .result.clauses.fail w.json)" 0
expect_eq "the waived findings are still listed" "$(jq '.findings | length' w.json)" "$(jq '.findings | length' plain.json)"
nw=$(jq '[.findings[] | select(.waiver != null)] | length' w.json)
[ "$nw" -ge "$(echo $failing | wc -w)" ] && ok "$nw findings waived" || fail "waived: $nw"
expect_eq "statuses" "$(jq -r '[.waivers.entries[].status] | unique | join(",")' w.json)" "applied,expired,stale"
expect_eq "the stale waiver" "$(jq -r '.waivers.entries[] | select(.status == "stale") | .check' w.json)" FS-001
expect_eq "the expired waiver counts what it would have waived" \
  "$(jq -r '.waivers.entries[] | select(.status == "expired") | "\(.fingerprint) \(.findings)"' w.json)" "$fp 1"
expect_eq "the expired waiver waives nothing" \
  "$(jq '(.waivers.entries | map(.status) | index("expired")) as $e | [.findings[] | select(.waiver == $e)] | length' w.json)" 0
grep -q "expired on 2001-01-01" err && ok "expired reported on stderr" || fail "stderr: $(cat err)"
grep -q "is stale" err && ok "stale reported on stderr" || fail "stderr: $(cat err)"
# every format lists the waivers
grep -q '^Waivers (w.yaml)' w.txt && grep -q 'stale' w.txt && grep -q 'waived (line' w.txt &&
  ok "table: waivers and waived findings" || fail "table: $(grep -i waiv w.txt | head -3)"
expect_eq "SARIF: suppressions" "$(jq '[.runs[0].results[] | select(.suppressions)] | length' w.sarif)" "$nw"
expect_eq "SARIF: the waiver list" "$(jq '.runs[0].properties.waivers | length' w.sarif)" "$(jq '.waivers.entries | length' w.json)"
/usr/bin/python3 "$SRC/tests/validate_json.py" "$S/sarif-schema-2.1.0.json" w.sarif && ok "SARIF with suppressions valid" || fail "SARIF invalid"
expect_eq "JUnit: a property per waiver" "$(grep -c '<property name="waiver"' w.xml)" "$(jq '.waivers.entries | length' w.json)"
expect_eq "JUnit: no failure" "$(grep -c '<failure' w.xml || true)" 0
xmllint --noout --schema "$S/junit-10.xsd" w.xml 2>/dev/null && ok "JUnit valid" || fail "JUnit invalid"

# .imgaudit-waivers.yaml of the current directory by default
cp w.yaml .imgaudit-waivers.yaml
run_ia 0 scan --accept-incomplete --profile jdcloud -f json "$root" || true
expect_eq "the default file is read" "$(jq -r .waivers.file out)" ".imgaudit-waivers.yaml"
rm .imgaudit-waivers.yaml
run_ia 1 scan --accept-incomplete --profile jdcloud -f json "$root" || true
expect_eq "no file, no waivers" "$(jq -c .waivers.file out)" null

# a malformed file: exit 2, a message naming the line, no report written
bad() { # NAME TEXT WANT
  printf '%b' "$2" >"$1.yaml"
  run_ia 2 scan --waivers "$1.yaml" -f json -o "$1.json" "$root" || true
  grep -qF -- "$3" err && ok "malformed ($1): $3" || fail "malformed ($1): $(cat err)"
  [ ! -e "$1.json" ] && ok "no report ($1)" || fail "a report was written ($1)"
}
bad tab 'waivers:\n\t- check: FS-001\n' 'tab.yaml:2: a tab in the indentation'
bad nodate 'waivers:\n  - check: FS-001\n    reason: r\n    owner: o\n' 'nodate.yaml:2: a waiver needs reason, owner and expires; missing: expires'
bad baddate 'waivers:\n  - check: FS-001\n    reason: r\n    owner: o\n    expires: 31/12/2030\n' 'expires is a date YYYY-MM-DD'
bad unknown 'waivers:\n  - check: NOPE-001\n    reason: r\n    owner: o\n    expires: 2030-01-01\n' "unknown check 'NOPE-001'"
bad alias 'waivers:\n  - check: FS-001\n    path: *.log\n' 'alias.yaml:3: a value starting with this character'
run_ia 2 scan --waivers missing.yaml "$root" || true
grep -q "missing.yaml" err && ok "a missing --waivers file is an error" || fail "$(cat err)"

# fingerprints: the same in the directory and the archive forms, so a fingerprint waiver
# made on one applies to the other
"$SRC/tests/fixtures/mkimage.sh" "$root" image.tar >/dev/null
run_ia 1 scan -f json "$root" || true; cp out dir.json
run_ia 1 scan -f json image.tar || true; cp out tar.json
# (a container image is also audited by checks a directory is not, and some do not apply to it:
# the findings of the checks that report in both forms are compared)
both=$(comm -12 <(jq -r '.findings[].check' dir.json | sort -u) <(jq -r '.findings[].check' tar.json | sort -u) | paste -sd, -)
fps() { jq -r --arg both "$both" '.findings[] | select(.check as $c | $both | split(",") | index($c)) | "\(.check) \(.fingerprint)"' "$1" | sort; }
common=$(fps dir.json)
expect_eq "same fingerprints in both forms" "$(fps tar.json)" "$common"
[ "$(echo "$common" | wc -l)" -ge 5 ] && ok "$(echo "$common" | wc -l) findings of $both compared" || fail "too few findings: $both"
expect_eq "same fingerprints in a second run" "$(jq -r '[.findings[].fingerprint] | join(" ")' out)" \
  "$(jq -r '[.findings[].fingerprint] | join(" ")' tar.json)"
fp=$(jq -r '.findings[] | select(.check == "PKG-001") | .fingerprint' dir.json)
printf 'waivers:\n  - fingerprint: %s\n    reason: r\n    owner: o\n    expires: 2999-01-01\n' "$fp" >fp.yaml
run_ia 1 scan --waivers fp.yaml -f json image.tar || true
expect_eq "a fingerprint from the directory waives the archive's finding" \
  "$(jq -r '.findings[] | select(.waiver != null) | .check' out)" PKG-001
finish
