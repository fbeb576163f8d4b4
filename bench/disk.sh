#!/usr/bin/env bash
# disk.sh — speed and memory of auditing a VM disk image: the debootstrapped minbase root on a GPT
# disk as compressed qcow2 (tests/fixtures/disk-images.sh), and the same root on XFS
# (tests/fixtures/xfs-images.sh), against the time qemu-img needs to read each. Prints figures;
# asserts nothing.
# SPDX-License-Identifier: Apache-2.0
#
# Usage: bench/disk.sh [BUILD_DIR]   (default: build-bench, an optimised build made here)
# Targets (issue 13): the audit of the compressed qcow2 within 2x of `qemu-img convert -O raw` of
# it (into a sparse file under TMPDIR: qemu-img cannot write to /dev/null); peak RSS < 128 MiB.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
bench_build "${1:-}"
root=$(tests/fixtures/debootstrap-root.sh minbase)
disks=$(tests/fixtures/disk-images.sh "$root")
work=$(mktemp -d "${TMPDIR:-/tmp}/iabench.XXXXXX")
trap 'rm -rf "$work"' EXIT
rss_kib() { { /usr/bin/time -f '%M' "$@" 2>&1 >/dev/null || true; } | tail -1; }

one() { # DIR IMAGE
  local img=$1/$2
  echo "== $3$2 ($(du -h --apparent-size "$img" | cut -f1))"
  "$ia" scan "$img" >/dev/null 2>&1 || true   # warm the cache
  qemu_t=$(best 3 qemu-img convert -O raw "$img" "$work/out.raw")
  scan_t=$(best 3 "$ia" scan "$img")
  rss=$(rss_kib "$ia" scan "$img")
  printf 'qemu-img convert     %8.4f s\n' "$qemu_t"
  printf 'imgaudit scan        %8.4f s   (%.2fx qemu-img; target <= 2x)\n' "$scan_t" \
    "$(echo "$scan_t / $qemu_t" | bc -l)"
  printf 'peak RSS             %8.1f MiB (target < 128 MiB)\n' "$(echo "$rss / 1024" | bc -l)"
}
for img in gpt-c.qcow2 gpt.qcow2 gpt.raw mbr-stream.vmdk gpt.vhdx; do
  one "$disks" $img ""
done
# the same root on XFS (tests/fixtures/xfs-images.sh), read by imgaudit's own XFS reader
xfs=$(tests/fixtures/xfs-images.sh "$root")
for img in gpt-c.qcow2 gpt.raw; do
  one "$xfs" $img "XFS "
done
echo "== the directory it came from"
printf 'imgaudit scan        %8.4f s\n' "$(best 3 "$ia" scan "$disks/ref")"
