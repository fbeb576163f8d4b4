#!/usr/bin/env bash
# filecaps.sh — file capabilities (FS-010) and extended attributes in every form that carries
# them: the directory, a docker-save archive (pax SCHILY.xattr), ext4 (mke2fs -d) and XFS
# (xfs_db); XFS directories in leaf, node and btree form, a btree file and a v5 remote symlink;
# malformed attributes are gaps naming the file, never a pass
# SPDX-License-Identifier: Apache-2.0
. "$(dirname "$0")/lib.sh"
root=$(debian_root minbase)
st=0
extra=$("$SRC/tests/fixtures/extra-root.sh" "$root") || st=$?
[ $st = 77 ] && skip_all "cannot set file capabilities here (root and libcap2-bin needed)"
[ $st = 0 ] || { fail "cannot build the root with capabilities"; finish; }
for tool in mke2fs debugfs mkfs.xfs xfs_db sgdisk; do
  command -v $tool >/dev/null || skip_all "$tool missing (scripts/setup.sh installs it)"
done

caps='[.findings[] | select(.check == "FS-010") | [.severity, .evidence.path, .evidence.value]
  | join("|")] | sort | .[]'
norm='[.findings[] | [.check, .severity, .evidence.path, (.evidence.line|tostring), .evidence.value] | join("|")] | sort | .[]'
want='high|/usr/sbin/rootish|cap_setuid,cap_sys_admin=ep
medium|/usr/local/bin/sniff|cap_net_raw=ep'
scan() { "$IMGAUDIT" scan --format json --profile jdcloud "$@" 2>/dev/null || true; }

# the directory: ping's cap_net_raw is Debian's default, the two others are reported
scan "$extra" >"$TMP/dir.json"
expect_eq "directory: FS-010 findings" "$(jq -r "$caps" "$TMP/dir.json")" "$want"
expect_eq "directory: JD-3.1d fails on them" \
  "$(jq -r '.clauses[] | select(.id == "JD-3.1d") | .verdict' "$TMP/dir.json")" FAIL
jq -r "$norm" "$TMP/dir.json" >"$TMP/dir.findings"
run_ia 0 files "$extra" && cp "$TMP/out" "$TMP/dir.files"
run_ia 0 inventory "$extra" && grep -v '^# packages' "$TMP/out" >"$TMP/dir.inv"

