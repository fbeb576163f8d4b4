#!/usr/bin/env bash
# components_vulns.sh — imgaudit scan --db on language packages, a bundled JavaScript library and a
# Node.js runtime made here, against real OSV records and the Node.js security WG's advisories:
# each vulnerable version found with its advisory and explained, the fixed version not, an
# unparsable version NOT EXAMINED; and on Debian's real WordPress, phpMyAdmin, MediaWiki and
# Roundcube trees only the advisories that truly apply
# SPDX-License-Identifier: Apache-2.0
. "$(dirname "$0")/lib.sh"
command -v jq >/dev/null || skip_all "jq missing"
command -v python3 >/dev/null || skip_all "python3 missing"
data=$SRC/tests/data/vulndb
export XDG_DATA_HOME=$TMP/xdg HOME=$TMP/home
unset IMGAUDIT_DB
db=$TMP/vuln.db

run_ia 0 db import --db "$db" "$data/osv/ghsa" "$data/osv/pypi" "$data/osv/go" \
  "$data/nodejs-security-wg/core/index.json" "$data/nodejs-security-wg/npm/index.json" || finish
grep -q 'nodejs-security-wg, source nodejs-security-wg:core/index.json: 162 advisories' "$TMP/out" \
  && ok "import: the Node.js core advisories" || fail "import: $(cat "$TMP/out")"

root=$TMP/root
mkdir -p "$root/etc"
printf 'ID=debian\nVERSION_ID="12"\nVERSION_CODENAME=bookworm\n' >"$root/etc/os-release"
printf 'root:x:0:0:root:/root:/bin/bash\n' >"$root/etc/passwd"
pkg() { mkdir -p "$root/$1" && printf '{"name":"%s","version":"%s"}' "$2" "$3" >"$root/$1/package.json"; }
pkg srv/app/node_modules/lodash lodash 4.17.11
pkg srv/new/node_modules/lodash lodash 4.17.21
pkg srv/odd/node_modules/lodash lodash latest
mkdir -p "$root/opt/py/lib/python3.11/site-packages/requests-2.30.0.dist-info"
printf 'Metadata-Version: 2.1\nName: requests\nVersion: 2.30.0\n' \
  >"$root/opt/py/lib/python3.11/site-packages/requests-2.30.0.dist-info/METADATA"
mkdir -p "$root/opt/app/lib"
python3 - "$root/opt/app/lib/log4j-core-2.14.1.jar" <<'PY'
import sys, zipfile
z = zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED)
z.writestr("META-INF/MANIFEST.MF", "Manifest-Version: 1.0\n")
z.writestr("META-INF/maven/org.apache.logging.log4j/log4j-core/pom.properties",
           "version=2.14.1\ngroupId=org.apache.logging.log4j\nartifactId=log4j-core\n")
PY
mkdir -p "$root/var/www/html/js"
printf '/*! jQuery v1.11.1 | (c) 2005, 2014 jQuery Foundation, Inc. */\n!function(a){}' \
  >"$root/var/www/html/js/jquery-1.11.1.min.js"
mkdir -p "$root/usr/local/include/node"
printf '#define NODE_MAJOR_VERSION 8\n#define NODE_MINOR_VERSION 1\n#define NODE_PATCH_VERSION 3\n' \
  >"$root/usr/local/include/node/node_version.h"

st=0
"$IMGAUDIT" scan --db "$db" --db-max-age 100000 --profile jike --format json "$root" \
  >"$TMP/a.json" 2>"$TMP/err" || st=$?
expect_eq "vulnerable components: exit status" "$st" 1
f='.findings[] | select(.details.advisory == "GHSA-jf85-cpcp-j695")'
expect_eq "lodash 4.17.11: found and explained" \
  "$(jq -r "$f | \"\(.check)|\(.severity)|\(.evidence.path)|\(.details.installed)|\(.details.affected_range)|\(.details.comparison)|\(.remediation)\"" "$TMP/a.json")" \
  "COMP-001|critical|/srv/app/node_modules/lodash/package.json|4.17.11|<4.17.12|4.17.11 < fixed 4.17.12 (semver)|npm install lodash@4.17.12 (in /srv/app/node_modules/lodash)"
expect_eq "lodash 4.17.21: nothing" \
  "$(jq '[.findings[] | select(.evidence.path | startswith("/srv/new/"))] | length' "$TMP/a.json")" 0
expect_eq "lodash 'latest': NOT EXAMINED with the reason" \
  "$(jq -r '.not_examined[] | select(.path == "/srv/odd/node_modules/lodash/package.json") | .reason' "$TMP/a.json")" \
  "lodash latest (library, npm): not examined for vulnerabilities: semver version 'latest' is not valid: no major version number (version read from \"version\" in package.json)"
