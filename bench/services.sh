#!/usr/bin/env bash
# services.sh — time of the service checks (families ssh, services, web, and the facts stage that
# parses the service configurations) on the services root (tests/fixtures/services-root.sh).
# Prints figures; asserts nothing.
# SPDX-License-Identifier: Apache-2.0
#
# Usage: bench/services.sh [BUILD_DIR]   (default: build-bench, an optimised build made here)
# Target (issue 11): all service checks on the services root under 0.15 s wall.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
bench_build "${1:-}"

root=$(tests/fixtures/services-root.sh)
"$ia" scan "$root" >/dev/null 2>&1 || true   # warm the cache
echo "== services root: whole audit without the weak-password test"
printf 'wall (best of 5)       %8.4f s\n' "$(best 5 "$ia" scan --password-budget 0 "$root")"
echo "== the facts stage and the service families (target: their sum < 0.15 s)"
{ "$ia" scan --password-budget 0 --timings "$root" 2>&1 >/dev/null || true; } \
  | grep -E "facts|ssh|services|web" | sed 's/^timing: /  /'
