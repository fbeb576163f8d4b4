# lib.sh — helpers for the end-to-end tests (sourced; bash)
# SPDX-License-Identifier: Apache-2.0
set -euo pipefail

IMGAUDIT=${IA_IMGAUDIT:?run through meson test}
SRC=${IA_SOURCE_ROOT:?run through meson test}
TMP=$(mktemp -d "${TMPDIR:-/tmp}/iae2e.XXXXXX")
trap 'chmod -R u+rwx "$TMP" 2>/dev/null; rm -rf "$TMP"' EXIT
failures=0

say() { printf '%s\n' "$*"; }
fail() { say "FAIL: $*"; failures=$((failures + 1)); }
ok() { say "ok: $*"; }
skip_all() { say "SKIP: $*"; exit 77; }

# expect_eq WHAT GOT WANT
expect_eq() {
  if [ "$2" == "$3" ]; then ok "$1"; else fail "$1: got '$2', want '$3'"; fi
}

# run_ia EXPECTED_STATUS ARGS... — runs imgaudit, output in $TMP/out, errors in $TMP/err
run_ia() {
  local want=$1 st=0
  shift
  "$IMGAUDIT" "$@" >"$TMP/out" 2>"$TMP/err" || st=$?
  if [ "$st" != "$want" ]; then
    fail "imgaudit $* exited $st, want $want"
    head -c 2000 "$TMP/err"
    return 1
  fi
  return 0
}

# a cached debootstrapped root (skip the test when it cannot be built here)
debian_root() {
  local st=0 root
  root=$("$SRC/tests/fixtures/debootstrap-root.sh" "${1:-minbase}") || st=$?
  [ $st = 77 ] && skip_all "no debootstrapped root here"
  [ $st = 0 ] || { say "cannot build the debootstrapped root"; exit 1; }
  printf '%s\n' "$root"
}

finish() {
  if [ "$failures" -gt 0 ]; then say "$failures failure(s)"; exit 1; fi
  exit 0
}
