#!/usr/bin/env bash
# disks_hostile.sh — hostile and unsupported VM disk images: partitions past the end and
# overlapping, a directory cycle, a qcow2 L1 table pointing out of the file, backing and extent
# files outside the allowed directory, a 2^40-byte virtual disk, a truncated image, LUKS and NTFS
# volumes, XFS with a directory cycle, an extent past its end, a huge extent count, a bad
# superblock: a clear error (exit 2) or findings and NOT EXAMINED, never a clean pass
# SPDX-License-Identifier: Apache-2.0
. "$(dirname "$0")/lib.sh"
for tool in mke2fs debugfs qemu-img python3 strace; do
  command -v $tool >/dev/null || skip_all "$tool missing"
done

# a tiny root: os-release, a passwd, a directory to loop
mkdir -p "$TMP/tiny/etc/sub"
printf 'ID=debian\nVERSION_ID=12\nPRETTY_NAME="tiny"\n' >"$TMP/tiny/etc/os-release"
printf 'root:x:0:0:root:/root:/bin/sh\n' >"$TMP/tiny/etc/passwd"
mke2fs -q -F -t ext4 -d "$TMP/tiny" "$TMP/t.ext4" 8M >/dev/null

# reasons of the not-examined entries of the last JSON report, one a line
reasons() { jq -r '.not_examined[].reason' "$TMP/out"; }
never_clean() {  # $1: what; no clause passes
  expect_eq "$1: no clause PASSES" "$(jq '[.clauses[] | select(.verdict == "PASS")] | length' \
    "$TMP/out")" 0
}

# 1. MBR: p1 the root, p2 a LUKS volume, p3 past the end of the disk, p4 overlapping p1
python3 - "$TMP" <<'EOF'
import struct, sys
tmp = sys.argv[1]
fs = open(tmp + '/t.ext4', 'rb').read()
disk = bytearray(12 << 20)
disk[1 << 20:(1 << 20) + len(fs)] = fs
disk[10 << 20:(10 << 20) + 6] = b'LUKS\xba\xbe'
def mbr(entries, ntfs=False):
    m = bytearray(512)
    m[510:512] = b'\x55\xaa'
    for i, (t, s, n) in enumerate(entries):
        o = 446 + 16 * i
        m[o + 4] = t
        m[o + 8:o + 12] = struct.pack('<I', s)
        m[o + 12:o + 16] = struct.pack('<I', n)
    return m
disk[0:512] = mbr([(0x83, 2048, 16384), (0x83, 20480, 2048), (0x83, 30000, 100000),
                   (0x83, 4096, 100)])
open(tmp + '/mixed.raw', 'wb').write(disk)
# a Windows disk: one NTFS partition
win = bytearray(4 << 20)
win[0:512] = mbr([(0x07, 2048, 4096)])
win[(1 << 20) + 3:(1 << 20) + 11] = b'NTFS    '
win[(1 << 20) + 510:(1 << 20) + 512] = b'\x55\xaa'
open(tmp + '/windows.raw', 'wb').write(win)
EOF
if run_ia 1 scan -f json "$TMP/mixed.raw"; then
  reasons >"$TMP/reasons"
  grep -q 'partition 3 (bytes 15360000..66560000) lies past the end of the disk' "$TMP/reasons" \
    && ok "a partition past the end is left out and said" || fail "no problem for partition 3"
  grep -q 'partitions 1 and 4 overlap' "$TMP/reasons" && ok "overlapping partitions are said" \
    || fail "no problem for the overlap"
  grep -q 'LUKS encrypted volume: not examined' "$TMP/reasons" \
    && ok "the LUKS volume is NOT EXAMINED" || fail "LUKS volume not reported"
  expect_eq "the root is read from partition 1" \
    "$(jq -r '.target.disk.volumes[0] | "\(.content) \(.mount)"' "$TMP/out")" "ext4 /"
  expect_eq "os from the disk" "$(jq -r .os.pretty_name "$TMP/out")" tiny
fi

# 2. a Windows disk is recognised as such, and nothing passes
if run_ia 1 scan -f json "$TMP/windows.raw"; then
  reasons | grep -q '^Windows disk: not examined (NTFS volume of 2 MiB' \
    && ok "Windows disk: not examined" || fail "the Windows disk is not named"
  never_clean "Windows disk"
fi

# 3. a directory cycle (debugfs links /etc into itself): indexed once, said, bounded
cp "$TMP/t.ext4" "$TMP/cycle.ext4"
debugfs -w -R 'ln /etc /etc/sub/loop' "$TMP/cycle.ext4" >/dev/null 2>&1
if run_ia 1 scan -f json "$TMP/cycle.ext4"; then
  reasons | grep -q 'is reached again (a directory cycle' && ok "a directory cycle is said" \
    || fail "no problem for the directory cycle"
