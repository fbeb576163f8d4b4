#!/usr/bin/env bash
# disks_lvm.sh — the debootstrapped root on LVM2 logical volumes made by the real lvm2 tools (raw
# and qcow2): the same index, inventory and findings as the directory, fstab's /dev/mapper,
# /dev/VG/LV and UUID= mounts followed, findings naming their LV; hostile LVM2 metadata (areas and
# text past the end, garbage, deep nesting, a segment past its PV, an LV on itself, a missing
# PV, shared extents, a thin LV, a snapshot): NOT EXAMINED with the reason, bounded, never a clean
# pass
# SPDX-License-Identifier: Apache-2.0
. "$(dirname "$0")/lib.sh"
command -v python3 >/dev/null || skip_all "python3 missing"
root=$(debian_root minbase)
st=0
lvm=$("$SRC/tests/fixtures/lvm-images.sh" "$root" 2>"$TMP/fixture.err") || st=$?
[ $st = 77 ] && skip_all "no LVM2 disk images: $(tr '\n' ' ' <"$TMP/fixture.err")"
[ $st = 0 ] || { fail "cannot build the LVM2 disk images: $(tail -3 "$TMP/fixture.err")"; finish; }

# mke2fs makes /lost+found in each ext filesystem: the only entries a directory has not
nolf() { grep -vE ' /((var|usr|home)/)?lost\+found$' "$1" || true; }
norm='[.findings[] | [.check, .severity, .evidence.path, (.evidence.line|tostring), .evidence.value] | join("|")] | sort | .[]'
run_ia 0 files "$lvm/ref" && cp "$TMP/out" "$TMP/ref.files"
run_ia 0 inventory "$lvm/ref" && grep -v '^# packages' "$TMP/out" >"$TMP/ref.inv"
"$IMGAUDIT" scan --format json "$lvm/ref" >"$TMP/ref.json" 2>/dev/null || true
jq -r "$norm" "$TMP/ref.json" >"$TMP/ref.findings"
[ -s "$TMP/ref.findings" ] || fail "the directory scan has no findings to compare"

# root on an LV of two segments, /usr as /dev/mapper/imgaudit--vg-usr, /var as
# /dev/imgaudit-vg/var, /home by UUID=, swap on an LV
grep -q '^root .*:0-' "$lvm/segments" && [ "$(grep -c '^root ' "$lvm/segments")" = 2 ] \
  && ok "the root LV has two segments, the first at extent 0" || fail "fixture: root segments"
lv='gpt partition 2 > lvm imgaudit-vg'
vols="[\"gpt\",[\"gpt partition 1\",\"bios-boot\",null],[\"gpt partition 2\",\"lvm2\",null],\
[\"$lv/root\",\"ext4\",\"/\"],[\"$lv/var\",\"ext4\",\"/var\"],[\"$lv/usr\",\"ext4\",\"/usr\"],\
[\"$lv/swap_1\",\"swap\",null],[\"$lv/home\",\"ext4\",\"/home\"]]"
for img in gpt.raw gpt.qcow2; do
  if run_ia 0 files "$lvm/$img"; then
    nolf "$TMP/out" | diff -u "$TMP/ref.files" - >"$TMP/diff" \
      && ok "index of LVM $img equals the directory's" \
      || { fail "index of LVM $img differs from the directory's"; head -20 "$TMP/diff"; }
  fi
  if run_ia 0 inventory "$lvm/$img"; then
    grep -v '^# packages' "$TMP/out" | diff -q "$TMP/ref.inv" - >/dev/null \
      && ok "inventory of LVM $img equals the directory's" || fail "inventory of LVM $img differs"
  fi
  "$IMGAUDIT" scan --format json "$lvm/$img" >"$TMP/img.json" 2>/dev/null || true
  jq -r "$norm" "$TMP/img.json" | diff -u "$TMP/ref.findings" - >"$TMP/diff" \
    && ok "findings of LVM $img equal the directory's" \
    || { fail "findings of LVM $img differ"; head -20 "$TMP/diff"; }
  expect_eq "LVM $img: volumes" "$(jq -c '[.target.disk.partitions] + [.target.disk.volumes[]
    | [.partition, .content, .mount]]' "$TMP/img.json")" "$vols"
  expect_eq "LVM $img: nothing of the disk not examined" \
    "$(jq '[.not_examined[] | select(.reason | test("LVM|volume|disk"))] | length' \
      "$TMP/img.json")" 0
