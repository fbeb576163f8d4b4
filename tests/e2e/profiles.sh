#!/usr/bin/env bash
# profiles.sh — `scan --profile` on a real debootstrapped Debian 12 root: every profile gives one
# verdict per clause of its file, FAIL clauses carry their findings, M clauses are MANUAL, and
# the clauses whose state is a known fact of a stock Debian root get that verdict
# SPDX-License-Identifier: Apache-2.0
. "$(dirname "$0")/lib.sh"
root=$(debian_root base)

for p in jdcloud aliyun sysreq jike; do
  file=$SRC/data/profiles/$p.txt
  st=0; "$IMGAUDIT" scan --profile "$p" --format json "$root" >"$TMP/$p.json" 2>"$TMP/err" || st=$?
  [ "$st" -le 1 ] || { fail "$p: exit $st"; continue; }
  want=$(grep -E '^[A-Z]+-[^|]*\|' "$file" | cut -d'|' -f1 | tr -d ' ' | tr '\n' ' ')
  got=$(jq -r '.clauses[].id' "$TMP/$p.json" | tr '\n' ' ')
  expect_eq "$p: one verdict per clause, in the profile's order" "$got" "$want"
  expect_eq "$p: profile named in the result" "$(jq -r .result.profile "$TMP/$p.json")" "$p"
  expect_eq "$p: verdicts are PASS, FAIL, NOT EXAMINED or MANUAL" \
    "$(jq '[.clauses[] | select(.verdict | IN("PASS","FAIL","NOT EXAMINED","MANUAL") | not)] | length' "$TMP/$p.json")" 0
  expect_eq "$p: every FAIL clause counts its findings" \
    "$(jq '[.clauses[] | select(.verdict == "FAIL" and .findings == 0)] | length' "$TMP/$p.json")" 0
  m=$( (grep -E '^[A-Z]+-[^|]*\|[[:space:]]*M[[:space:]]*\|' "$file" || true) | cut -d'|' -f1 | tr -d ' ' | tr '\n' ' ')
  gotm=$(jq -r '.clauses[] | select(.verdict == "MANUAL") | .id' "$TMP/$p.json" | tr '\n' ' ')
  expect_eq "$p: the M-mode clauses are MANUAL" "$gotm" "$m"
  expect_eq "$p: no PASS or MANUAL without a reason" \
    "$(jq '[.clauses[] | select((.verdict != "FAIL") and (.why == ""))] | length' "$TMP/$p.json")" 0
done

j=$TMP/jdcloud.json
verdict() { jq -r --arg c "$1" '.clauses[] | select(.id == $c) | .verdict' "$j"; }
expect_eq "JD-3.1b (no weak passwords): stock root has none" "$(verdict JD-3.1b)" PASS
expect_eq "JD-3.1f (no 777 outside /tmp): stock root has none" "$(verdict JD-3.1f)" PASS
expect_eq "JD-3.1d (SUID): only Debian's default set" "$(verdict JD-3.1d)" PASS
expect_eq "JD-4.1g: openssh-server's postinst baked host keys into the root" "$(verdict JD-4.1g)" FAIL
jq -e '[.findings[] | select(.check == "LEFT-010")] | length == 3' "$j" >/dev/null \
  && ok "the three baked host keys are findings" || fail "LEFT-010 host keys"
expect_eq "JD-3.1a: debootstrap writes no security source" "$(verdict JD-3.1a)" FAIL
expect_eq "JD-3.1c: stock pam_pwquality demands no character classes" "$(verdict JD-3.1c)" FAIL
expect_eq "JD-1.1c: no vulnerability database yet" "$(verdict JD-1.1c)" "NOT EXAMINED"
jq -e '.clauses[] | select(.id == "JD-1.1c") | .why | test("vuln")' "$j" >/dev/null \
  && ok "NOT EXAMINED says what is missing" || fail "JD-1.1c why does not name what is missing"
expect_eq "jdcloud gate is medium" "$(jq -r .result.fail_at "$j")" medium
expect_eq "jdcloud gate failed" "$(jq -r .result.passed "$j")" false
# a FAIL clause's findings are in the report with that clause
for c in $(jq -r '.clauses[] | select(.verdict == "FAIL") | .id' "$j"); do
  n=$(jq --arg c "$c" '[.findings[] | select(.clauses | index($c))] | length' "$j")
  [ "$n" -gt 0 ] && ok "$c FAIL backed by $n finding(s)" || fail "$c FAIL without findings naming it"
done

# a profile of the user's own, in the same format
cat >"$TMP/mine.txt" <<'P'
name: mine
title: our two rules
gate: critical
JD-3.1f | S | no 777 outside /tmp |
SR-5.1-5.2 | M | isolated network zones | guide=check the VPC layout
P
run_ia 0 scan --profile "$TMP/mine.txt" --format json "$root" || true
expect_eq "own profile: its gate" "$(jq -r .result.fail_at "$TMP/out")" critical
expect_eq "own profile: its clauses" "$(jq -r '[.clauses[] | "\(.id)=\(.verdict)"] | join(" ")' "$TMP/out")" \
  "JD-3.1f=PASS SR-5.1-5.2=MANUAL"
printf 'name: broken\ngate: sometimes\n' >"$TMP/broken.txt"
run_ia 2 scan --profile "$TMP/broken.txt" "$root" && grep -q 'broken.txt:2' "$TMP/err" \
  && ok "malformed profile: exit 2 naming file and line" || fail "malformed profile message: $(cat "$TMP/err")"
finish
