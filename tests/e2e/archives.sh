#!/usr/bin/env bash
# archives.sh — the debootstrapped root packed as a docker-save archive, an OCI layout directory
# (zstd) and an OCI layout tar (gzip): the same index, inventory and findings as the directory
# scan; extra layers' whiteouts and opaque directory honoured; owners and modes from the headers
# SPDX-License-Identifier: Apache-2.0
. "$(dirname "$0")/lib.sh"
command -v skopeo >/dev/null || skip_all "skopeo missing"
root=$(debian_root minbase)

"$SRC/tests/fixtures/mkimage.sh" "$root" "$TMP/plain.tar" --oci-dir "$TMP/plain-oci" \
  --oci-archive "$TMP/plain-oci.tar" >/dev/null
"$SRC/tests/fixtures/mkimage.sh" "$root" "$TMP/layers.tar" --oci-dir "$TMP/layers-oci" \
  --oci-archive "$TMP/layers-oci.tar" --extra-layers >"$TMP/mk.out"
deleted=$(sed -n 's/^whiteout: //p' "$TMP/mk.out")
[ -n "$deleted" ] && [ "$deleted" != none ] || { fail "mkimage.sh deleted nothing"; finish; }

run_ia 0 files "$root"; cp "$TMP/out" "$TMP/dir.files"

# 1. the index: every entry with type, mode, owner and size, as the directory scan sees it
for img in plain.tar plain-oci plain-oci.tar; do
  run_ia 0 files "$TMP/$img" || continue
  diff -u "$TMP/dir.files" "$TMP/out" >"$TMP/diff" && ok "index of $img equals the directory's" \
    || { fail "index of $img differs from the directory's"; head -20 "$TMP/diff"; }
done

# with the extra layers: the whited-out directory is gone, /etc/skel holds only the opaque
# layer's file, the layer-2 file keeps its setuid mode and numeric owner from the tar header
awk -v d="$deleted" -v s=/etc/skel '{
    p = $5
    if (p == d || index(p, d "/") == 1) next
    if (index(p, s "/") == 1) next
    print
  }' "$TMP/dir.files" >"$TMP/want"
{
  echo "-rwsr-xr-x 1234 1234 7 /etc/imgaudit-layer2"
  echo "-rw-r----- 1234 1234 7 /etc/skel/imgaudit-only"
} >>"$TMP/want"
LC_ALL=C sort -k5 "$TMP/want" >"$TMP/want.sorted"
for img in layers.tar layers-oci layers-oci.tar; do
  run_ia 0 files "$TMP/$img" || continue
  LC_ALL=C sort -k5 "$TMP/out" >"$TMP/got.sorted"
  diff -u "$TMP/want.sorted" "$TMP/got.sorted" >"$TMP/diff" \
    && ok "$img: whiteout, opaque directory, header modes and owners" \
    || { fail "$img index is not the directory's with the extra layers applied"; head -20 "$TMP/diff"; }
done
run_ia 2 files "$TMP/layers.tar" "$deleted" && ok "$deleted is gone" || true

# 2. the inventory is the same for every form
run_ia 0 inventory "$root"; grep -v '^# packages' "$TMP/out" >"$TMP/dir.inv"
for img in plain.tar plain-oci plain-oci.tar layers.tar layers-oci layers-oci.tar; do
  run_ia 0 inventory "$TMP/$img" || continue
  grep -v '^# packages' "$TMP/out" | diff -q "$TMP/dir.inv" - >/dev/null \
    && ok "inventory of $img equals the directory's" || fail "inventory of $img differs"
done

# 3. the findings are the same, apart from the checks that apply only to one kind of target:
# container configuration (CTR), build history (PKG-003), and boot-time logging, sysctl and the
# host firewall (LOG, KERN, SVC-009), which do not apply inside a container
norm='[.findings[] | select(.check | test("^(CTR|LOG|KERN)-|^PKG-003$|^SVC-009$") | not)
       | [.check, .severity, .evidence.path, (.evidence.line|tostring), .evidence.value] | join("|")] | sort | .[]'
"$IMGAUDIT" scan --format json "$root" >"$TMP/dir.json" 2>/dev/null || true
jq -r "$norm" "$TMP/dir.json" >"$TMP/dir.findings"
[ -s "$TMP/dir.findings" ] || fail "the directory scan has no findings to compare"
for img in plain.tar plain-oci plain-oci.tar; do
  "$IMGAUDIT" scan --format json "$TMP/$img" >"$TMP/img.json" 2>/dev/null || true
  jq -r "$norm" "$TMP/img.json" | diff -u "$TMP/dir.findings" - >"$TMP/diff" \
    && ok "findings of $img equal the directory's" \
    || { fail "findings of $img differ"; head -20 "$TMP/diff"; }
done
# the setuid file owned by nobody that layer 2 adds is found with its header mode and owner
"$IMGAUDIT" scan --format json "$TMP/layers-oci.tar" >"$TMP/img.json" 2>/dev/null || true
jq -e '[.findings[] | select(.evidence.path == "/etc/imgaudit-layer2")] | length >= 2' \
  "$TMP/img.json" >/dev/null && ok "layer-2 setuid file owned by uid 1234 is found" \
  || fail "no finding for /etc/imgaudit-layer2"
expect_eq "OCI tar detected" "$(jq -r .target.kind "$TMP/img.json")" oci-archive
expect_eq "OCI tar: three layers" "$(jq -r .target.image.layers "$TMP/img.json")" 3
"$IMGAUDIT" scan --format json "$TMP/layers.tar" >"$TMP/img.json" 2>/dev/null || true
expect_eq "docker-save detected" "$(jq -r .target.kind "$TMP/img.json")" docker-archive
expect_eq "docker-save: the tag from the manifest" "$(jq -r .target.image.ref "$TMP/img.json")" \
  imgaudit-fixture:latest
jq -e '[.target.notes[] | select(.note | test("layer digest not verified"))] | length == 3' \
  "$TMP/img.json" >/dev/null && ok "the report notes each uncompressed layer not hashed" \
  || fail "no note for the layers read in place"
"$IMGAUDIT" scan --verify-layers --format json "$TMP/layers.tar" >"$TMP/v.json" 2>/dev/null || true
expect_eq "--verify-layers hashes them: no such note" \
  "$(jq '[.target.notes[] | select(.note | test("not verified"))] | length' "$TMP/v.json")" 0
expect_eq "--verify-layers: same findings" "$(jq -c '[.findings[].check]' "$TMP/v.json")" \
  "$(jq -c '[.findings[].check]' "$TMP/img.json")"
expect_eq "no USER in the config: runs as root (CTR-001)" \
  "$(jq -r '[.findings[] | select(.check == "CTR-001")] | length' "$TMP/img.json")" 1
finish
