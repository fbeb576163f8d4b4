#!/usr/bin/env bash
# secrets.sh — speed of the secret scan (SEC-001): bytes per second on one core over a corpus of
# the debootstrapped base root's files (text and binaries, up to 128 MB), then the secrets
# family's time in a whole audit of that root. Prints figures; asserts nothing.
# SPDX-License-Identifier: Apache-2.0
#
# Usage: bench/secrets.sh [BUILD_DIR]   (default: build-bench, an optimised build made here)
# Target (issue 11): at least 200 MB/s per core.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
bdir=${1:-build-bench}
bench_build "$bdir"
work=$(mktemp -d "${TMPDIR:-/tmp}/iabench.XXXXXX")
trap 'rm -rf "$work"' EXIT
"${CC:-cc}" -O2 -std=c11 -D_GNU_SOURCE -Isrc -I"$bdir" bench/secrets_bench.c \
  "$bdir/libimgaudit.a" -o "$work/bench"
root=$(tests/fixtures/debootstrap-root.sh base)
# the corpus: every regular file of the root in path order, cut at 128 MB
find "$root" -xdev -type f -size -16M -print0 | sort -z | xargs -0 cat 2>/dev/null |
  head -c 128000000 >"$work/corpus" || true
"$work/bench" "$work/corpus"
echo "== the secrets family in a whole audit of the base root (files outside /usr)"
"$ia" scan -q "$root" >/dev/null 2>&1 || true   # warm the page cache
{ "$ia" scan --password-budget 0 --timings "$root" 2>&1 >/dev/null || true; } |
  grep -E "secrets|tls" | sed 's/^timing: /  /'
