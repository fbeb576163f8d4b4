#!/usr/bin/env bash
# disks.sh — the debootstrapped root as VM disk images (raw ext4, MBR with a logical partition,
# GPT with /var on its own partition, qcow2 v2/v3/compressed/with a backing file, VMDK sparse and
# streamOptimized, VHD, VHDX): the same index, inventory and findings as the directory (XFS:
# disks_xfs.sh)
# SPDX-License-Identifier: Apache-2.0
. "$(dirname "$0")/lib.sh"
root=$(debian_root minbase)
st=0
disks=$("$SRC/tests/fixtures/disk-images.sh" "$root") || st=$?
[ $st = 77 ] && skip_all "no disk tools here (e2fsprogs, fdisk, gdisk, qemu-utils)"
[ $st = 0 ] || { fail "cannot build the disk images"; finish; }

# mke2fs makes /lost+found in each ext filesystem: the only entries a directory has not
nolf() { grep -vE ' /(var/)?lost\+found$' "$1" || true; }

# what each form must equal: the MBR and whole-disk forms hold the root as it is, the GPT forms
# hold ref/ (the root with an /etc/fstab mounting /var from partition 3)
want_of() { case $1 in gpt* | overlay*) echo ref ;; *) echo root ;; esac; }
norm='[.findings[] | [.check, .severity, .evidence.path, (.evidence.line|tostring), .evidence.value] | join("|")] | sort | .[]'
for ref in root ref; do
  dir=$root
  [ $ref = ref ] && dir=$disks/ref
  run_ia 0 files "$dir"; cp "$TMP/out" "$TMP/$ref.files"
  run_ia 0 inventory "$dir"; grep -v '^# packages' "$TMP/out" >"$TMP/$ref.inv"
  "$IMGAUDIT" scan --format json "$dir" >"$TMP/$ref.json" 2>/dev/null || true
  jq -r "$norm" "$TMP/$ref.json" >"$TMP/$ref.findings"
  [ -s "$TMP/$ref.findings" ] || fail "the directory scan of $ref has no findings to compare"
done

declare -A format=([fs.ext4]=raw [mbr.raw]=raw [gpt.raw]=raw [gpt.qcow2]=qcow2
  [gpt-c.qcow2]=qcow2 [gpt-v2.qcow2]=qcow2 [mbr-sparse.vmdk]=vmdk [mbr-stream.vmdk]=vmdk
  [gpt.vhd]=vhd [gpt.vhdx]=vhdx)
for img in fs.ext4 mbr.raw gpt.raw gpt.qcow2 gpt-c.qcow2 gpt-v2.qcow2 mbr-sparse.vmdk \
  mbr-stream.vmdk gpt.vhd gpt.vhdx; do
  want=$(want_of $img)
  if run_ia 0 files "$disks/$img"; then
    nolf "$TMP/out" | diff -u "$TMP/$want.files" - >"$TMP/diff" \
      && ok "index of $img equals the directory's" \
      || { fail "index of $img differs from the directory's"; head -20 "$TMP/diff"; }
  fi
  if run_ia 0 inventory "$disks/$img"; then
    grep -v '^# packages' "$TMP/out" | diff -q "$TMP/$want.inv" - >/dev/null \
      && ok "inventory of $img equals the directory's" || fail "inventory of $img differs"
  fi
  "$IMGAUDIT" scan --format json "$disks/$img" >"$TMP/img.json" 2>/dev/null || true
  jq -r "$norm" "$TMP/img.json" | diff -u "$TMP/$want.findings" - >"$TMP/diff" \
    && ok "findings of $img equal the directory's" \
    || { fail "findings of $img differ"; head -20 "$TMP/diff"; }
  expect_eq "$img: kind" "$(jq -r .target.kind "$TMP/img.json")" disk
  expect_eq "$img: format by content" "$(jq -r .target.disk.format "$TMP/img.json")" \
    "${format[$img]}"
done

# the report names the partition table and what each volume holds, and where it is mounted
"$IMGAUDIT" scan --format json "$disks/gpt-c.qcow2" >"$TMP/img.json" 2>/dev/null || true
expect_eq "GPT: volumes" "$(jq -c '[.target.disk.partitions] + [.target.disk.volumes[]
  | [.partition, .content, .mount]]' "$TMP/img.json")" \
  '["gpt",["gpt partition 1","bios-boot",null],["gpt partition 2","ext4","/"],["gpt partition 3","ext4","/var"]]'
"$IMGAUDIT" scan --format json "$disks/mbr-stream.vmdk" >"$TMP/img.json" 2>/dev/null || true
expect_eq "MBR: the logical partition is read" "$(jq -c '[.target.disk.partitions] +
  [.target.disk.volumes[] | [.partition, .content, .mount]]' "$TMP/img.json")" \
  '["mbr",["mbr partition 1","swap",null],["mbr partition 5","ext4","/"]]'
run_ia 1 scan "$disks/fs.ext4" \
  && expect_eq "table: the disk line" "$(grep '^disk:' "$TMP/out")" \
    "disk:     raw, no partition table; whole disk: ext4 at /"

# a sparse VMDK is its own extent, whatever name its embedded descriptor gives it
ln -s "$disks/mbr-stream.vmdk" "$TMP/renamed.vmdk"
if run_ia 0 files "$TMP/renamed.vmdk"; then
  nolf "$TMP/out" | diff -q "$TMP/root.files" - >/dev/null \
    && ok "a renamed streamOptimized VMDK is read" || fail "renamed VMDK index differs"
fi

# a backing file is read only inside the directory --backing-dir names
run_ia 2 files "$disks/overlay.qcow2" \
  && grep -q "backing file 'gpt.qcow2'.*--backing-dir" "$TMP/err" \
  && ok "a backing file is refused without --backing-dir" || fail "overlay without --backing-dir"
run_ia 2 files --backing-dir "$TMP" "$disks/overlay.qcow2" \
  && grep -q "is not found in the backing directory" "$TMP/err" \
  && ok "a backing file outside --backing-dir is not opened" || fail "overlay, other dir"
if run_ia 0 files --backing-dir "$disks" "$disks/overlay.qcow2"; then
  nolf "$TMP/out" | diff -q "$TMP/ref.files" - >/dev/null \
    && ok "overlay read through its backing file" || fail "overlay index differs"
fi
"$IMGAUDIT" scan --backing-dir "$disks" --format json "$disks/overlay.qcow2" >"$TMP/img.json" \
  2>/dev/null || true
jq -r "$norm" "$TMP/img.json" | diff -q "$TMP/ref.findings" - >/dev/null \
  && ok "findings of the overlay equal the directory's" || fail "findings of the overlay differ"
finish
