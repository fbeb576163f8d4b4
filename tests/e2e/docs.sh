#!/usr/bin/env bash
# docs.sh — the generated documentation is what the program prints: docs/checks.md as committed
# equals `imgaudit checks --format markdown` (nothing regenerates it first), and the README and
# the man page name every command of `imgaudit --help`
# SPDX-License-Identifier: Apache-2.0
. "$(dirname "$0")/lib.sh"
run_ia 0 checks --format markdown
if diff -u "$SRC/docs/checks.md" "$TMP/out" >"$TMP/diff"; then
  ok "docs/checks.md equals imgaudit checks --format markdown"
else
  fail "docs/checks.md is stale (imgaudit checks --format markdown > docs/checks.md)"; head -20 "$TMP/diff"
fi
run_ia 0 --help
for c in $(awk '/^Commands:/ { on = 1; next } on && /^  [a-z]/ { print $1 } /^$/ { on = 0 }' "$TMP/out"); do
  grep -q "^imgaudit $c" "$SRC/README.md" && ok "README shows $c" || fail "README lacks imgaudit $c"
  grep -q "^\.B imgaudit $c" "$SRC/man/imgaudit.1" && ok "man page has $c" || fail "man page lacks $c"
done
finish
