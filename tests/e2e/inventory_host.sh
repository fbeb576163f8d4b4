#!/usr/bin/env bash
# inventory_host.sh — the live host "/" is read as an image: its packages equal dpkg-query's
# SPDX-License-Identifier: Apache-2.0
. "$(dirname "$0")/lib.sh"
[ -f /var/lib/dpkg/status ] || skip_all "the host is not a dpkg system"

run_ia 0 inventory --format json /
expect_eq "kind of /" "$(jq -r .target.kind "$TMP/out")" host
dpkg-query -W -f '${Package}\t${Version}\n' | sort >"$TMP/want"
jq -r '.packages.list[] | "\(.name)\t\(.version)"' "$TMP/out" | sort >"$TMP/got"
diff -u "$TMP/want" "$TMP/got" >"$TMP/diff" && ok "host packages equal dpkg-query" \
  || { fail "host inventory differs"; head -20 "$TMP/diff"; }
# pseudo filesystems are not walked as files, and the report says so
for p in /proc /sys; do
  expect_eq "$p noted as not walked" \
    "$(jq -r --arg p "$p" '[.target.notes[] | select(.path == $p and (.note | test("not walked")))] | length' "$TMP/out")" 1
done
run_ia 0 files / /proc
expect_eq "/proc itself is listed, nothing below it" "$(wc -l <"$TMP/out")" 1
finish
