#!/usr/bin/env bash
# layering.sh — no #include in src/ runs upward: util -> target -> facts (rpm a reader that facts
# calls) -> findings -> checks -> report -> cli; a lower part never includes a higher one. And
# every .c file of src/ includes util/banned.h last (util/banned.h says why).
# SPDX-License-Identifier: Apache-2.0
#
# Usage: tests/layering.sh [ROOT]   (default: $IA_SOURCE_ROOT; --self-test checks the checker)
set -euo pipefail

# What each part of src/ may include besides itself and the generated config.h. A new part of
# src/ must be added here, with its place in the layering (CONTRIBUTING.md).
declare -A allowed=(
  [util]=""
  [target]="util"
  [rpm]="util"                           # bytes in, records out: never the image, never facts
  [facts]="util target rpm"
  [vulndb]="util"                        # vulnerability data: never reads the image
  [findings]="util"                      # the model: knows nothing of the image
  [checks]="util target facts vulndb findings"
  [report]="util facts findings"         # renders the model; never reads the image
  [cli]="util target rpm facts vulndb findings checks report"
)

check_tree() {
  local root=$1 bad=0 n=0 file part inc dep line
  for dir in "$root"/src/*/; do
    part=$(basename "$dir")
    if [ -z "${allowed[$part]+set}" ]; then
      echo "src/$part/: a part the layering does not know (add it to tests/layering.sh)"
      bad=$((bad + 1))
      continue
    fi
    while IFS= read -r file; do
      while IFS= read -r line; do
        n=$((n + 1))
        inc=$(sed -E 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*"([^"]*)".*/\1/' <<<"${line#*:}")
        [ "$inc" = config.h ] && continue
        if [[ $inc != */* ]]; then
          echo "${file#"$root"/}:${line%%:*}: #include \"$inc\" names no part (write \"$part/$inc\")"
          bad=$((bad + 1))
          continue
        fi
        dep=${inc%%/*}
        [ "$dep" = "$part" ] && continue
        if [[ " ${allowed[$part]} " != *" $dep "* ]]; then
          echo "${file#"$root"/}:${line%%:*}: #include \"$inc\" runs upward ($part may include: ${allowed[$part]:-itself only})"
          bad=$((bad + 1))
        fi
      done < <(grep -nE '^[[:space:]]*#[[:space:]]*include[[:space:]]*"' "$file" || true)
      if [[ $file == *.c ]] && [ "$(grep -E '^[[:space:]]*#[[:space:]]*include' "$file" | tail -1)" != '#include "util/banned.h"' ]; then
        echo "${file#"$root"/}: the last #include is not \"util/banned.h\""
        bad=$((bad + 1))
      fi
    done < <(find "$dir" -name '*.[ch]' | sort)
  done
  echo "$n includes checked, $bad against the layering"
  [ "$bad" = 0 ]
}

if [ "${1:-}" = --self-test ]; then
  # the checker must fail on an upward include and pass on a downward one
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  mkdir -p "$tmp/src/util" "$tmp/src/checks"
  printf '#include "util/buf.h"\n#include "util/banned.h"\n' >"$tmp/src/checks/a.c"
  check_tree "$tmp" >/dev/null || { echo "self-test: a downward include was refused"; exit 1; }
  printf '#include "checks/check.h"\n#include "util/banned.h"\n' >"$tmp/src/util/b.c"
  if check_tree "$tmp" >/dev/null; then
    echo "self-test: an upward include was not caught"
    exit 1
  fi
  rm "$tmp/src/util/b.c"
  printf '#include "util/banned.h"\n#include "util/buf.h"\n' >"$tmp/src/util/c.c"
  if check_tree "$tmp" >/dev/null; then
    echo "self-test: a file that does not include util/banned.h last was not caught"
    exit 1
  fi
  echo "self-test: ok"
  exit 0
fi

check_tree "${1:-${IA_SOURCE_ROOT:?run through meson test}}"
