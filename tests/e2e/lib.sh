# lib.sh — helpers for the end-to-end tests (sourced; bash)
# SPDX-License-Identifier: Apache-2.0
set -euo pipefail

IMGAUDIT=${IA_IMGAUDIT:?run through meson test}
SRC=${IA_SOURCE_ROOT:?run through meson test}
TMP=$(mktemp -d "${TMPDIR:-/tmp}/iae2e.XXXXXX")
trap 'chmod -R u+rwx "$TMP" 2>/dev/null; rm -rf "$TMP"' EXIT
failures=0
ia_runs=0

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
  # every JSON report is validated against its schema when the test finishes
  if [ "$(head -c 1 "$TMP/out")" == "{" ]; then
    mkdir -p "$TMP/.reports"
    cp "$TMP/out" "$TMP/.reports/run$((++ia_runs)).json"
  fi
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

# every imgaudit JSON report and inventory the test left in $TMP (files, and the output of each
# run_ia) against docs/json-report.schema.json, with Debian's python3-jsonschema
validate_reports() {
  local st=0
  /usr/bin/python3 -c 'import jsonschema' 2>/dev/null ||
    { fail "python3-jsonschema is missing (scripts/setup.sh installs it)"; return; }
  /usr/bin/python3 "$SRC/tests/validate_json.py" --reports "$SRC/docs/json-report.schema.json" \
    "$TMP" >"$TMP/.validate" 2>&1 || st=$?
  if [ $st = 0 ]; then ok "$(tail -1 "$TMP/.validate" | head -c 200) valid"; else
    fail "JSON reports not valid against docs/json-report.schema.json:"; head -40 "$TMP/.validate"; fi
}

finish() {
  validate_reports
  if [ "$failures" -gt 0 ]; then say "$failures failure(s)"; exit 1; fi
  exit 0
}
