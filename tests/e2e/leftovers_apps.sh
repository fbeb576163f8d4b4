#!/usr/bin/env bash
# leftovers_apps.sh — LEFT-009 on real PHP applications (Debian's wordpress, phpmyadmin,
# mediawiki, roundcube deployed under /var/www, tests/fixtures/webapps-root.sh): the test data
# of their vendored libraries is not the image's; test data of the image's own still is
# SPDX-License-Identifier: Apache-2.0
. "$(dirname "$0")/lib.sh"

# left in the image by whoever built it: found
own=$TMP/own
mkdir -p "$own/etc" "$own/root/testdata" "$own/srv/app/tests/fixtures" \
  "$own/var/www/app/vendor/acme/lib/tests/fixtures" "$own/var/www/app/vendor/acme/lib/testdata" \
  "$own/root/go/pkg/mod/example.com/m@v1.0.0/testdata" "$own/var/www/app/node_modules/x/testdata"
printf 'ID=debian\nVERSION_ID="12"\n' >"$own/etc/os-release"
printf 'root:x:0:0:root:/root:/bin/sh\n' >"$own/etc/passwd"
for d in root/testdata srv/app/tests/fixtures var/www/app/vendor/acme/lib/tests/fixtures \
  var/www/app/vendor/acme/lib/testdata root/go/pkg/mod/example.com/m@v1.0.0/testdata \
  var/www/app/node_modules/x/testdata; do
  printf 'sample\n' >"$own/$d/case1.json"
done
st=0
"$IMGAUDIT" scan --format json -o "$TMP/own.json" "$own" 2>"$TMP/err" || st=$?
[ "$st" = 0 ] || [ "$st" = 1 ] || fail "scan of the hand-made root exited $st: $(cat "$TMP/err")"
jq -r '.findings[] | select(.check == "LEFT-009") | .evidence.path' "$TMP/own.json" | sort \
  >"$TMP/own.paths"
expect_eq "LEFT-009 finds the image's own test data, not the vendored libraries'" \
  "$(tr '\n' ' ' <"$TMP/own.paths")" "/root/testdata /srv/app/tests/fixtures "

# real applications: no LEFT-009 finding (before, mediawiki's
# vendor/wikimedia/utfnormal/scripts/testdata was reported)
st=0
apps=$("$SRC/tests/fixtures/webapps-root.sh") || st=$?
[ $st = 77 ] && skip_all "the webapps root cannot be built here (no apt sources?)"
[ $st = 0 ] || { fail "cannot build the webapps root"; finish; }
for a in wordpress phpmyadmin mediawiki roundcube; do
  [ -d "$apps/var/www/$a" ] || fail "no /var/www/$a in the webapps root"
done
[ -d "$apps/var/www/mediawiki/vendor/wikimedia/utfnormal/scripts/testdata" ] \
  || fail "the webapps root no longer holds the vendored test data this test is about"
st=0
"$IMGAUDIT" scan --format json -o "$TMP/apps.json" "$apps" 2>"$TMP/err" || st=$?
[ "$st" = 0 ] || [ "$st" = 1 ] || fail "scan of the webapps root exited $st: $(cat "$TMP/err")"
expect_eq "the leftovers family ran" \
  "$(jq '[.not_examined[]? | select(.area == "check LEFT-009")] | length' "$TMP/apps.json")" 0
expect_eq "no LEFT-009 finding in real applications" \
  "$(jq -r '[.findings[] | select(.check == "LEFT-009") | .evidence.path] | join(" ")' \
    "$TMP/apps.json")" ""
finish