done
# every finding names the LV its file lies on
expect_eq "origins of the findings" "$(jq -c '[.findings[] | select(.evidence.path != "")
  | .evidence.origin.partition] | unique' "$TMP/img.json")" \
  '["gpt partition 2 > lvm imgaudit-vg/root","gpt partition 2 > lvm imgaudit-vg/var"]'
"$IMGAUDIT" scan "$lvm/gpt.raw" >"$TMP/table" 2>/dev/null || true
grep -q 'evidence: /etc/.*  on: gpt partition 2 > lvm imgaudit-vg/root ext4$' "$TMP/table" \
  && ok "table: the LV on the evidence line" || fail "table: no LV origin"

# ---- hostile metadata, written into copies of tiny.raw with valid checksums ----
cat >"$TMP/lvmedit.py" <<'EOF'
# lvmedit.py DISK PVOFF MODE ARGS: rewrites the LVM2 PV at byte PVOFF of DISK, checksums kept
#   sub RE NEW...      replaces the first match of each regular expression RE by NEW in the
#                      current metadata text (written at the ring's start)
#   text FILE          the text becomes FILE's bytes
#   locn-size N        the current text's size becomes N
#   mda-offset N       the PV header's first metadata area moves to byte N
#   wrap               the current text moves to the end of the ring buffer, its rest wrapping
#                      around to the ring's start (as lvm2 writes it once the ring is full)
import re, struct, sys, zlib
def crc(b): return (~zlib.crc32(b, ~0xf597a6cf & 0xffffffff)) & 0xffffffff
path, pv, mode = sys.argv[1], int(sys.argv[2]), sys.argv[3]
f = open(path, 'r+b')
f.seek(pv + 512); lab = bytearray(f.read(512))
assert lab[:8] == b'LABELONE'
pos = struct.unpack('<I', lab[20:24])[0] + 40
while struct.unpack('<Q', lab[pos:pos + 8])[0]: pos += 16
pos += 16
mda = struct.unpack('<Q', lab[pos:pos + 8])[0]
if mode == 'mda-offset':
    lab[pos:pos + 8] = struct.pack('<Q', int(sys.argv[4]))
    lab[16:20] = struct.pack('<I', crc(bytes(lab[20:512])))
    f.seek(pv + 512); f.write(lab); sys.exit(0)
f.seek(pv + mda); h = bytearray(f.read(512))
size = struct.unpack('<Q', h[32:40])[0]
off, tlen, ck, fl = struct.unpack('<QQII', h[40:64])
f.seek(pv + mda + off); text = f.read(min(tlen, size - off))
text += b'' if len(text) == tlen else (f.seek(pv + mda + 512), f.read(tlen - len(text)))[1]
if mode == 'locn-size':
    tlen = int(sys.argv[4])
elif mode == 'wrap':
    off, ck = size - 700, crc(text)
    f.seek(pv + mda + off); f.write(text[:700])
    f.seek(pv + mda + 512); f.write(text[700:])
else:
    if mode == 'sub':
        for old, new in zip(sys.argv[4::2], sys.argv[5::2]):
            text, n = re.subn(old.encode(), new.encode(), text, count=1)
            assert n == 1, old
    else:
        text = open(sys.argv[4], 'rb').read()
    assert len(text) <= size - 512
    off, tlen, ck = 512, len(text), crc(text)
    f.seek(pv + mda + off); f.write(text)
