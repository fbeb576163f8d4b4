#!/usr/bin/env bash
# vulns.sh — imgaudit db import/info and scan --db on the debootstrapped Debian 12 root: real
# tracker excerpts, a fixed vulnerability found and explained, unfixed ones listed without
# failing the gate, no database NOT EXAMINED, a malformed feed refused, a stale source warned
# SPDX-License-Identifier: Apache-2.0
. "$(dirname "$0")/lib.sh"
root=$(debian_root minbase)
data=$SRC/tests/data/vulndb
export XDG_DATA_HOME=$TMP/xdg HOME=$TMP/home
unset IMGAUDIT_DB
db=$TMP/db/vuln.db
mkdir -p "$TMP/db"

run_ia 0 db import --db "$db" "$data"/debian-tracker/*.json || true
expect_eq "import: one line per feed" "$(grep -c 'debian-tracker, source' "$TMP/out")" 2
run_ia 0 db info --db "$db" || true
grep -q '^debian-tracker:vunnel_debian.json$' "$TMP/out" && grep -q 'releases: .*debian:12' "$TMP/out" \
  && ok "info: sources with their releases" || fail "info: $(cat "$TMP/out")"

# no database at all: the vulnerability clauses are NOT EXAMINED, saying how to make one
"$IMGAUDIT" scan --profile jdcloud --format json "$root" >"$TMP/none.json" 2>/dev/null || true
expect_eq "no database: JD-1.1c" "$(jq -r '.clauses[] | select(.id == "JD-1.1c") | .verdict' "$TMP/none.json")" \
  "NOT EXAMINED"
jq -r '.not_examined[].reason' "$TMP/none.json" | grep -q 'no vulnerability database (imgaudit db import' \
  && ok "no database: the reason" || fail "no database: no reason given"

# the real excerpts hold no advisory for the packages of minbase: examined, nothing found
"$IMGAUDIT" scan --db "$db" --profile jdcloud --format json "$root" >"$TMP/a.json" 2>"$TMP/err" || true
expect_eq "real excerpts: JD-1.1c" "$(jq -r '.clauses[] | select(.id == "JD-1.1c") | .verdict' "$TMP/a.json")" PASS

# advisories for this root, written here from its own versions: glibc fixed after the installed
# version (high), tzdata open with no DSA (low)
glibc=$(awk '/^Package: libc6$/ {p=1} p && /^Version:/ {print $2; exit}' "$root/var/lib/dpkg/status")
tz=$(awk '/^Package: tzdata$/ {p=1} p && /^Version:/ {print $2; exit}' "$root/var/lib/dpkg/status")
cat >"$TMP/unfixed.json" <<EOF
{"tzdata": {"CVE-2099-0002": {"description": "test issue without a fix", "releases": {"bookworm":
  {"status": "open", "repositories": {"bookworm": "$tz"}, "urgency": "low", "nodsa": "Minor issue",
   "nodsa_reason": ""}}}}}
EOF
cat >"$TMP/fixed.json" <<EOF
{"glibc": {"CVE-2099-0001": {"description": "test issue", "releases": {"bookworm":
  {"status": "resolved", "repositories": {"bookworm": "$glibc"}, "fixed_version": "$glibc+test1",
   "urgency": "high"}}}}}
EOF
run_ia 0 db import --db "$db" "$TMP/unfixed.json" || true
# a fully updated image is not failed by what its distribution has not fixed
st=0; "$IMGAUDIT" scan --db "$db" --profile jdcloud --format json "$root" >"$TMP/b.json" 2>/dev/null || st=$?
expect_eq "unfixed only: JD-1.1c" "$(jq -r '.clauses[] | select(.id == "JD-1.1c") | .verdict' "$TMP/b.json")" PASS
expect_eq "unfixed: listed as info with the distribution's status" \
  "$(jq -r '.findings[] | select(.check == "VULN-002") | "\(.severity) \(.details.advisory) \(.details.status) \(.details.severity)"' "$TMP/b.json")" \
  "info CVE-2099-0002 no-dsa low"
st=0; "$IMGAUDIT" scan --db "$db" --profile aliyun --count-unfixed --format json "$root" >"$TMP/c.json" 2>/dev/null || st=$?
expect_eq "--count-unfixed: AY-1.1.1 fails on it" \
  "$(jq -r '.clauses[] | select(.id == "AY-1.1.1") | .verdict' "$TMP/c.json")" FAIL

run_ia 0 db import --db "$db" "$TMP/fixed.json" || true
st=0; "$IMGAUDIT" scan --db "$db" --profile jdcloud --format json "$root" >"$TMP/d.json" 2>/dev/null || st=$?
expect_eq "fixed: exit status" "$st" 1
expect_eq "fixed: JD-1.1c" "$(jq -r '.clauses[] | select(.id == "JD-1.1c") | .verdict' "$TMP/d.json")" FAIL
f='.findings[] | select(.check == "VULN-001")'
expect_eq "fixed: explained" \
  "$(jq -r "$f | \"\(.severity)|\(.details.advisory)|\(.details.package)|\(.details.installed)|\(.details.comparator)|\(.details.comparison)\"" "$TMP/d.json")" \
  "high|CVE-2099-0001|glibc|$glibc|dpkg|$glibc < fixed $glibc+test1 (dpkg)"
expect_eq "fixed: the fix command names glibc's binaries" \
  "$(jq -r "$f | .remediation" "$TMP/d.json")" "apt-get install --only-upgrade libc-bin libc6"
# the table says it too
"$IMGAUDIT" scan --db "$db" "$root" >"$TMP/table" 2>/dev/null || true
grep -q 'CVE-2099-0001 (debian-tracker:fixed.json): glibc' "$TMP/table" && ok "table: the finding" \
  || fail "table: no VULN-001 line"

# IMGAUDIT_DB, and the default path under XDG_DATA_HOME
IMGAUDIT_DB=$db "$IMGAUDIT" scan --format json "$root" >"$TMP/e.json" 2>/dev/null || true
expect_eq "IMGAUDIT_DB" "$(jq '[.findings[] | select(.check == "VULN-001")] | length' "$TMP/e.json")" 1
mkdir -p "$XDG_DATA_HOME/imgaudit" && cp "$db" "$XDG_DATA_HOME/imgaudit/vuln.db"
"$IMGAUDIT" scan --format json "$root" >"$TMP/f.json" 2>/dev/null || true
expect_eq "default path" "$(jq '[.findings[] | select(.check == "VULN-001")] | length' "$TMP/f.json")" 1
run_ia 2 scan --db "$TMP/missing.db" "$root" || true
grep -q 'missing.db' "$TMP/err" && ok "a named database that is missing: exit 2, named" || fail "$(cat "$TMP/err")"

# the HTML report's chart of packages by the age of their oldest pending fix, at --date: glibc's
# fix has no date (the tracker records none); an OSV record (its format, as Debian's OSV export
# writes them) for zlib, published 2026-10-01, is 62 days old on 2026-12-02
zlib=$(awk '/^Package: zlib1g$/ {p=1} p && /^Version:/ {print $2; exit}' "$root/var/lib/dpkg/status")
cat >"$TMP/zlib-osv.json" <<EOF
{"id": "DSA-9999-1", "modified": "2026-10-02T00:00:00Z", "published": "2026-10-01T08:00:00Z",
 "summary": "zlib - test", "affected": [{"package": {"ecosystem": "Debian:12", "name": "zlib"},
 "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "$zlib+test1"}]}]}]}
EOF
run_ia 0 db import --db "$db" "$TMP/zlib-osv.json" || true
st=0; "$IMGAUDIT" scan --db "$db" --date 2026-12-02 -f json -o "$TMP/h.json" -f html -o "$TMP/h.html" "$root" >/dev/null 2>&1 || st=$?
expect_eq "OSV: the advisory's published day in the details" \
  "$(jq -r '.findings[] | select(.details.advisory == "DSA-9999-1") | .details.published' "$TMP/h.json")" 2026-10-01
bar() { tr '\n' ' ' <"$TMP/h.html" | sed -n "s|.*>$1</text><rect[^>]*/><text[^>]*>\([0-9]*\)</text>.*|\1|p"; }
grep -q 'Packages by age of their pending fix' "$TMP/h.html" && ok "HTML: the pending-fix chart" || fail "HTML: no pending-fix chart"
expect_eq "HTML: zlib's fix is 30 to 90 days old" "$(bar '30 to 90 days')" 1
expect_eq "HTML: glibc's fix has no date" "$(bar 'date unknown')" 1
expect_eq "HTML: nothing under 30 days" "$(bar 'under 30 days')" 0

