#!/usr/bin/env bash
# format.sh — every C file is formatted as .clang-format says (clang-format -i FILE fixes it)
# SPDX-License-Identifier: Apache-2.0
set -euo pipefail
cd "${IA_SOURCE_ROOT:?run through meson test}"
command -v clang-format >/dev/null || { echo "SKIP: clang-format missing"; exit 77; }
files=$(find src tests fuzz bench -name '*.[ch]' | sort)
bad=0
for f in $files; do
  if ! clang-format --dry-run --Werror "$f" >/dev/null 2>&1; then
    echo "not formatted: $f (clang-format -i $f)"
    bad=$((bad + 1))
  fi
done
echo "$(echo "$files" | wc -w) files checked, $bad not formatted"
[ "$bad" = 0 ]