fi
run_ia 0 files "$TMP/cycle.ext4" && expect_eq "the cycle is indexed once" \
  "$(grep -c '/etc/sub/loop' "$TMP/out")" 1

# 4. a qcow2 whose L1 table points far out of the file
qemu-img convert -O qcow2 "$TMP/t.ext4" "$TMP/l2.qcow2"
python3 - "$TMP/l2.qcow2" <<'EOF'
import struct, sys
f = open(sys.argv[1], 'r+b')
hdr = f.read(48)
l1 = struct.unpack('>Q', hdr[40:48])[0]
f.seek(l1)
f.write(struct.pack('>Q', (1 << 63) | (1 << 40)))
EOF
st=0
timeout 60 "$IMGAUDIT" scan -f json "$TMP/l2.qcow2" >"$TMP/out" 2>"$TMP/err" || st=$?
[ $st = 1 ] || [ $st = 2 ] && ok "an out-of-file L2 table: exit $st, no crash" \
  || fail "out-of-file L2 table: exit $st"
{ [ $st = 2 ] && grep -q 'no volume imgaudit recognises\|cannot' "$TMP/err"; } ||
  { [ $st = 1 ] && reasons | grep -q 'cannot be read\|not examined'; } \
  && ok "the unreadable qcow2 is said" || fail "the unreadable qcow2 is not said"

# 5. backing files outside --backing-dir: never opened
mkdir -p "$TMP/allowed"
qemu-img create -q -f qcow2 -u -b /etc/shadow -F raw "$TMP/allowed/abs.qcow2" 8M
qemu-img create -q -f qcow2 -u -b ../../../../../../etc/shadow -F qcow2 "$TMP/allowed/rel.qcow2" 8M
for img in abs rel; do
  run_ia 2 files --backing-dir "$TMP/allowed" "$TMP/allowed/$img.qcow2" \
    && ok "$img backing file outside the directory: exit 2"
  # (LeakSanitizer cannot run under ptrace: off for the traced run)
  ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0 strace -f \
    -e trace=open,openat,openat2 -o "$TMP/trace" "$IMGAUDIT" files \
    --backing-dir "$TMP/allowed" "$TMP/allowed/$img.qcow2" >/dev/null 2>&1 || true
  grep -q "backing file '.*etc/shadow' lies outside the backing directory" "$TMP/err" \
    && ok "$img: the error names the backing file" || fail "$img: $(head -c 300 "$TMP/err")"
  grep -q "open.*$img.qcow2" "$TMP/trace" || fail "$img: strace saw no open of the image"
  grep -E 'open.*"[^"]*etc/shadow"' "$TMP/trace" | grep -v ENOENT | grep -vq EXDEV \
    && fail "$img: /etc/shadow was opened" || ok "$img: /etc/shadow never opened"
done

# 6. a VMDK descriptor naming an extent outside its directory
printf '# Disk DescriptorFile\nversion=1\nCID=83646503\nparentCID=ffffffff\ncreateType="twoGbMaxExtentFlat"\n\n# Extent description\nRW 16384 FLAT "../../etc/shadow" 0\n\n# The Disk Data Base\n#DDB\n\nddb.adapterType = "ide"\n' \
  >"$TMP/allowed/evil.vmdk"
run_ia 2 files "$TMP/allowed/evil.vmdk" \
  && grep -q "VMDK extent file '../../etc/shadow' is not a file beside the descriptor" \
    "$TMP/err" && ok "a VMDK extent outside its directory is refused" || fail "VMDK extent"

# 7. a 2^40-byte virtual disk (sparse): a clear error, quickly, in little memory
qemu-img create -q -f qcow2 "$TMP/huge.qcow2" 1T
st=0
timeout 30 /usr/bin/time -f '%M' -o "$TMP/rss" "$IMGAUDIT" files "$TMP/huge.qcow2" \
  >/dev/null 2>"$TMP/err" || st=$?
expect_eq "2^40-byte empty disk: exit" $st 2
grep -q 'no volume imgaudit recognises' "$TMP/err" && ok "the empty 1 TiB disk is said" \
  || fail "1 TiB: $(head -c 300 "$TMP/err")"
[ "$(tail -1 "$TMP/rss")" -lt 65536 ] && ok "1 TiB disk read in $(tail -1 "$TMP/rss") KiB" \
  || fail "1 TiB disk took $(tail -1 "$TMP/rss") KiB"

