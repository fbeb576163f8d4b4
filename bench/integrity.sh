#!/usr/bin/env bash
# integrity.sh — speed of the package-integrity pass (checks INT-001..003: every package file with
# a recorded digest read once and hashed, one thread per CPU) on the debootstrapped roots: files
# and bytes compared per second of the integrity family. Prints figures; asserts nothing.
# SPDX-License-Identifier: Apache-2.0
#
# Usage: bench/integrity.sh [BUILD_DIR]   (default: build-bench, an optimised build made here)
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
bench_build "${1:-}"

for flavour in minbase base; do
  root=$(tests/fixtures/debootstrap-root.sh "$flavour")
  "$ia" scan "$root" >/dev/null 2>&1 || true   # warm the cache
  # what the three checks read: "(N read, X MB)" in each one's note
  read -r files mb < <({ "$ia" scan --format json "$root" 2>/dev/null || true; } \
    | jq -r '[.clauses[].why | scan("(INT-00[123]): [0-9]+ [^(]*\\(([0-9]+) read, ([0-9.]+) MB\\)")]
             | unique_by(.[0]) | [(map(.[1] | tonumber) | add), (map(.[2] | tonumber) | add)]
             | @tsv')
  best_s=
  for _ in 1 2 3 4 5; do
    s=$({ "$ia" scan --timings "$root" 2>&1 >/dev/null || true; } \
      | awk '$2 == "integrity" { print $3 }')
    if [ -z "$best_s" ] || [ "$(echo "$s < $best_s" | bc -l)" = 1 ]; then best_s=$s; fi
  done
  echo "== debootstrap $flavour root: package files compared with their recorded digests"
  printf 'files                %8d\n' "$files"
  printf 'bytes                %8.1f MB\n' "$mb"
  printf 'integrity family     %8.4f s   (best of 5, %d CPUs)\n' "$best_s" "$(nproc)"
  printf 'speed                %8.0f files/s, %.0f MB/s\n' \
    "$(echo "$files / $best_s" | bc -l)" "$(echo "$mb / $best_s" | bc -l)"
done
