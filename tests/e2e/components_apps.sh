#!/usr/bin/env bash
# components_apps.sh — software outside the package managers on real software: Debian's
# wordpress, phpmyadmin, mediawiki and roundcube deployed under /var/www (the versions their
# packages declare, their bundled JavaScript libraries and Composer packages, nothing invented),
# and a real Go program (Debian's fzf): its toolchain from the Go build information
# SPDX-License-Identifier: Apache-2.0
. "$(dirname "$0")/lib.sh"
command -v jq >/dev/null || skip_all "jq missing"

st=0
apps=$("$SRC/tests/fixtures/webapps-root.sh") || st=$?
[ $st = 77 ] && skip_all "the webapps root cannot be built here (no apt sources?)"
[ $st = 0 ] || { fail "cannot build the webapps root"; finish; }

run_ia 0 inventory --format json "$apps" || finish
cp "$TMP/out" "$TMP/inv.json"
[ -s "$TMP/err" ] && fail "warnings on real applications: $(head -5 "$TMP/err")"

# the applications, at the upstream version of the Debian package they came from
upstream() { # 1:1.39.17-1~deb12u1 -> 1.39.17, 6.1.9+dfsg1-0+deb12u1 -> 6.1.9
  apt-cache show --no-all-versions "$1" | awk '/^Version:/ { print $2 }' \
    | sed -e 's/^[0-9]*://' -e 's/[-+~].*//'
}
for a in wordpress:wordpress phpmyadmin:phpmyadmin mediawiki:mediawiki roundcube:roundcube-core; do
  name=${a%%:*} pkg=${a#*:}
  expect_eq "$name version" \
    "$(jq -r --arg n "$name" '[.components.list[] | select(.kind == "webapp" and .name == $n) | .version] | join(" ")' "$TMP/inv.json")" \
    "$(upstream "$pkg")"
done
expect_eq "web applications found" \
  "$(jq -r '[.components.list[] | select(.kind == "webapp") | .name] | sort | join(" ")' "$TMP/inv.json")" \
  "mediawiki phpmyadmin roundcube wordpress"
# WordPress's bundled plugin, at the version its own header gives
akismet=$(sed -n 's/^Version: *//p' "$apps/var/www/wordpress/wp-content/plugins/akismet/akismet.php" | head -1)
expect_eq "plugins" \
  "$(jq -r '[.components.list[] | select(.kind == "plugin" or .kind == "theme") | "\(.name) \(.version) \(.parent)"] | join(",")' "$TMP/inv.json")" \
  "akismet $akismet wordpress"
# Composer packages: exactly what mediawiki's installed.json lists
jq -r '.packages[] | "\(.name) \(.version)"' "$apps/var/www/mediawiki/vendor/composer/installed.json" \
  | sort >"$TMP/want-composer"
jq -r '.components.list[] | select(.ecosystem == "Packagist") | "\(.name) \(.version)"' "$TMP/inv.json" \
  | sort >"$TMP/got-composer"
diff -u "$TMP/want-composer" "$TMP/got-composer" >"$TMP/diff" && ok "Composer packages of mediawiki" \
  || { fail "Composer packages differ"; head -20 "$TMP/diff"; }
# JavaScript libraries: each one's evidence file names the library and the version in its
# first kilobyte (or lodash its VERSION), and the ones known to be bundled are there
n=0
while IFS=$'\t' read -r name version path; do
  n=$((n + 1))
  # grep -c reads to the end: grep -q would close the pipe on head (pipefail)
  [ "$(head -c 131072 "$apps$path" | grep -cF "$version")" != 0 ] \
    || fail "$name $version: $path does not hold the version"
  word=${name%%-*}
  [ "$name" = angular ] && word=AngularJS
  [ "$name" = dompurify ] && word=DOMPurify
  [ "$name" = react-dom ] && word=React
  [ "$(head -c 1024 "$apps$path" | grep -ciF "$word")" != 0 ] || fail "$name: $path does not name it"
done < <(jq -r '.components.list[] | select(.kind == "jslib") | [.name, .version, .path] | @tsv' "$TMP/inv.json")
[ "$n" -ge 10 ] && ok "$n JavaScript libraries, each named with its version by its file" \
  || fail "only $n JavaScript libraries"
for want in "jquery /var/www/wordpress/wp-includes/js/jquery" \
  "jquery-ui /var/www/wordpress/wp-includes/js/jquery/ui" \
  "lodash /var/www/wordpress/wp-includes/js/dist/vendor" \
  "moment /var/www/wordpress/wp-includes/js/dist/vendor" \
  "jquery /var/www/mediawiki/resources/lib/jquery" \
  "bootstrap /var/www/phpmyadmin/js/vendor/bootstrap"; do
  expect_eq "$want" "$(jq -r --arg n "${want%% *}" --arg d "${want#* }" \
    '[.components.list[] | select(.kind == "jslib" and .name == $n and .dir == $d)] | length' "$TMP/inv.json")" 1
done
# nothing else: no server, no npm package.json, no PyPI or Maven package in these trees
expect_eq "no other component" \
  "$(jq -r '[.components.list[] | select(.kind != "webapp" and .kind != "plugin" and .kind != "jslib" and .ecosystem != "Packagist") | "\(.name) \(.path)"] | join(", ")' "$TMP/inv.json")" ""
# the table lists the same components
run_ia 0 inventory "$apps"
expect_eq "table: components line" "$(grep -c '^# components:' "$TMP/out")" 1
expect_eq "table: one line per component" \
  "$(sed -n '/^# components:/,$p' "$TMP/out" | grep -vc '^#')" \
  "$(jq '.components.count' "$TMP/inv.json")"
# scan: the components family lists each web application as not examined for vulnerabilities
st=0
"$IMGAUDIT" scan --format json --profile aliyun -o "$TMP/scan.json" "$apps" 2>"$TMP/err" || st=$?
[ "$st" = 0 ] || [ "$st" = 1 ] || fail "scan exited $st: $(head -3 "$TMP/err")"
expect_eq "the report carries the components" "$(jq '.components.count' "$TMP/scan.json")" \
  "$(jq '.components.count' "$TMP/inv.json")"
expect_eq "COMP-003: wordpress not examined, never clean" \
  "$(jq '[.not_examined[] | select(.area == "check COMP-003" and (.reason | test("^wordpress .* not examined for vulnerabilities")))] | length' "$TMP/scan.json")" 1
expect_eq "AY-2.2.2b is NOT EXAMINED" \
  "$(jq -r '.clauses[] | select(.id == "AY-2.2.2b") | .verdict' "$TMP/scan.json")" "NOT EXAMINED"

# a real Go program: the toolchain Debian built it with
st=0
go=$("$SRC/tests/fixtures/go-binary-root.sh") || st=$?
if [ $st = 0 ]; then
  run_ia 0 inventory --format json "$go"
  want=$(sed -n 's/.*golang-\([0-9.]*\) (= \([0-9.]*\)-.*/\2/p' "$go/fzf.built-using")
  expect_eq "fzf's Go toolchain (Built-Using $want)" \
    "$(jq -r '.components.list[] | select(.ecosystem == "Go" and .name == "stdlib") | "\(.path) \(.version)"' "$TMP/out")" \
    "/usr/bin/fzf $want"
elif [ $st = 77 ]; then
  say "fzf cannot be fetched here: the Go program part is not run"
else
  fail "cannot build the Go binary root"
fi
finish