# 8. a truncated image: an error or findings, never a crash or a clean pass
qemu-img convert -O qcow2 "$TMP/t.ext4" "$TMP/full.qcow2"
head -c $(($(stat -c %s "$TMP/full.qcow2") / 2)) "$TMP/full.qcow2" >"$TMP/trunc.qcow2"
st=0
"$IMGAUDIT" scan -f json "$TMP/trunc.qcow2" >"$TMP/out" 2>"$TMP/err" || st=$?
[ $st = 1 ] || [ $st = 2 ] && ok "truncated qcow2: exit $st" || fail "truncated qcow2: exit $st"
[ $st != 1 ] || never_clean "truncated qcow2"

# 9. XFS, read by our own reader: a tiny root, then the same made hostile with xfs_db -x
if command -v mkfs.xfs >/dev/null && command -v xfs_db >/dev/null; then
  echo x >"$TMP/tiny/etc/sub/f"
  printf '/dev/null\n0 0\nd--755 0 0\netc d--755 0 0\n os-release ---644 0 0 %s\n passwd ---644 0 0 %s\n sub d--755 0 0\n  f ---644 0 0 %s\n $\n$\n$\n' \
    "$TMP/tiny/etc/os-release" "$TMP/tiny/etc/passwd" "$TMP/tiny/etc/sub/f" >"$TMP/proto"
  truncate -s 300M "$TMP/x.xfs"
  mkfs.xfs -q -f -p "$TMP/proto" "$TMP/x.xfs" >/dev/null 2>&1
  xino() { xfs_db -r -c "path $2" -c inode "$1" | sed -n 's/^current inode number is //p'; }
  etc=$(xino "$TMP/x.xfs" /etc)
  run_ia 0 files "$TMP/x.xfs" && grep -q '^-rw-r--r-- 0 0 .* /etc/sub/f$' "$TMP/out" \
    && ok "XFS: the tiny root is read" || fail "XFS: tiny root index"
  # a directory cycle: /etc/sub/f made to name /etc itself
  cp --sparse=always "$TMP/x.xfs" "$TMP/cycle.xfs"
  xfs_db -x -c 'path /etc/sub' -c "write u3.sfdir3.list[0].inumber.i4 $etc" \
    -c 'write u3.sfdir3.list[0].filetype 2' "$TMP/cycle.xfs" >/dev/null
  if run_ia 1 scan -f json "$TMP/cycle.xfs"; then
    reasons | grep -q "directory inode $etc is reached again" \
      && ok "XFS directory cycle: said, walked once" || fail "XFS directory cycle not said"
  fi
  run_ia 0 files "$TMP/cycle.xfs" && expect_eq "XFS cycle: /etc/sub/f listed, not walked again" \
    "$(grep -c ' /etc/sub/f$' "$TMP/out") $(grep -c ' /etc/sub/f/' "$TMP/out")" "1 0"
  # an extent past the end of the filesystem: /etc/passwd cannot be read, and says so
  cp --sparse=always "$TMP/x.xfs" "$TMP/ext.xfs"
  xfs_db -x -c 'path /etc/passwd' -c 'write u3.bmx[0].startblock 4000000000' "$TMP/ext.xfs" \
    >/dev/null
  if run_ia 1 scan -f json "$TMP/ext.xfs"; then
    jq -r '.not_examined[] | select(.path == "/etc/passwd") | .reason' "$TMP/out" \
      | grep -q 'cannot read' && ok "XFS extent past the end: /etc/passwd not examined" \
      || fail "XFS extent past the end not said"
  fi
  # a huge extent count: the inode's fork cannot hold it; /etc/passwd is unreadable, said
  cp --sparse=always "$TMP/x.xfs" "$TMP/count.xfs"
  xfs_db -x -c 'path /etc/passwd' -c 'write core.nextents 4000000000' "$TMP/count.xfs" \
    >/dev/null
  if run_ia 1 scan -f json "$TMP/count.xfs"; then
    jq -r '.not_examined[] | select(.path == "/etc/passwd") | .reason' "$TMP/out" \
      | grep -q 'cannot read' && ok "XFS huge extent count: /etc/passwd not examined" \
      || fail "XFS huge extent count not said"
  fi
  # a superblock whose geometry does not fit: the volume is named, not examined
  cp --sparse=always "$TMP/x.xfs" "$TMP/sb.xfs"
  printf '\x00\x40\x00\x00' | dd of="$TMP/sb.xfs" bs=1 seek=88 conv=notrunc status=none # agcount
  if run_ia 1 scan -f json "$TMP/sb.xfs"; then
    reasons | grep -q 'xfs filesystem: XFS superblock geometry out of range' \
      && ok "XFS bad geometry: not examined with the reason" || fail "XFS bad geometry not said"
    never_clean "XFS bad geometry"
  fi
fi
finish