expect_eq "requests 2.30.0: PYSEC-2023-74, pip's fix" \
  "$(jq -r '.findings[] | select(.details.advisory == "PYSEC-2023-74") | "\(.details.package) \(.details.fixed) \(.details.fix_command)"' "$TMP/a.json")" \
  "requests 2.31.0 pip install 'requests>=2.31.0'"
expect_eq "log4j-core 2.14.1 in a jar: Log4Shell" \
  "$(jq -r '.findings[] | select(.details.advisory == "GHSA-jfh8-c2jp-5v3q") | "\(.severity) \(.details.package) \(.details.comparator) \(.details.aliases)"' "$TMP/a.json" | cut -d' ' -f1-4)" \
  "critical org.apache.logging.log4j:log4j-core maven CVE-2021-44228"
expect_eq "jQuery 1.11.1 in the web root: NSWG-NPM-328" \
  "$(jq -r '.findings[] | select(.details.advisory == "NSWG-NPM-328") | "\(.check) \(.evidence.path) \(.details.affected_range) \(.details.fixed)"' "$TMP/a.json")" \
  "COMP-004 /var/www/html/js/jquery-1.11.1.min.js >=1.4.0, <3.0.0 3.0.0"
expect_eq "Node.js 8.1.3: NSWG-CORE-1" \
  "$(jq -r '.findings[] | select(.details.advisory == "NSWG-CORE-1") | "\(.details.ecosystem) \(.details.package) \(.details.fixed) \(.details.aliases)"' "$TMP/a.json")" \
  "nodejs node 8.1.4 CVE-2017-1000381"
expect_eq "JK-JSLIB fails on the jQuery" \
  "$(jq -r '.clauses[] | select(.id == "JK-JSLIB") | .verdict' "$TMP/a.json")" FAIL
"$IMGAUDIT" scan --db "$db" --db-max-age 100000 "$root" >"$TMP/table" 2>/dev/null || true
grep -q 'NSWG-NPM-328 (nodejs-security-wg:npm/index.json): jquery 1.11.1 (npm) is older than the fixed 3.0.0' \
  "$TMP/table" && ok "table: the jQuery finding" || fail "table: no COMP-004 line"

# the fixed versions: nothing left to report, the clauses PASS
rm -rf "$root/srv/app" "$root/srv/odd" "$root/opt" "$root/var/www/html/js/jquery-1.11.1.min.js" \
  "$root/usr/local/include/node"
printf '/*! jQuery v3.7.1 | (c) OpenJS Foundation and other contributors */\n' \
  >"$root/var/www/html/js/jquery-3.7.1.min.js"
st=0
"$IMGAUDIT" scan --db "$db" --db-max-age 100000 --profile jike --format json "$root" \
  >"$TMP/b.json" 2>/dev/null || st=$?
expect_eq "fixed versions: no component finding" \
  "$(jq '[.findings[] | select(.check | startswith("COMP"))] | length' "$TMP/b.json")" 0
expect_eq "fixed versions: JK-JSLIB passes" \
  "$(jq -r '.clauses[] | select(.id == "JK-JSLIB") | .verdict' "$TMP/b.json")" PASS

# real applications: only the advisories that apply (MediaWiki bundles jQuery UI 1.9.2, which
# CVE-2016-7103 affects); everything else listed as not examined, web applications included
st=0
apps=$("$SRC/tests/fixtures/webapps-root.sh") || st=$?
if [ $st = 0 ]; then
  st=0
  "$IMGAUDIT" scan --db "$db" --db-max-age 100000 --profile aliyun --format json "$apps" \
    >"$TMP/apps.json" 2>/dev/null || st=$?
  expect_eq "real applications: the findings" \
    "$(jq -r '[.findings[] | select(.check | startswith("COMP")) | "\(.check) \(.details.advisory) \(.evidence.value)"] | sort | unique | join(", ")' "$TMP/apps.json")" \
    "COMP-004 NSWG-NPM-127 jquery-ui 1.9.2"
  expect_eq "real applications: WordPress not examined, with its version" \
    "$(jq '[.not_examined[] | select(.area == "check COMP-003" and (.reason | test("^wordpress [0-9.]+ \\(webapp, generic\\): not examined for vulnerabilities")))] | length' "$TMP/apps.json")" 1
  expect_eq "real applications: Composer packages not examined (no Packagist data here)" \
    "$(jq '[.not_examined[] | select(.area == "check COMP-001" and (.reason | test("\\(library, Packagist\\): not examined for vulnerabilities: the vulnerability database holds no packagist advisories")))] | length > 0' "$TMP/apps.json")" true
elif [ $st = 77 ]; then
  say "the webapps root cannot be built here: the real applications part is not run"
else
  fail "cannot build the webapps root"
fi
finish