h[40:64] = struct.pack('<QQII', off, tlen, ck, fl)
h[0:4] = struct.pack('<I', crc(bytes(h[4:512])))
f.seek(pv + mda); f.write(h)
EOF
reasons() { jq -r '.not_examined[].reason' "$TMP/out"; }
never_clean() {
  expect_eq "$1: no clause PASSES" "$(jq '[.clauses[] | select(.verdict == "PASS")] | length' \
    "$TMP/out")" 0
}
pvoff=$(($(sgdisk -i 2 "$lvm/tiny.raw" | sed -n 's/^First sector: \([0-9]*\).*/\1/p') * 512))
# hostile NAME WANT EDIT...: a copy of tiny.raw edited, scanned in bounded time and memory; its
# reasons must hold WANT, and nothing passes unless the root LV is read
hostile() {
  local name=$1 want=$2 st=0
  shift 2
  cp --sparse=always "$lvm/tiny.raw" "$TMP/$name.raw"
  python3 "$TMP/lvmedit.py" "$TMP/$name.raw" "$pvoff" "$@" || { fail "$name: edit failed"; return; }
  timeout 60 /usr/bin/time -f '%M' -o "$TMP/rss" "$IMGAUDIT" scan -f json "$TMP/$name.raw" \
    >"$TMP/out" 2>"$TMP/err" || st=$?
  [ $st = 1 ] || { fail "$name: exit $st ($(head -c 300 "$TMP/err"))"; return; }
  reasons | grep -qF -- "$want" && ok "$name: said ($want)" \
    || { fail "$name: no reason '$want'"; reasons | grep -i lvm | head -3; }
  [ "$(tail -1 "$TMP/rss")" -lt 131072 ] && ok "$name: read in $(tail -1 "$TMP/rss") KiB" \
    || fail "$name: took $(tail -1 "$TMP/rss") KiB"
  rm -f "$TMP/$name.raw"
}

# the unmodified tiny disk: root read, data lies on the second PV, a file not given
if run_ia 1 scan -f json "$lvm/tiny.raw"; then
  expect_eq "tiny: the root LV is read" "$(jq -r .os.pretty_name "$TMP/out")" "tiny on lvm"
  reasons | grep -qF 'LVM2 logical volume tiny/data: not examined: its extents lie on physical volume pv1' \
    && ok "a VG whose second PV is missing: the LV on it NOT EXAMINED" || fail "missing PV not said"
fi
# Debian's installer layout: /boot on partition 1 by UUID=, the PV in logical partition 5
if run_ia 1 scan -f json "$lvm/mbr.raw"; then
  expect_eq "installer layout: volumes" "$(jq -c '[.target.disk.volumes[] | [.partition, .content, .mount]]' \
    "$TMP/out")" '[["mbr partition 1","ext2","/boot"],["mbr partition 5","lvm2",null],["mbr partition 5 > lvm debian-vg/root","ext4","/"],["mbr partition 5 > lvm debian-vg/swap_1","swap",null]]'
  expect_eq "installer layout: the root is read" "$(jq -r .os.pretty_name "$TMP/out")" \
    "tiny on debian-vg"
fi
run_ia 0 files "$lvm/mbr.raw" && grep -q '^-rw-r--r-- 0 0 11 /boot/config-6.1.0-13-amd64$' "$TMP/out" \
  && ok "installer layout: /boot mounted from its partition" || fail "installer layout: /boot"
# the text wrapping around the end of its ring buffer is read whole
cp --sparse=always "$lvm/tiny.raw" "$TMP/wrap.raw"
python3 "$TMP/lvmedit.py" "$TMP/wrap.raw" "$pvoff" wrap
run_ia 1 scan -f json "$TMP/wrap.raw" && expect_eq "metadata wrapping around its ring: root read" \
  "$(jq -r .os.pretty_name "$TMP/out")" "tiny on lvm"
rm -f "$TMP/wrap.raw"
# a VG over two partitions of one disk, its root LV spanning both (named without a partition)
[ "$(cut -d' ' -f1 "$lvm/two.seg" | sort -u)" = root ] && [ "$(wc -l <"$lvm/two.seg")" = 2 ] \
  && ok "fixture: two/root has a segment on each PV" || fail "fixture: two.seg"
