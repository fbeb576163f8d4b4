#!/usr/bin/env bash
# conventions.sh — test rules a compiler cannot check: every cmocka executable ends through
# T_RUN_GROUP (a skipped test exits 77 and is counted as skipped, not passed), skips go through
# T_REQUIRE (counted), and nothing in the tree reads a directory beside the repository
# SPDX-License-Identifier: Apache-2.0
set -euo pipefail
cd "${IA_SOURCE_ROOT:?run through meson test}"
bad=0
for f in $(grep -rl --include='*.c' 'CMUnitTest' tests | sort); do
  if ! grep -q 'return T_RUN_GROUP(' "$f"; then
    echo "$f: ends without T_RUN_GROUP (a skipped test would count as passed)"; bad=$((bad + 1))
  fi
done
# skip() straight from cmocka is not counted: T_REQUIRE is
if grep -rnE --include='*.c' '(^|[^_A-Za-z])skip\(\)' tests; then
  echo "tests: skip() bypasses T_REQUIRE's count"; bad=$((bad + 1))
fi
# the project stands alone: no file reads the folder of source material beside the checkout
# (the pattern is built from parts so that this file does not name the folder it forbids)
up='\.\./' f='sha''red' F='SHA''RED'
if grep -rnE "${up}${f}|IA_${F}_DATA|${f}_data" --exclude-dir=.git --exclude-dir='build*' \
     --exclude=conventions.sh meson.build meson_options.txt src tests fuzz bench scripts; then
  echo "a file reads a directory beside the repository"; bad=$((bad + 1))
fi
echo "conventions: $bad problems"
[ "$bad" = 0 ]
