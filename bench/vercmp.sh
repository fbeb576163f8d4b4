#!/usr/bin/env bash
# vercmp.sh — benchmark: comparisons per second of each vulndb version comparator
# SPDX-License-Identifier: Apache-2.0
# Usage: bench/vercmp.sh [BUILD_DIR]   (default: build-bench, a release build)
# Each comparator runs for half a second on realistic installed/fixed pairs (both versions
# checked, then compared, as vdb_vercmp does). Not run by the tests.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
bdir=${1:-build-bench}
bench_build "$bdir"
exe=$(mktemp "${TMPDIR:-/tmp}/imgaudit-vercmp-bench.XXXXXX")
trap 'rm -f "$exe"' EXIT
"${CC:-cc}" -O2 -std=c11 -D_GNU_SOURCE -Isrc -I"$bdir" bench/vercmp_bench.c "$bdir/libimgaudit.a" \
  -o "$exe"
"$exe"
