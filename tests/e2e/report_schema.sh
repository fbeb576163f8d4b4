#!/usr/bin/env bash
# report_schema.sh — the JSON report and inventory validate against docs/json-report.schema.json
# (Debian's python3-jsonschema): audits with and without findings, with gaps, of a directory and
# a container image; the schema's version is RPT_SCHEMA_VERSION; the validator refuses reports
# that break the schema (so that the validation of every e2e test's reports can fail)
# SPDX-License-Identifier: Apache-2.0
. "$(dirname "$0")/lib.sh"
root=$(debian_root minbase)
schema=$SRC/docs/json-report.schema.json
validate() { /usr/bin/python3 "$SRC/tests/validate_json.py" "$schema" "$@"; }
cd "$TMP"
"$SRC/tests/fixtures/mkimage.sh" "$root" image.tar >/dev/null

{ "$IMGAUDIT" scan --profile jdcloud -f json "$root" || true; } >dir.json 2>/dev/null
{ "$IMGAUDIT" scan -f json image.tar || true; } >image.json 2>/dev/null
mkdir empty
{ "$IMGAUDIT" scan -f json empty || true; } >empty.json 2>/dev/null
mkdir -p small/etc && printf 'ID=debian\nVERSION_ID=12\n' >small/etc/os-release
{ "$IMGAUDIT" scan --profile sysreq --fail-at critical -f json small || true; } >small.json 2>/dev/null
"$IMGAUDIT" inventory -f json "$root" >inv.json
"$IMGAUDIT" inventory -f json image.tar >inv-image.json

expect_eq "findings in the directory's report" "$(jq '.findings | length > 0' dir.json)" true
expect_eq "the image's report has the image" "$(jq '.target.image != null' image.json)" true
expect_eq "gaps in the empty directory's report" "$(jq '.not_examined | length > 0' empty.json)" true
expect_eq "no findings in the empty directory's report" "$(jq '.findings | length' empty.json)" 0
for j in dir image empty small inv inv-image; do
  if validate "$j.json" >"$j.val"; then ok "$j.json valid"; else fail "$j.json: $(head -5 "$j.val")"; fi
done

expect_eq "schema version of the schema and of the report" \
  "$(jq '.properties.schema_version.const' "$schema")" "$(jq .schema_version dir.json)"
expect_eq "schema version of the schema and RPT_SCHEMA_VERSION" \
  "$(jq '.properties.schema_version.const' "$schema")" \
  "$(sed -n 's/^#define RPT_SCHEMA_VERSION \([0-9]*\)$/\1/p' "$SRC/src/report/report.h")"

# what the schema refuses: an unknown field, a verdict it does not name, a FAIL without findings
jq '.findings[0].surprise = 1' dir.json >bad1.json
jq '.clauses[0].verdict = "OK"' dir.json >bad2.json
jq '(.clauses[] | select(.verdict == "FAIL") | .findings) = 0' dir.json >bad3.json
jq 'del(.result.status)' dir.json >bad4.json
for b in bad1 bad2 bad3 bad4; do
  st=0; validate "$b.json" >"$b.val" || st=$?
  expect_eq "$b.json refused" "$st" 1
done
grep -q surprise bad1.val && ok "the error names the field" || fail "$(cat bad1.val)"
rm bad?.json
finish
