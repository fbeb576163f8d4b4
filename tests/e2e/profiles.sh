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
  expect_eq "$p: verdicts are PASS, FAIL, NOT APPLICABLE, NOT EXAMINED or MANUAL" \
    "$(jq '[.clauses[] | select(.verdict | IN("PASS","FAIL","NOT APPLICABLE","NOT EXAMINED","MANUAL") | not)] | length' "$TMP/$p.json")" 0
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
expect_eq "jdcloud result fail" "$(jq -r .result.status "$j")" fail
# a FAIL clause's findings are in the report with that clause
for c in $(jq -r '.clauses[] | select(.verdict == "FAIL") | .id' "$j"); do
  n=$(jq --arg c "$c" '[.findings[] | select(.clauses | index($c))] | length' "$j")
  [ "$n" -gt 0 ] && ok "$c FAIL backed by $n finding(s)" || fail "$c FAIL without findings naming it"
done

# NOT APPLICABLE only with a reason: a directory is no container image
s=$TMP/sysreq.json
expect_eq "SR-3.6 (image lifetime): not a container image" \
  "$(jq -r '.clauses[] | select(.id == "SR-3.6") | .verdict' "$s")" "NOT APPLICABLE"
expect_eq "every NOT APPLICABLE says why" \
  "$(jq '[.clauses[] | select(.verdict == "NOT APPLICABLE" and (.why | test("not a container image|not configured|no ") | not))] | length' "$s")" 0
# SR-3.5 is not PASS by checks that do not exist: the base root has sshd, and a directory may
# be a VM's root, which needs it
jq -e '.clauses[] | select(.id == "SR-3.5") | .verdict == "NOT EXAMINED" and (.why | test("openssh-server"))' \
  "$s" >/dev/null && ok "SR-3.5: sshd in a directory is not examined, saying why" \
  || fail "SR-3.5: $(jq -c '.clauses[] | select(.id == "SR-3.5")' "$s")"
# SR-2.1 (hardened OS) covers SR-2.2 to SR-2.11, some of which no check serves yet: the checks
# that exist never make it PASS (it FAILs on a finding of theirs, here SVC-009: no firewall)
jq -e '.clauses[] | select(.id == "SR-2.1") | (.verdict == "NOT EXAMINED" and (.why | test("only in part"))) or (.verdict == "FAIL" and .findings > 0)' \
  "$s" >/dev/null && ok "SR-2.1: examined only in part, or failed on a finding" \
  || fail "SR-2.1: $(jq -c '.clauses[] | select(.id == "SR-2.1")' "$s")"
grep -q 'examined by the services' "$s" && fail "a verdict cites checks that do not exist" \
  || ok "no verdict cites the services and ssh checks"

# the result and the clause verdicts agree, for every profile, on both roots
for flavour in minbase base; do
  r=$(debian_root "$flavour")
  for p in jdcloud aliyun sysreq jike all; do
    st=0; "$IMGAUDIT" scan --profile "$p" --format json "$r" >"$TMP/agree.json" 2>/dev/null || st=$?
    want=$(jq -r 'if ([.clauses[] | select(.verdict == "FAIL")] | length) > 0 then "fail"
                  elif ([.clauses[] | select(.verdict == "NOT EXAMINED")] | length) > 0 then "incomplete"
                  else "pass" end' "$TMP/agree.json")
    expect_eq "$flavour $p: result follows the clauses" "$(jq -r .result.status "$TMP/agree.json")" "$want"
    expect_eq "$flavour $p: exit status follows the result" "$st" "$([ "$want" = pass ] && echo 0 || echo 1)"
    expect_eq "$flavour $p: FAIL exactly when findings at or above the gate" \
      "$(jq '[.clauses[] | select((.verdict == "FAIL") != (.findings > 0))] | length' "$TMP/agree.json")" 0
    expect_eq "$flavour $p: clause counts in the result" \
      "$(jq '[.result.clauses[]] | add' "$TMP/agree.json")" "$(jq '.clauses | length' "$TMP/agree.json")"
  done
done

# aliyun on the clean root: no Server Guard, so AY-1.1.3 fails (AGENT-002); JD Cloud's agent,
# missing too, is reported outside the profile
m=$(debian_root minbase)
run_ia 1 scan --profile aliyun --format json "$m" || true
expect_eq "aliyun: AY-1.1.3 fails without Server Guard" \
  "$(jq -r '.clauses[] | select(.id == "AY-1.1.3") | .verdict' "$TMP/out")" FAIL
expect_eq "aliyun: the JD Cloud agent decides nothing here" \
  "$(jq -r '[.findings[] | select(.check == "AGENT-001") | .in_profile] | unique | join(",")' "$TMP/out")" false
# with the missing agent lowered to info (an image not meant for the marketplace): LOG-005 (no
# auditd) serves no aliyun clause: reported as outside the profile, and it does not fail the
# result
sev=(--severity AGENT-002=info)
run_ia 0 scan --profile aliyun "${sev[@]}" --accept-incomplete --format json "$m" \
  && ok "aliyun on the clean root: accepted as incomplete" || true
expect_eq "aliyun: status" "$(jq -r .result.status "$TMP/out")" incomplete
expect_eq "aliyun: LOG-005 reported, outside the profile" \
  "$(jq -r '[.findings[] | select(.check == "LOG-005") | .in_profile] | unique | join(",")' "$TMP/out")" false
expect_eq "aliyun: no clause fails" "$(jq .result.clauses.fail "$TMP/out")" 0
run_ia 1 scan --profile aliyun "${sev[@]}" "$m" || true
grep -q '^Findings outside profile aliyun' "$TMP/out" && ok "table: findings outside the profile apart" \
  || fail "table: no outside section"
tail -1 "$TMP/out" | grep -q '^INCOMPLETE: no clause of profile aliyun fails' \
  && ok "table: last line incomplete" || fail "aliyun last line: $(tail -1 "$TMP/out")"
# a summary before the lists, and a fix shared by several findings printed once
awk '/^Summary/ { s = NR } /^Findings/ && !f { f = NR } END { exit !(s && f && s < f) }' "$TMP/out" \
  && ok "table: summary first" || fail "table: no summary before the findings"
expect_eq "LEFT-004's fix printed once for its findings" \
  "$(grep -c 'find /var/log -type f -exec truncate' "$TMP/out")" 1

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
