#!/usr/bin/env bash
# func_size.sh — no function in src/ is longer than 120 lines, so a newcomer can read each one
# SPDX-License-Identifier: Apache-2.0
#
# A function is counted from the first line of its signature to its closing brace, on the
# clang-format'ed code (tests/format.sh keeps it so): the body opens with "{" and closes with
# "}" in column 0. Split a longer function where its steps have names.
set -euo pipefail
src=${IA_SOURCE_ROOT:-$(cd "$(dirname "$0")/.." && pwd)}
max=120

# prints "FILE:LINE NAME LINES" for every function definition of the files named
measure() {
  awk '
    /^[A-Za-z_].*\(/ && !/;[ \t]*$/ { if (!start) { sig = $0; sigline = FNR } }
    /^\{/ { start = FNR; name = sig; sub(/\(.*/, "", name); n = split(name, a, /[ \t*]+/); name = a[n] }
    /^\}/ && start { print FILENAME ":" sigline " " name " " (FNR - sigline + 1); start = 0 }
  ' "$@"
}

# the measure itself: a function of max+1 lines is caught, one of max lines is not
tmp=$(mktemp -d "${TMPDIR:-/tmp}/iafnsize.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
for len in $max $((max + 1)); do
  { printf 'static int f%s(int a,\n\t\tint b)\n{\n' "$len"
    for ((i = 0; i < len - 4; i++)); do printf '\ta += b;\n'; done
    printf '}\n'; } >"$tmp/f$len.c"
done
got=$(measure "$tmp/f$max.c" "$tmp/f$((max + 1)).c" | awk '{ print $2 "=" $3 }' | tr '\n' ' ')
if [ "$got" != "f$max=$max f$((max + 1))=$((max + 1)) " ]; then
  echo "func_size.sh: the measure is broken: $got"
  exit 1
fi

mapfile -t files < <(find "$src/src" -name '*.[ch]' | sort)
measure "${files[@]}" >"$tmp/all"
count=$(wc -l <"$tmp/all")
if [ "$count" -lt 200 ]; then
  echo "func_size.sh: only $count functions found in src/: the measure no longer matches the code"
  exit 1
fi
over=$(awk -v max=$max '$3 > max' "$tmp/all" | sed "s|^$src/||")
if [ -n "$over" ]; then
  echo "functions over $max lines (split them where the steps have names):"
  echo "$over"
  exit 1
fi
echo "ok: $count functions in src/, none over $max lines"
