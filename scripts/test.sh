#!/usr/bin/env bash
# test.sh — builds imgaudit with ASan and UBSan and runs the whole test suite
# SPDX-License-Identifier: Apache-2.0
#
# Usage: scripts/test.sh [meson test arguments]   (build directory: build-test)
# Warnings are errors here (-Dwerror=true). Ends with one line "N passed, N failed, N skipped",
# after a line naming the skipped tests if any.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${IA_TEST_BUILD:-build-test}

if [ -f "$dir/build.ninja" ]; then
  meson setup --reconfigure "$dir" -Db_sanitize=address,undefined -Db_lundef=false -Dwerror=true ${IA_SETUP_OPTS:-} >/dev/null
else
  meson setup "$dir" -Db_sanitize=address,undefined -Db_lundef=false -Dwerror=true ${IA_SETUP_OPTS:-} >/dev/null
fi
meson compile -C "$dir"

# the debootstrapped roots the tests read: built once and cached (~30 s each the first time),
# before the tests start, so that no test waits for one under its timeout
for flavour in minbase base; do
  tests/fixtures/debootstrap-root.sh "$flavour" >/dev/null || \
    echo "test.sh: no debootstrapped $flavour root here; the tests that need it are skipped"
done

# the VM disk images made from the minbase root (about 1.5 min the first time), likewise
root=$(tests/fixtures/debootstrap-root.sh minbase 2>/dev/null) && \
  { tests/fixtures/disk-images.sh "$root" >/dev/null || \
    echo "test.sh: no disk images here; tests/e2e/disks.sh is skipped"; }
root=$(tests/fixtures/debootstrap-root.sh minbase 2>/dev/null) && \
  { tests/fixtures/xfs-images.sh "$root" >/dev/null || \
    echo "test.sh: no XFS disk images here (xfsprogs missing?)"; }
# the minbase root with file capabilities, large directories and a long symlink, and its XFS
# images (tests/e2e/filecaps.sh; about 1 min the first time)
root=$(tests/fixtures/debootstrap-root.sh minbase 2>/dev/null) && \
  extra=$(tests/fixtures/extra-root.sh "$root" 2>/dev/null) && \
  { tests/fixtures/xfs-images.sh "$extra" >/dev/null || \
    echo "test.sh: no XFS disk images of the root with capabilities here"; }
root=$(tests/fixtures/debootstrap-root.sh minbase 2>/dev/null) && \
  { tests/fixtures/lvm-images.sh "$root" >/dev/null || \
    echo "test.sh: no LVM2 disk images here (lvm2 missing, or no loop device)"; }

status=0
meson test -C "$dir" --print-errorlogs --num-processes 2 "$@" || status=$?

log=$dir/meson-logs/testlog.json
if [ -f "$log" ]; then
  passed=$(grep -c '"result": "OK"' "$log" || true)
  failed=$(grep -cE '"result": "(FAIL|TIMEOUT|ERROR|UNEXPECTEDPASS)"' "$log" || true)
  skipped=$(grep -c '"result": "SKIP"' "$log" || true)
  # a skipped test is never silent: name each (its log says why)
  if [ "$skipped" != 0 ]; then
    echo "skipped: $(grep '"result": "SKIP"' "$log" | sed 's/^{"name": "\([^"]*\)".*/\1/' | paste -sd, - | sed 's/,/, /g')"
  fi
  echo "${passed} passed, ${failed} failed, ${skipped} skipped"
fi
exit $status
