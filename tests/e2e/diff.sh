#!/usr/bin/env bash
# diff.sh — imgaudit diff on two audits of one root, before and after a change made here: the
# fixed, new and still open findings by fingerprint, the clause whose verdict changed, exit 1
# when a new finding fails the gate (0 when none does, or when it is waived); unreadable input
# is exit 2
# SPDX-License-Identifier: Apache-2.0
. "$(dirname "$0")/lib.sh"
base=$(debian_root minbase)
cd "$TMP"
cp -a "$base" root
run_ia 1 scan -f json -o old.json root || true

# the change: a log emptied (a finding fixed), a world-writable file (a new one, failing)
: >root/var/log/dpkg.log
mkdir -p root/srv && printf 'x\n' >root/srv/shared && chmod 0666 root/srv/shared
run_ia 1 scan -f json -o new.json root || true

run_ia 1 diff -f json old.json new.json || true
cp out d.json
expect_eq "new: the world-writable file" "$(jq -r '[.new[] | "\(.check) \(.path)"] | join(",")' d.json)" "FS-002 /srv/shared"
expect_eq "fixed: the emptied log" "$(jq -r '[.fixed[] | "\(.check) \(.path)"] | join(",")' d.json)" "LEFT-004 /var/log/dpkg.log"
expect_eq "still open: the rest" "$(jq '.still_open | length' d.json)" "$(($(jq '.findings | length' old.json) - 1))"
expect_eq "still open keeps its fingerprints" "$(jq -r '[.still_open[].fingerprint] | sort | join(" ")' d.json)" \
  "$(jq -r '[.findings[] | select(.evidence.path != "/var/log/dpkg.log") | .fingerprint] | sort | join(" ")' old.json)"
expect_eq "the new finding fails the gate" "$(jq .new_fails_gate d.json)" true
expect_eq "the clause that changed" "$(jq -r '.verdicts_changed[] | "\(.id) \(.old) \(.new)"' d.json | head -1)" "JD-3.1f PASS FAIL"
run_ia 1 diff old.json new.json || true
grep -q '^+ medium   FS-002' out && grep -q '^- low      LEFT-004' out && tail -1 out | grep -q '^FAIL' &&
  ok "the table" || fail "table: $(cat out)"

# the other way round: only fixed findings, nothing new fails
run_ia 0 diff new.json old.json || true
grep -q '^new: 1' out && grep -q 'PASS: no new finding fails the gate' out && ok "reverse: nothing new fails" || fail "$(cat out)"
# the new finding waived: it is new, but fails no gate
fp=$(jq -r '.new[0].fingerprint' d.json)
printf 'waivers:\n  - fingerprint: %s\n    reason: shared drop box\n    owner: ops\n    expires: 2999-01-01\n' "$fp" >w.yaml
run_ia 1 scan --waivers w.yaml -f json -o new-w.json root || true
run_ia 0 diff old.json new-w.json || true
grep -q '^new: 1' out && ok "a waived new finding does not fail the gate" || fail "$(cat out)"
# same report twice: nothing new, nothing fixed
run_ia 0 diff -f json old.json old.json || true
expect_eq "same report: nothing changed" "$(jq -c '[(.new | length), (.fixed | length)]' out)" "[0,0]"

# input that is not a report
printf '{"schema_version": 1, "findings": []}' >v1.json
run_ia 2 diff old.json v1.json || true
grep -q 'not a JSON report of imgaudit scan with schema_version' err && ok "another schema version refused" || fail "$(cat err)"
printf '{"findings": [' >broken.json
run_ia 2 diff broken.json old.json || true
grep -q 'broken.json:1: not JSON' err && ok "broken JSON refused" || fail "$(cat err)"
run_ia 2 diff old.json || true
grep -q 'missing' err && ok "one operand refused" || fail "$(cat err)"
finish
