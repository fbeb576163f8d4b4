#!/usr/bin/env bash
# updates.sh — scan --security-index and --date end to end: the missing security updates of the
# debootstrapped Debian 12 with the real bookworm-security index, JD-1.1d/JD-1.1e verdicts,
# an image claiming Debian 6, and the options' errors
# SPDX-License-Identifier: Apache-2.0
. "$(dirname "$0")/lib.sh"
root=$(debian_root minbase)
idx=$SRC/tests/data/debian-apt/bookworm-security_main_amd64_Packages.gz

run_ia 1 scan --profile jdcloud --date 2026-12-01 --security-index "$idx" -f json "$root" || true
expect_eq "JD-1.1e fails with the index" \
  "$(jq -r '.clauses[] | select(.id == "JD-1.1e") | .verdict' "$TMP/out")" "FAIL"
expect_eq "JD-1.1d passes for Debian 12 on 2026-12-01" \
  "$(jq -r '.clauses[] | select(.id == "JD-1.1d") | .verdict' "$TMP/out")" "PASS"
n=$(jq '[.findings[] | select(.check == "UPD-001")] | length' "$TMP/out")
[ "$n" -gt 0 ] && ok "UPD-001 lists $n packages" || fail "UPD-001 lists nothing"
expect_eq "each UPD-001 fix is apt-get install --only-upgrade" \
  "$(jq -r '[.findings[] | select(.check == "UPD-001") | .remediation
     | startswith("apt-get install --only-upgrade ")] | all' "$TMP/out")" "true"

run_ia 1 scan --profile jdcloud --date 2026-12-01 -f json "$root" || true
expect_eq "JD-1.1e NOT EXAMINED without an index" \
  "$(jq -r '.clauses[] | select(.id == "JD-1.1e") | .verdict' "$TMP/out")" "NOT EXAMINED"

# an image claiming Debian 6
mkdir -p "$TMP/d6/etc" "$TMP/d6/var/lib/dpkg"
cp "$root/var/lib/dpkg/status" "$TMP/d6/var/lib/dpkg/status"
printf 'PRETTY_NAME="Debian GNU/Linux 6.0 (squeeze)"\nID=debian\nVERSION_ID="6"\n' \
  > "$TMP/d6/etc/os-release"
run_ia 1 scan --profile aliyun --date 2026-12-01 -f json "$TMP/d6" || true
expect_eq "an image claiming Debian 6 fails AY-1.1.4" \
  "$(jq -r '.clauses[] | select(.id == "AY-1.1.4") | .verdict' "$TMP/out")" "FAIL"
expect_eq "UPD-002 quotes the os-release line" \
  "$(jq -r '.findings[] | select(.check == "UPD-002") | .evidence.value' "$TMP/out")" \
  'VERSION_ID="6"'

run_ia 2 scan --date 2026-02-30 "$root" || true
grep -q "YYYY-MM-DD" "$TMP/err" && ok "--date refuses 2026-02-30" || fail "no --date message"
run_ia 2 scan --security-index "$TMP/none" "$root" || true
grep -q "cannot read --security-index" "$TMP/err" && ok "--security-index names a missing file" \
  || fail "no --security-index message"
finish