# docker-save with the attributes in pax records, and the OCI layout tar skopeo makes of it
oci=()
command -v skopeo >/dev/null && oci=(--oci-archive "$TMP/oci.tar")
"$SRC/tests/fixtures/mkimage.sh" "$extra" "$TMP/img.tar" --xattrs "${oci[@]}" >/dev/null
scan "$TMP/img.tar" >"$TMP/img.json"
expect_eq "docker-save --xattrs: FS-010 findings" "$(jq -r "$caps" "$TMP/img.json")" "$want"
if [ ${#oci[@]} -gt 0 ]; then
  scan "$TMP/oci.tar" >"$TMP/oci.json"
  expect_eq "OCI archive (skopeo): FS-010 findings" "$(jq -r "$caps" "$TMP/oci.json")" "$want"
fi
rm -f "$TMP/img.tar" "$TMP/oci.tar"

# ext4 (mke2fs -d keeps extended attributes): everything equals the directory
mke2fs -q -F -t ext4 -d "$extra" "$TMP/fs.ext4" 400M >/dev/null 2>&1
scan "$TMP/fs.ext4" >"$TMP/ext.json"
jq -r "$norm" "$TMP/ext.json" | diff -u "$TMP/dir.findings" - >"$TMP/diff" \
  && ok "ext4: findings equal the directory's" || { fail "ext4: findings differ"; head "$TMP/diff"; }

# a malformed capability (19 bytes: no revision has that size) is a gap naming the file
printf '\001\000\000\002\000\040\000\000\000\000\000\000\000\000\000\000\000\000\000' >"$TMP/bad"
debugfs -w -R "ea_set -f $TMP/bad /usr/bin/true security.capability" "$TMP/fs.ext4" >/dev/null 2>&1
scan "$TMP/fs.ext4" >"$TMP/ext.json"
expect_eq "ext4: malformed capability is a gap at its file" \
  "$(jq -r '[.not_examined[] | select(.area == "check FS-010") | .path] | join(" ")' \
    "$TMP/ext.json")" /usr/bin/true
expect_eq "ext4: the other findings stay" "$(jq -r "$caps" "$TMP/ext.json")" "$want"

# XFS (our reader; capabilities set with xfs_db by xfs-images.sh): index, inventory, findings
st=0
xfs=$("$SRC/tests/fixtures/xfs-images.sh" "$extra") || st=$?
if [ $st = 0 ]; then
  # what the images hold: a file and a directory whose extents are a btree (bash by hand, the
  # 5000-entry directory by mkfs), a leaf-form directory (two data blocks and a leaf block at the
  # leaf offset), a remote symlink; v5 read from its partition
  p2=$(sgdisk -i 2 "$xfs/gpt.raw" | sed -n 's/^First sector: \([0-9]*\).*/\1/p')
  n2=$(sgdisk -i 2 "$xfs/gpt.raw" | sed -n 's/^Partition size: \([0-9]*\).*/\1/p')
  dd if="$xfs/gpt.raw" of="$TMP/p2.xfs" bs=512 skip="$p2" count="$n2" conv=sparse status=none
  for fs in "$TMP/p2.xfs" "$xfs/v4.xfs"; do
    expect_eq "XFS $(basename "$fs"): data fork formats" "$(for p in usr/bin/bash srv/many srv/some \
      srv/longlink; do xfs_db -c "path /$p" -c 'print core.format' "$fs" | sed -n 's/.*= //p'; done \
      | tr '\n' ' ')$(xfs_db -c 'path /srv/some' -c bmap "$fs" | grep -c 'offset 8388608')" \
      '3 (btree) 3 (btree) 2 (extents) 2 (extents) 1'
  done
  rm -f "$TMP/p2.xfs"
  for img in gpt.raw v4.xfs; do
    run_ia 0 files "$xfs/$img" && { diff -u "$TMP/dir.files" "$TMP/out" >"$TMP/diff" \
      && ok "XFS $img: index equals the directory's (5000- and 300-entry directories, a long symlink)" \
      || { fail "XFS $img: index differs"; head "$TMP/diff"; }; }
    run_ia 0 inventory "$xfs/$img" && { grep -v '^# packages' "$TMP/out" \
      | diff -q "$TMP/dir.inv" - >/dev/null && ok "XFS $img: inventory equals the directory's" \
      || fail "XFS $img: inventory differs"; }
    scan "$xfs/$img" >"$TMP/x.json"
    jq -r "$norm" "$TMP/x.json" | diff -u "$TMP/dir.findings" - >"$TMP/diff" \
      && ok "XFS $img: findings equal the directory's" \
      || { fail "XFS $img: findings differ"; head "$TMP/diff"; }
  done
else
  fail "cannot build the XFS images of the root with capabilities"
fi

# XFS attribute forks beyond short form, on a small filesystem of each version: leaf (with a
# remote value) and node forms are read; a corrupt short form is a gap naming its file
mkdir -p "$TMP/small/etc" "$TMP/small/bin"
echo 'ID=debian' >"$TMP/small/etc/os-release"
printf 'made-by-filecaps.sh\n0 0\nd--755 0 0\netc d--755 0 0\nos-release ---644 0 0 %s\n$\nbin d--755 0 0\n' \
  "$TMP/small/etc/os-release" >"$TMP/proto"
for f in leaf remote node badsf; do echo "$f ---755 0 0 /bin/true" >>"$TMP/proto"; done
printf '$\n$\n' >>"$TMP/proto"
capv='#0100000200200000000000000000000000000000'
for v in 5 4; do
  x=$TMP/small-v$v.xfs
  truncate -s 320M "$x"
  mkfs.xfs -q -f $([ $v = 4 ] && echo -m crc=0) -p "$TMP/proto" "$x" >/dev/null
  for f in leaf remote node badsf; do
    xfs_db -x -c "path /bin/$f" -c 'attr_set -s -v 20 capability' \
      -c "write a.sfattr.list[0].value $capv" "$x" >/dev/null
  done
  xfs_db -x -c 'path /bin/leaf' -c 'attr_set -u -v 200 one' -c 'attr_set -u -v 200 two' "$x" >/dev/null
  xfs_db -x -c 'path /bin/remote' -c 'attr_set -u -v 3000 big' "$x" >/dev/null
  cmds=()
  for i in $(seq 1 12); do cmds+=(-c "attr_set -u -v 1000 n$i"); done
  xfs_db -x -c 'path /bin/node' "${cmds[@]}" "$x" >/dev/null
  xfs_db -x -c 'path /bin/badsf' -c 'write -d a.sfattr.hdr.totsize 4000' "$x" >/dev/null 2>&1
  magic=$([ $v = 5 ] && echo hdr.info.hdr.magic || echo hdr.info.magic)
  expect_eq "XFS v$v: attribute forks made: leaf, leaf, node (its block map a btree on v5)" \
    "$(for f in leaf remote node; do xfs_db -c "path /bin/$f" -c 'ablock 0' -c "print $magic" \
      "$x" 2>/dev/null | sed -n 's/.* = //p' | tr '\n' ' '; done)" \
    "$([ $v = 5 ] && echo '0x3bee 0x3bee 0x3ebe ' || echo '0xfbee 0xfbee 0xfebe ')"
  scan "$x" >"$TMP/s.json"
  expect_eq "XFS v$v: capabilities read from leaf (with a remote value beside) and node forms" \
    "$(jq -r "$caps" "$TMP/s.json")" "medium|/bin/leaf|cap_net_raw=ep
medium|/bin/node|cap_net_raw=ep
medium|/bin/remote|cap_net_raw=ep"
  expect_eq "XFS v$v: a corrupt short form is a gap at its file" \
    "$(jq -r '[.not_examined[] | select(.area == "check FS-010") | .path] | sort | join(" ")' \
      "$TMP/s.json")" "/bin/badsf"
done
finish