# a malformed feed is refused and leaves the database as it was
"$IMGAUDIT" db info --db "$db" >"$TMP/info1"
printf '{"glibc": {"CVE-1": {"releases": {"bookworm": {"status": 3}}}}}' >"$TMP/bad.json"
run_ia 2 db import --db "$db" "$TMP/bad.json" || true
grep -q 'bad.json' "$TMP/err" && grep -q 'must be strings' "$TMP/err" && ok "malformed: refused with the file and why" \
  || fail "malformed: $(cat "$TMP/err")"
"$IMGAUDIT" db info --db "$db" >"$TMP/info2"
cmp -s "$TMP/info1" "$TMP/info2" && ok "malformed: database unchanged" || fail "malformed: database changed"

# a stale source is warned about; the scan still runs; the database is read-only to the scan
run_ia 0 db import --db "$db" "$data/osv/single/DSA-3029-1.json" || true
chmod 0444 "$db"; chmod 0555 "$TMP/db"
st=0; "$IMGAUDIT" scan --db "$db" "$root" >/dev/null 2>"$TMP/err" || st=$?
grep -q 'warning: vulnerability source osv:DSA-3029-1.json is [0-9]* days old' "$TMP/err" \
  && ok "stale source warned" || fail "no warning: $(cat "$TMP/err")"
expect_eq "stale: the scan ran" "$st" 1
expect_eq "nothing written beside the database" "$(ls "$TMP/db")" "vuln.db"
"$IMGAUDIT" scan --db "$db" --db-max-age 0 "$root" >/dev/null 2>"$TMP/err" || true
grep -q 'days old' "$TMP/err" && fail "--db-max-age 0 still warns" || ok "--db-max-age 0: no warning"
chmod 0755 "$TMP/db"
finish
