#!/bin/sh
# rpm.sh — benchmark: `imgaudit inventory` on a root holding the Amazon Linux 2023 rpmdb.sqlite
# SPDX-License-Identifier: Apache-2.0
# Usage: bench/rpm.sh [BUILD_DIR]   (default: a release build made under $TMPDIR)
# Prints the median wall time of 21 runs and the peak resident memory. The budget (issue 3):
# under 20 ms and under 32 MiB for ~100 packages with their file lists. Not run by the tests.
set -eu
src=$(cd "$(dirname "$0")/.." && pwd)
data=$src/tests/data
tmp=${TMPDIR:-/tmp}
build=${1:-}
if [ -z "$build" ]; then
	build="$tmp/imgaudit-bench-build"
	[ -d "$build" ] || meson setup "$build" "$src" --buildtype=release -Dtests=false >/dev/null
	meson compile -C "$build" >/dev/null
fi
exe="$build/imgaudit"
root=$(mktemp -d "$tmp/imgaudit-bench-rpm.XXXXXX")
trap 'rm -rf "$root"' EXIT
mkdir -p "$root/var/lib/rpm"
cp "$data/rpmdb/amazonlinux2023-plain/rpmdb.sqlite" "$root/var/lib/rpm/"
python3 - "$exe" "$root" <<'PY'
import resource, subprocess, sys, time
exe, root = sys.argv[1], sys.argv[2]
times = []
for _ in range(21):
    t0 = time.perf_counter()
    out = subprocess.run([exe, "inventory", root], capture_output=True, check=True).stdout
    times.append(time.perf_counter() - t0)
times.sort()
pkgs = sum(1 for line in out.decode().splitlines() if line and not line.startswith("#"))
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
print(f"rpm sqlite (Amazon Linux 2023): {pkgs} packages, median {times[10]*1000:.1f} ms "
      f"(min {times[0]*1000:.1f}), peak {peak:.1f} MiB  [budget: 20 ms, 32 MiB]")
PY
