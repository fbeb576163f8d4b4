#!/usr/bin/env bash
# updates.sh — scan --security-index and --date end to end: the missing security updates of the
# debootstrapped Debian 12 with the real bookworm-security index, JD-1.1d/JD-1.1e verdicts,
# an image claiming Debian 6, and the options' errors; an rpm image with its repository
# directory, an apk image with an APKINDEX.tar.gz and the Alpine secdb
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

# an rpm image (tests/fixtures/rpm-repo.sh): its repository given as a directory
if fx=$("$SRC/tests/fixtures/rpm-repo.sh" 2>/dev/null); then
  cp -a "$fx/root" "$TMP/rpm" && rm -rf "$TMP/rpm/var/cache/dnf"
  run_ia 1 scan --profile jdcloud --date 2026-12-01 --security-index "$fx/repo" -f json \
    "$TMP/rpm" || true
  expect_eq "JD-1.1e fails on the rpm image with its repository" \
    "$(jq -r '.clauses[] | select(.id == "JD-1.1e") | .verdict' "$TMP/out")" "FAIL"
  expect_eq "the six security updates dnf lists, each fixed by its advisory" \
    "$(jq -r '[.findings[] | select(.check == "UPD-001") | .remediation] | sort | join(" ")' \
      "$TMP/out")" \
    "dnf update --advisory=IA-2026:0001 dnf update --advisory=IA-2026:0002 dnf update --advisory=IA-2026:0004 dnf update --advisory=IA-2026:0005 dnf update --advisory=IA-2026:0007 dnf update --advisory=IA-2026:0009"
else
  ok "rpm part skipped: the rpm fixture cannot be built here"
fi

# an apk image: the trivy installed database (Alpine 3.4 era), an APKINDEX.tar.gz packed as
# abuild does from tests/data/alpine/apkindex/APKINDEX, the Alpine 3.4 secdb imported
mkdir -p "$TMP/apk/lib/apk/db" "$TMP/apk/etc" "$TMP/apkidx/s" "$TMP/apkidx/i"
cp "$SRC/tests/data/alpine/apk-installed/trivy_installed" "$TMP/apk/lib/apk/db/installed"
cp "$SRC/tests/data/os-release/claircore/alpine/3.4/etc/os-release" "$TMP/apk/etc/os-release"
cp "$SRC/tests/data/alpine/apkindex/APKINDEX" "$TMP/apkidx/i/APKINDEX"
echo v3.4.6-0-gtest > "$TMP/apkidx/i/DESCRIPTION"
printf sig > "$TMP/apkidx/s/.SIGN.RSA.test.rsa.pub"
(cd "$TMP/apkidx/s" && tar --format=ustar -b1 -cf ../sig.tar .SIGN.RSA.test.rsa.pub)
head -c 1024 "$TMP/apkidx/sig.tar" | gzip -n > "$TMP/apkidx/a.gz"
(cd "$TMP/apkidx/i" && tar --format=ustar -cf - DESCRIPTION APKINDEX | gzip -n > ../b.gz)
cat "$TMP/apkidx/a.gz" "$TMP/apkidx/b.gz" > "$TMP/apkidx/APKINDEX.tar.gz"
run_ia 0 db import --db "$TMP/apk.db" "$SRC/tests/data/vulndb/alpine-secdb/v3.4-main.json" \
  || fail "secdb import"
run_ia 1 scan --profile jdcloud --date 2026-12-01 --db "$TMP/apk.db" \
  --security-index "$TMP/apkidx/APKINDEX.tar.gz" -f json "$TMP/apk" || true
expect_eq "JD-1.1e fails on the apk image" \
  "$(jq -r '.clauses[] | select(.id == "JD-1.1e") | .verdict' "$TMP/out")" "FAIL"
expect_eq "six security updates named by the secdb, one other update" \
  "$(jq -r '[.findings[] | select(.check == "UPD-001") | .details.source] | sort | unique
     | map(.) | join(" ")' "$TMP/out") $(jq '[.findings[] | select(.check == "UPD-001")
     | select(.details.advisory != null)] | length' "$TMP/out")" "APKINDEX alpine-secdb 6"
finish
