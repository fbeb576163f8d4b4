#!/usr/bin/env bash
# inventory_debian.sh — the inventory of a real debootstrapped Debian 12 root equals dpkg-query's
# SPDX-License-Identifier: Apache-2.0
. "$(dirname "$0")/lib.sh"
command -v jq >/dev/null || skip_all "jq missing"
root=$(debian_root minbase)

dpkg-query --admindir="$root/var/lib/dpkg" -W -f '${Package}\t${Version}\n' | sort >"$TMP/want"
dpkg-query --admindir="$root/var/lib/dpkg" -W >"$TMP/want-default"

run_ia 0 inventory "$root"
grep -v '^#' "$TMP/out" | cut -f1,2 | sort >"$TMP/got"
if diff -u "$TMP/want" "$TMP/got" >"$TMP/diff"; then
  ok "inventory equals dpkg-query, package for package and version for version"
else
  fail "inventory differs from dpkg-query:"; head -40 "$TMP/diff"
fi
expect_eq "package count as dpkg-query -W prints" "$(grep -vc '^#' "$TMP/out")" \
  "$(wc -l <"$TMP/want-default")"
grep -q '^# os: Debian GNU/Linux 12 (bookworm) \[debian 12 bookworm, family debian\]' "$TMP/out" \
  && ok "os identity" || fail "os line: $(head -1 "$TMP/out")"

# the JSON inventory agrees, and names source packages (advisories are keyed by them)
run_ia 0 inventory --format json "$root"
jq -r '.packages.list[] | "\(.name)\t\(.version)"' "$TMP/out" | sort >"$TMP/got-json"
diff -q "$TMP/want" "$TMP/got-json" >/dev/null && ok "json inventory" || fail "json inventory differs"
dpkg-query --admindir="$root/var/lib/dpkg" -W -f '${Package}\t${source:Package}\t${source:Version}\n' \
  | sort >"$TMP/want-src"
jq -r '.packages.list[] | "\(.name)\t\(.source)\t\(.source_version)"' "$TMP/out" | sort >"$TMP/got-src"
diff -u "$TMP/want-src" "$TMP/got-src" >"$TMP/diff" && ok "source packages and versions" \
  || { fail "source packages differ"; head -20 "$TMP/diff"; }
expect_eq "os id" "$(jq -r .os.id "$TMP/out")" debian
expect_eq "os version" "$(jq -r .os.version_id "$TMP/out")" 12
expect_eq "dpkg database complete" "$(jq -r '.packages.databases[0].complete' "$TMP/out")" true
finish
