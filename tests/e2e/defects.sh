#!/usr/bin/env bash
# defects.sh — regression tests of defects found by review (issue 7, section 4): each fails
# before its fix
# SPDX-License-Identifier: Apache-2.0
. "$(dirname "$0")/lib.sh"

# 1. a docker-save archive whose manifest names a layer stored as a hard-link member (tar
# stores the second name of a file as a link to the first): the layer is read through the link
root=$TMP/small
mkdir -p "$root/etc"
printf 'ID=debian\nVERSION_ID="12"\n' >"$root/etc/os-release"
printf 'linked layer\n' >"$root/etc/imgaudit-linked"
"$SRC/tests/fixtures/mkimage.sh" "$root" "$TMP/plain.tar" >/dev/null
mkdir "$TMP/unpacked"
tar -C "$TMP/unpacked" -xf "$TMP/plain.tar"
layer=$(jq -r '.[0].Layers[0]' "$TMP/unpacked/manifest.json")
mkdir "$TMP/unpacked/zz-linked"
ln "$TMP/unpacked/$layer" "$TMP/unpacked/zz-linked/layer.tar"
jq -c '.[0].Layers = ["zz-linked/layer.tar"]' "$TMP/unpacked/manifest.json" >"$TMP/manifest"
mv "$TMP/manifest" "$TMP/unpacked/manifest.json"
tar --numeric-owner --owner=0 --group=0 --format=gnu -C "$TMP/unpacked" -cf "$TMP/linked.tar" \
  manifest.json "$layer" zz-linked/layer.tar "$(jq -r '.[0].Config' "$TMP/unpacked/manifest.json")"
tar -tvf "$TMP/linked.tar" >"$TMP/members"
grep -q '^h.* zz-linked/layer.tar link to ' "$TMP/members" \
  || fail "the fixture does not store zz-linked/layer.tar as a hard link"
run_ia 0 files "$TMP/linked.tar" && grep -q '/etc/imgaudit-linked' "$TMP/out" \
  && ok "a layer stored as a hard-link member is read" || fail "hard-link layer: $(cat "$TMP/err")"

# 2. a 64 MiB /lib/apk/db/installed (IA_MAX_TEXT_FILE) of distinct "R:" lines: the package
# file lists stop at IA_MAX_PKG_FILES and the audit's peak memory stays bounded (it reached
# 1.25 GB when every package kept its own list of pending files); the limit is a problem
[ -x /usr/bin/time ] || skip_all "no /usr/bin/time (Debian's time package, scripts/setup.sh)"
apk=$TMP/apk
mkdir -p "$apk/lib/apk/db" "$apk/etc"
printf 'ID=alpine\nVERSION_ID=3.19.0\n' >"$apk/etc/os-release"
{
  printf 'P:big\nV:1-r0\nF:usr\n'
  seq -f 'R:%.0f' 10000000 20000000
} | head -c $((64 * 1024 * 1024 - 4096)) >"$apk/lib/apk/db/installed" || true # seq: SIGPIPE
[ "$(stat -c %s "$apk/lib/apk/db/installed")" = $((64 * 1024 * 1024 - 4096)) ] \
  || fail "cannot write the big apk database"
printf '\n' >>"$apk/lib/apk/db/installed"
st=0
/usr/bin/time -f %M -o "$TMP/rss" "$IMGAUDIT" inventory --format json "$apk" >"$TMP/out" \
  2>"$TMP/err" || st=$?
expect_eq "inventory of the big apk database: incomplete (exit 1)" "$st" 1
rss_mib=$(($(tail -n1 "$TMP/rss") / 1024))
say "peak RSS: $rss_mib MiB"
# the build under test may carry ASan (its shadow memory and redzones roughly double the
# heap); the limit is the README's worst case for package databases with that margin
limit=${IA_RSS_LIMIT_MIB:-600}
[ "$rss_mib" -le "$limit" ] && ok "peak memory $rss_mib MiB <= $limit MiB" \
  || fail "peak memory $rss_mib MiB > $limit MiB"
grep -q "IA_MAX_PKG_FILES" "$TMP/err" && ok "the file limit is reported as a problem" \
  || fail "no IA_MAX_PKG_FILES problem on standard error"

finish
