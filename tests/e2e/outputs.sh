#!/usr/bin/env bash
# outputs.sh — several outputs from one audit: -f FORMAT -o FILE repeated in pairs, the result
# line on standard output, the mistakes in pairing refused before anything is audited
# SPDX-License-Identifier: Apache-2.0
. "$(dirname "$0")/lib.sh"
root=$(debian_root minbase)
cd "$TMP"

# two files from one audit: the same report as two single audits, the result line on stdout
run_ia 1 scan --profile jdcloud -f json -o a.json -f table -o a.txt "$root" || true
expect_eq "one line on stdout" "$(wc -l <out)" 1
grep -q '^FAIL: ' out && ok "the result line" || fail "no result line: $(cat out)"
jq -e '.schema_version' a.json >/dev/null && ok "a.json is the JSON report" || fail "a.json"
grep -q '^FAIL: ' a.txt && grep -q 'Clauses' a.txt && ok "a.txt is the table" ||
  fail "a.txt: $(head -5 a.txt)"
run_ia 1 scan --profile jdcloud -f json "$root" || true
cmp -s <(jq -S 'del(.target)' out) <(jq -S 'del(.target)' a.json) &&
  ok "the same JSON as a single audit" || fail "the JSON of the pair differs"
# -o before -f pairs all the same; one -f without -o goes to standard output
run_ia 1 scan --profile jdcloud -o b.json -f json -f table "$root" || true
jq -e '.findings' b.json >/dev/null && ok "-o before -f" || fail "b.json"
grep -q 'Clauses' out && ok "the second format on stdout" || fail "stdout: $(head -3 out)"
# -q: the stdout output replaced by the result line, the files written all the same
run_ia 1 scan -q -f json -o q.json -f table "$root" || true
expect_eq "-q with a stdout output: the result line" "$(wc -l <out)" 1
jq -e '.findings' q.json >/dev/null && ok "-q writes the files" || fail "q.json"
run_ia 1 scan -q -f json -o q2.json "$root" || true
expect_eq "-q with files only: nothing on stdout" "$(wc -c <out)" 0

# mistakes: refused before the audit, nothing written
run_ia 2 scan -f json -f table "$root" || true
grep -q 'standard output' err && ok "two outputs on stdout refused" || fail "$(cat err)"
run_ia 2 scan -o x1 -o x2 "$root" || true
grep -q 'give each -o its -f' err && ok "-o without -f refused" || fail "$(cat err)"
run_ia 2 scan -f json -o same -f table -o same "$root" || true
grep -q 'named twice' err && ok "one file named twice refused" || fail "$(cat err)"
run_ia 2 scan -f yaml "$root" || true
grep -q "unknown format 'yaml'" err && ok "unknown format" || fail "$(cat err)"
[ ! -e x1 ] && [ ! -e same ] && ok "nothing written on a mistake" || fail "files written"
finish
