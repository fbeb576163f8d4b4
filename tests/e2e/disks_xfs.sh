#!/usr/bin/env bash
# disks_xfs.sh — the debootstrapped root on XFS (our own reader): v5 on GPT as raw and compressed
# qcow2, v4 on the whole disk; the same index, inventory and findings as the directory
# SPDX-License-Identifier: Apache-2.0
. "$(dirname "$0")/lib.sh"
root=$(debian_root minbase)
norm='[.findings[] | [.check, .severity, .evidence.path, (.evidence.line|tostring), .evidence.value] | join("|")] | sort | .[]'
run_ia 0 files "$root" && cp "$TMP/out" "$TMP/root.files"
run_ia 0 inventory "$root" && grep -v '^# packages' "$TMP/out" >"$TMP/root.inv"
"$IMGAUDIT" scan --format json "$root" >"$TMP/root.json" 2>/dev/null || true
jq -r "$norm" "$TMP/root.json" >"$TMP/root.findings"
[ -s "$TMP/root.findings" ] || fail "the directory scan has no findings to compare"

# XFS (our own reader): the root made by mkfs.xfs -p, v5 on GPT (raw and compressed qcow2) and
# v4 on the whole disk; each equals the directory (tests/fixtures/xfs-images.sh says what a
# protofile cannot keep: hard links, times; the sticky bit and extended attributes are set
# afterwards, and /usr/bin/bash made a btree-format file)
st=0
xfs=$("$SRC/tests/fixtures/xfs-images.sh" "$root") || st=$?
[ $st = 77 ] && skip_all "no xfsprogs, gdisk or qemu-utils here (scripts/setup.sh installs them)"
[ $st = 0 ] || { fail "cannot build the XFS images"; finish; }
declare -A xformat=([gpt.raw]=raw [gpt-c.qcow2]=qcow2 [v4.xfs]=raw)
for img in gpt.raw gpt-c.qcow2 v4.xfs; do
  if run_ia 0 files "$xfs/$img"; then
    diff -u "$TMP/root.files" "$TMP/out" >"$TMP/diff" \
      && ok "index of XFS $img equals the directory's" \
      || { fail "index of XFS $img differs from the directory's"; head -20 "$TMP/diff"; }
  fi
  if run_ia 0 inventory "$xfs/$img"; then
    grep -v '^# packages' "$TMP/out" | diff -q "$TMP/root.inv" - >/dev/null \
      && ok "inventory of XFS $img equals the directory's" || fail "inventory of XFS $img differs"
  fi
  "$IMGAUDIT" scan --format json "$xfs/$img" >"$TMP/img.json" 2>/dev/null || true
  jq -r "$norm" "$TMP/img.json" | diff -u "$TMP/root.findings" - >"$TMP/diff" \
    && ok "findings of XFS $img equal the directory's" \
    || { fail "findings of XFS $img differ"; head -20 "$TMP/diff"; }
  expect_eq "XFS $img: format and volumes" "$(jq -c '[.target.disk.format,
    .target.disk.partitions] + [.target.disk.volumes[] | [.content, .mount]]' "$TMP/img.json")" \
    "$([ $img = v4.xfs ] && echo '["raw","none",["xfs","/"]]' \
      || echo "[\"${xformat[$img]}\",\"gpt\",[\"bios-boot\",null],[\"xfs\",\"/\"]]")"
done

# every finding names where its file lies: the disk format, the partition, the filesystem
"$IMGAUDIT" scan --format json "$xfs/gpt-c.qcow2" >"$TMP/img.json" 2>/dev/null || true
expect_eq "origin of every finding with a path" "$(jq -c '[.findings[] | select(.evidence.path != "")
  | .evidence.origin] | unique' "$TMP/img.json")" \
  '[{"format":"qcow2","partition":"gpt partition 2","filesystem":"xfs"}]'
expect_eq "no origin on a directory's findings" \
  "$(jq '[.findings[] | select(.evidence.origin)] | length' "$TMP/root.json")" 0
"$IMGAUDIT" scan "$xfs/gpt.raw" >"$TMP/table" 2>/dev/null || true
grep -q 'evidence: /.*  on: gpt partition 2 xfs$' "$TMP/table" \
  && ok "table: the origin on the evidence line" || fail "table: no origin"
finish
