#!/usr/bin/env bash
# checks.sh — time of the whole system baseline (every check family) on the debootstrapped roots,
# per family, so the slow ones are visible. Prints figures; asserts nothing.
# SPDX-License-Identifier: Apache-2.0
#
# Usage: bench/checks.sh [BUILD_DIR]   (default: build-bench, an optimised build made here)
# Target (issue 4): the whole baseline on the minbase root under 0.2 s wall, excluding the
# weak-password budget (the accounts family's hashing; --password-budget 0 skips it, and a
# second run shows it with its default budget).
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
bench_build "${1:-}"

for flavour in minbase base; do
  root=$(tests/fixtures/debootstrap-root.sh "$flavour")
  "$ia" scan "$root" >/dev/null 2>&1 || true   # warm the cache
  echo "== debootstrap $flavour root: whole audit without the weak-password test"
  printf 'wall (best of 5)       %8.4f s   (target < 0.2 s)\n' \
    "$(best 5 "$ia" scan --password-budget 0 "$root")"
  { "$ia" scan --password-budget 0 --timings "$root" 2>&1 >/dev/null || true; } \
    | sed 's/^timing: /  /'
  echo "== the same with the weak-password test (default budget)"
  { "$ia" scan --timings "$root" 2>&1 >/dev/null || true; } | grep -E "accounts|all checks" \
    | sed "s/^timing: /  /"
done
