#!/usr/bin/env bash
# audit.sh — speed and memory of a whole audit: the debootstrapped minbase root, its docker-save
# archive, and memory growth per indexed entry. Prints figures; asserts nothing.
# SPDX-License-Identifier: Apache-2.0
#
# Usage: bench/audit.sh [BUILD_DIR]   (default: build-bench, an optimised build made here)
# Targets (issue 2): the directory audit within 2x of `find ROOT -printf '%m %u %s\n'`; the
# archive within 2x of decompressing its layers to /dev/null; peak RSS under 64 MiB, growing at
# most ~300 bytes per indexed entry.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
bench_build "${1:-}"
root=$(tests/fixtures/debootstrap-root.sh minbase)
work=$(mktemp -d "${TMPDIR:-/tmp}/iabench.XXXXXX")
trap 'rm -rf "$work"' EXIT

# (an audit that fails its gate exits 1: that is not an error here)
rss_kib() { { /usr/bin/time -f '%M' "$@" 2>&1 >/dev/null || true; } | tail -1; }
entries() { { "$ia" scan --format json "$1" 2>/dev/null || true; } | jq -r .target.entries; }

echo "== directory root (debootstrap --variant=minbase bookworm)"
"$ia" scan "$root" >/dev/null 2>&1 || true   # warm the cache
find_t=$(best 5 find "$root" -printf '%m %u %s\n')
scan_t=$(best 5 "$ia" scan "$root")
n=$(entries "$root")
rss=$(rss_kib "$ia" scan "$root")
printf 'find baseline        %8.4f s\n' "$find_t"
printf 'imgaudit scan        %8.4f s   (%.2fx find; target <= 2x)\n' "$scan_t" "$(echo "$scan_t / $find_t" | bc -l)"
printf 'entries indexed      %8d      (%.0f entries/s)\n' "$n" "$(echo "$n / $scan_t" | bc -l)"
printf 'peak RSS             %8.1f MiB (target < 64 MiB)\n' "$(echo "$rss / 1024" | bc -l)"

echo "== memory growth per entry (the same root with 100,000 extra files)"
big=$work/bigroot
mkdir -p "$big"
cp -a "$root/." "$big/"
mkdir -p "$big/srv/many"
for d in $(seq 0 99); do
  mkdir "$big/srv/many/d$d"
  (cd "$big/srv/many/d$d" && seq -f 'file-with-a-typical-name-%04g.conf' 0 999 | xargs touch)
done
n2=$(entries "$big")
rss2=$(rss_kib "$ia" scan "$big")
printf 'entries              %8d -> %d\n' "$n" "$n2"
printf 'peak RSS             %8.1f MiB -> %.1f MiB\n' "$(echo "$rss / 1024" | bc -l)" "$(echo "$rss2 / 1024" | bc -l)"
printf 'growth per entry     %8.0f bytes (target ~300)\n' "$(echo "($rss2 - $rss) * 1024 / ($n2 - $n)" | bc -l)"

echo "== docker-save archive of the same root"
if [ -x tests/fixtures/mkimage.sh ] && command -v skopeo >/dev/null; then
  tests/fixtures/mkimage.sh "$root" "$work/image.tar" >/dev/null
  mkdir "$work/x"
  tar -xf "$work/image.tar" -C "$work/x"
  layers=$(jq -r '.[0].Layers[]' "$work/x/manifest.json")
  decompress() { for l in $layers; do bsdcat "$work/x/$l" >/dev/null 2>&1 || cat "$work/x/$l" >/dev/null; done; }
  command -v bsdcat >/dev/null || decompress() { for l in $layers; do zcat -f "$work/x/$l" >/dev/null; done; }
  dec_t=$(best 3 decompress)
  arc_t=$(best 3 "$ia" scan "$work/image.tar")
  arss=$(rss_kib "$ia" scan "$work/image.tar")
  printf 'decompress layers    %8.4f s\n' "$dec_t"
  printf 'imgaudit scan        %8.4f s   (%.2fx decompress; target <= 2x)\n' "$arc_t" "$(echo "$arc_t / $dec_t" | bc -l)"
  printf 'peak RSS             %8.1f MiB\n' "$(echo "$arss / 1024" | bc -l)"

  echo "== OCI layouts of the same root (skopeo: gzip layers in the tar, zstd in the directory)"
  tests/fixtures/mkimage.sh "$root" "$work/image2.tar" --oci-dir "$work/oci" \
    --oci-archive "$work/oci.tar" >/dev/null
  mkdir "$work/ocix"
  tar -xf "$work/oci.tar" -C "$work/ocix"
  blobs_of() {  # the layer blobs of an OCI layout directory
    local m
    m=$(jq -r '.manifests[0].digest' "$1/index.json" | sed 's/:/\//')
    jq -r '.layers[].digest' "$1/blobs/$m" | sed "s|^sha256:|$1/blobs/sha256/|"
  }
  gz_layers=$(blobs_of "$work/ocix")
  zst_layers=$(blobs_of "$work/oci")
  dec_gz() { for l in $gz_layers; do zcat "$l" >/dev/null; done; }
  dec_zst() { for l in $zst_layers; do zstd -dc "$l" >/dev/null; done; }
  g_dec=$(best 3 dec_gz); g_scan=$(best 3 "$ia" scan "$work/oci.tar")
  z_dec=$(best 3 dec_zst); z_scan=$(best 3 "$ia" scan "$work/oci")
  printf 'OCI tar, gzip:  zcat layers %.4f s, imgaudit scan %.4f s (%.2fx)\n' "$g_dec" "$g_scan" \
    "$(echo "$g_scan / $g_dec" | bc -l)"
  printf 'OCI dir, zstd:  zstd -d layers %.4f s, imgaudit scan %.4f s (%.2fx)\n' "$z_dec" "$z_scan" \
    "$(echo "$z_scan / $z_dec" | bc -l)"
  printf 'peak RSS (OCI tar) %.1f MiB\n' "$(echo "$(rss_kib "$ia" scan "$work/oci.tar") / 1024" | bc -l)"
else
  echo "(tests/fixtures/mkimage.sh or skopeo missing: skipped)"
fi
