#!/usr/bin/env bash
# json_schema.sh — every field the JSON report and JSON inventory write is described in
# docs/json-report.md, on a container image (all target fields) and a directory with findings
# SPDX-License-Identifier: Apache-2.0
. "$(dirname "$0")/lib.sh"
root=$(debian_root minbase)
doc=$SRC/docs/json-report.md
"$SRC/tests/fixtures/mkimage.sh" "$root" "$TMP/image.tar" >/dev/null

fields() {  # every path of a JSON document, arrays as [], numbers dropped
  jq -r '[paths | map(if type == "number" then "[]" else . end) | join(".")] | unique | .[]' "$1" \
    | sed 's/\.\[\]/[]/g; s/\[\]$//' | sort -u
}
{ "$IMGAUDIT" scan --format json "$TMP/image.tar" || true; } >"$TMP/a.json" 2>/dev/null
{ "$IMGAUDIT" scan --profile jdcloud --format json "$root" || true; } >"$TMP/b.json" 2>/dev/null
"$IMGAUDIT" inventory --format json "$root" >"$TMP/c.json"
for j in a b c; do fields "$TMP/$j.json"; done | sort -u >"$TMP/fields"
missing=0
while read -r f; do
  case $f in
    *'[].'*) name=${f#*\[\].} ;;   # a field of array elements: named in its table or row
    *) name=$f ;;
  esac
  grep -qF -- "\`$name" "$doc" || { echo "undocumented: $f"; missing=$((missing + 1)); }
done <"$TMP/fields"
expect_eq "every field of the JSON outputs is documented" "$missing" 0
expect_eq "schema version documented" "$(jq .schema_version "$TMP/a.json")" \
  "$(grep -oE 'schema_version` [0-9]+' "$doc" | grep -oE '[0-9]+$' | head -1)"
finish