if run_ia 1 scan -f json "$lvm/two.raw"; then
  expect_eq "two PVs: volumes" "$(jq -c '[.target.disk.volumes[] | [.partition, .content, .mount]]' \
    "$TMP/out")" '[["gpt partition 1","bios-boot",null],["gpt partition 2","lvm2",null],["gpt partition 3","lvm2",null],["lvm two/root","ext4","/"]]'
  expect_eq "two PVs: the root spanning both is read" "$(jq -r .os.pretty_name "$TMP/out")" \
    "tiny on two PVs"
fi
run_ia 0 files "$lvm/two.raw" && expect_eq "two PVs: the files" \
  "$(grep -c ' /etc/\(os-release\|passwd\)$' "$TMP/out")" 2
# the second PV alone, a PV on the whole disk: told by content; its VG's root lies elsewhere
if run_ia 1 scan -f json "$lvm/tiny-pv2.raw"; then
  expect_eq "whole-disk PV: volumes" "$(jq -c '[.target.disk.volumes[] | [.partition, .content]]' \
    "$TMP/out")" '[["whole disk","lvm2"],["lvm tiny/root","lvm2-lv"],["whole disk > lvm tiny/data","unknown"]]'
  reasons | grep -qF 'LVM2 logical volume tiny/root: not examined: its extents lie on physical volume pv0' \
    && ok "whole-disk PV: the LV on the other PV NOT EXAMINED" || fail "whole-disk PV: root not said"
  never_clean "whole-disk PV"
fi
hostile mda-past-end 'LVM2 physical volume: the metadata area at byte 1099511627776' \
  mda-offset $((1 << 40))
hostile text-size-huge 'more than IA_MAX_LVM_METADATA' locn-size $((1 << 40))
python3 -c 'import random, sys; r = random.Random(13)
sys.stdout.buffer.write(bytes(r.randrange(1, 256) for _ in range(600000)))' >"$TMP/garbage"
hostile garbage-text 'LVM2 physical volume: metadata line 1: ' text "$TMP/garbage"
python3 -c 'print("vg {" * 100000)' >"$TMP/deep"
hostile deep-text 'sections nest deeper than IA_MAX_LVM_DEPTH' text "$TMP/deep"
python3 -c 'print("x=1\n" * 200001)' >"$TMP/many"
hostile many-values 'more than IA_MAX_LVM_NODES' text "$TMP/many"
hostile seg-past-pv 'lies past the end of the physical volume' sub 'extent_count = 8' \
  'extent_count = 99999999'
hostile self-ref "its segment refers to the LV itself ('root')" sub '"pv0", 0' '"root", 0'
hostile thin "it has a segment of type 'thin' (imgaudit reads linear LVs only)" \
  sub 'type = "striped"' 'type = "thin"'
hostile shared 'LVM2 logical volume tiny/data: not examined: it shares extents of pv0 with LV root' \
  sub '"pv1", 0' '"pv0", 0'
# a snapshot as lvm2 writes one: a hidden LV of type snapshot naming its origin and its store
snap='logical_volumes {
snap {
id = "SnApAa-aaaa-aaaa-aaaa-aaaa-aaaa-aaaaaa"
status = ["READ", "WRITE", "VISIBLE"]
segment1 {
start_extent = 0
extent_count = 2
type = "striped"
stripe_count = 1
stripes = ["pv0", 8]
}
}
snapshot0 {
id = "SnApBb-bbbb-bbbb-bbbb-bbbb-bbbb-bbbbbb"
status = ["READ"]
segment1 {
start_extent = 0
extent_count = 8
type = "snapshot"
chunk_size = 8
origin = "root"
cow_store = "snap"
}
}'
hostile snapshot 'LVM2 logical volume tiny/snap: not examined: it is the copy-on-write store of a snapshot of tiny/root (snapshots are not read)' \
  sub 'logical_volumes \{' "$snap"
expect_eq "snapshot: the origin is read" "$(jq -r .os.pretty_name "$TMP/out")" "tiny on lvm"
# pe_count made larger than the partition: the segment fits what the PV says, not the partition
hostile past-partition 'of physical volume pv0, past the end of its gpt partition 2' \
  sub 'pe_count = [0-9]+' 'pe_count = 100000' '"pv0", 0' '"pv0", 90'
finish
