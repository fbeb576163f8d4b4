#!/usr/bin/env bash
# cli.sh — exit statuses, errors that say why, --help/--version, output to a file
# SPDX-License-Identifier: Apache-2.0
. "$(dirname "$0")/lib.sh"

run_ia 0 --version && grep -q '^imgaudit [0-9]' "$TMP/out" && ok "--version" || fail "--version"
run_ia 0 --help && grep -q 'scan' "$TMP/out" && ok "--help lists scan" || fail "--help"
run_ia 0 scan --help && grep -q -- '--format' "$TMP/out" && ok "scan --help" || fail "scan --help"
run_ia 2 frobnicate && grep -q "unknown command 'frobnicate'" "$TMP/err" && ok "unknown command" \
  || fail "unknown command message"
run_ia 2 scan "$TMP/does-not-exist" && grep -q "cannot audit" "$TMP/err" \
  && ok "missing target: exit 2 with reason" || fail "missing target"
run_ia 2 scan --type floppy "$TMP" && grep -q "unknown target kind 'floppy'" "$TMP/err" \
  && ok "bad --type" || fail "bad --type"
run_ia 2 scan --format xml "$TMP" && ok "bad --format" || true
printf 'not an image' >"$TMP/junk.tar"
run_ia 2 scan "$TMP/junk.tar" && ok "a file that is no image: exit 2" || true

# a little root: its findings are all below high (no logger, no password policy), so it fails
# the default gate (medium); at --fail-at high no clause fails, but most clauses are not
# examined: incomplete, exit 1 unless --accept-incomplete; the report goes to -o FILE
root=$TMP/clean
mkdir -p "$root/etc" "$root/tmp"
chmod 1777 "$root/tmp"
printf 'ID=debian\nVERSION_ID="12"\n' >"$root/etc/os-release"
printf 'root:x:0:0:root:/root:/bin/sh\n' >"$root/etc/passwd"
printf 'root:*:19000:0:99999:7:::\n' >"$root/etc/shadow"
chmod 640 "$root/etc/shadow"
run_ia 1 scan --format json -o "$TMP/report.json" "$root" && ok "medium findings fail the default gate" || true
expect_eq "report written to -o" "$(jq -r .schema_version "$TMP/report.json")" 2
expect_eq "failed in json" "$(jq -r .result.passed "$TMP/report.json")" false
expect_eq "status fail in json" "$(jq -r .result.status "$TMP/report.json")" fail
expect_eq "no finding at high or above" \
  "$(jq '[.findings[] | select(.severity == "high" or .severity == "critical")] | length' "$TMP/report.json")" 0
run_ia 1 scan --fail-at high --format json -o "$TMP/report.json" "$root" \
  && grep -q 'incomplete' "$TMP/err" && grep -q -- '--accept-incomplete' "$TMP/err" \
  && ok "--fail-at high: incomplete fails, saying why" || fail "incomplete message: $(cat "$TMP/err")"
expect_eq "incomplete in json" "$(jq -r .result.status "$TMP/report.json")" incomplete
expect_eq "not passed in json" "$(jq -r .result.passed "$TMP/report.json")" false
run_ia 0 scan --fail-at high --accept-incomplete --format json -o "$TMP/report.json" "$root" \
  && ok "--accept-incomplete accepts it" || true
expect_eq "passed in json" "$(jq -r .result.passed "$TMP/report.json")" true
expect_eq "the gate in json" "$(jq -r .result.fail_at "$TMP/report.json")" high
run_ia 1 scan --accept-incomplete "$root" && grep -q '^FAIL: ' "$TMP/out" \
  && ok "--accept-incomplete does not accept a failing clause" || fail "--accept-incomplete on FAIL"

# an empty directory: no operating system, nothing examined, no clause PASSes
mkdir -p "$TMP/empty"
run_ia 1 scan --format json "$TMP/empty" || true
expect_eq "empty dir: status incomplete" "$(jq -r .result.status "$TMP/out")" incomplete
expect_eq "empty dir: no PASS, FAIL or NOT APPLICABLE clause" \
  "$(jq '[.clauses[] | select(.verdict | IN("PASS","FAIL","NOT APPLICABLE"))] | length' "$TMP/out")" 0
expect_eq "empty dir: JD-3.1b not examined" \
  "$(jq -r '.clauses[] | select(.id == "JD-3.1b") | .verdict' "$TMP/out")" "NOT EXAMINED"
jq -e '[.not_examined[] | select(.area == "target" and (.reason | test("no operating system")))] | length == 1' \
  "$TMP/out" >/dev/null && ok "empty dir: not examined, and why" || fail "empty dir: no target entry"
run_ia 1 scan "$TMP/empty" || true
head -1 "$TMP/out" | grep -q ': INCOMPLETE, profile all$' && ok "table: result on the first line" \
  || fail "first line: $(head -1 "$TMP/out")"
grep -q '^warning: *no operating system identified' "$TMP/out" && ok "table: says no OS" \
  || fail "table: no warning"
tail -1 "$TMP/out" | grep -q '^INCOMPLETE: .*--accept-incomplete' && ok "table: last line says why" \
  || fail "last line: $(tail -1 "$TMP/out")"
run_ia 0 scan --accept-incomplete "$TMP/empty" && ok "empty dir: --accept-incomplete exits 0" || true
# GNU habits: options after the target, "--" ends the options, a word too many is named
run_ia 0 scan "$root" --fail-at high --accept-incomplete --format json -o "$TMP/after.json" \
  && expect_eq "options after the target" "$(jq -r .result.fail_at "$TMP/after.json")" high || true
mkdir -p "$TMP/-dash"
cp -a "$root/." "$TMP/-dash/"
(cd "$TMP" && "$IMGAUDIT" files -- -dash /etc/passwd >"$TMP/out" 2>"$TMP/err") \
  && grep -q '/etc/passwd' "$TMP/out" && ok "-- ends the options" || fail "-- ends the options"
run_ia 2 scan json "$root" && grep -q "scan takes TARGET, but got 1 word more: '$root'" "$TMP/err" \
  && ok "a word too many is named" || fail "word too many: $(cat "$TMP/err")"
run_ia 2 scan "$root" --format && grep -q "option '--format' needs a value" "$TMP/err" \
  && ok "missing option value" || fail "missing option value: $(cat "$TMP/err")"
run_ia 2 scan --frobnicate "$root" && grep -q "unknown option '--frobnicate'" "$TMP/err" \
  && ok "unknown option" || fail "unknown option: $(cat "$TMP/err")"
run_ia 2 scan && grep -q "TARGET missing" "$TMP/err" && ok "missing target named" \
  || fail "missing target: $(cat "$TMP/err")"
run_ia 2 checks extra && grep -q "checks takes no operand, but got 'extra'" "$TMP/err" \
  && ok "checks takes no operand" || fail "checks operand: $(cat "$TMP/err")"
run_ia 0 -V && grep -q '^imgaudit [0-9]' "$TMP/out" && ok "-V" || fail "-V"
# an image reference is not pulled: the message says how to make an archive
run_ia 2 scan debian:12 && grep -q "does not pull images" "$TMP/err" \
  && grep -qF "docker save debian:12 -o image.tar" "$TMP/err" \
  && grep -qF "skopeo copy docker://debian:12 docker-archive:image.tar" "$TMP/err" \
  && ok "an image reference gets the way to an archive" || fail "image reference: $(cat "$TMP/err")"
# a directory named as an archive: a clear message, not "Error reading fd"
run_ia 2 scan -t docker-archive "$root" && grep -q "a directory is not an archive: use -t oci-dir" \
  "$TMP/err" && ok "-t docker-archive DIR" || fail "-t docker-archive DIR: $(cat "$TMP/err")"
# "-": an archive on standard input (plain and gzip), spooled under TMPDIR and removed
"$SRC/tests/fixtures/mkimage.sh" "$root" "$TMP/clean.tar" >/dev/null
mkdir "$TMP/spool"
st=0
TMPDIR=$TMP/spool "$IMGAUDIT" files - <"$TMP/clean.tar" >"$TMP/out" 2>"$TMP/err" || st=$?
expect_eq "files - < archive" "$st" 0
grep -q ' /etc/shadow$' "$TMP/out" && ok "the archive on standard input is indexed" \
  || fail "stdin archive: $(cat "$TMP/err")"
st=0
gzip -c "$TMP/clean.tar" | TMPDIR=$TMP/spool "$IMGAUDIT" scan --fail-at high --accept-incomplete - \
  >"$TMP/out" \
  2>"$TMP/err" || st=$?
expect_eq "gzip | scan -" "$st" 0
expect_eq "nothing left in TMPDIR" "$(ls -A "$TMP/spool")" ""
st=0
"$IMGAUDIT" files - </dev/null >"$TMP/out" 2>"$TMP/err" || st=$?
expect_eq "empty standard input: exit 2" "$st" 2
grep -q "standard input is empty" "$TMP/err" && ok "empty stdin named" || fail "empty stdin: $(cat "$TMP/err")"

# --exclude GLOB: excluded paths are not examined, and the report says what each GLOB left out
ex=$TMP/ex
cp -a "$root" "$ex"
mkdir -p "$ex/srv/app/tests/fixtures/deep" "$ex/srv/app/src"
printf 'x\n' >"$ex/srv/app/tests/fixtures/deep/ww"
printf 'x\n' >"$ex/srv/app/src/ww"
printf 'x\n' >"$ex/srv/app/debug.log"
chmod 666 "$ex/srv/app/tests/fixtures/deep/ww" "$ex/srv/app/src/ww" "$ex/srv/app/debug.log"
ww() { jq -r '[.findings[] | select(.title | test("world-writable file")) | .evidence.path] | sort | join(" ")' "$1"; }
run_ia 1 scan -f json -o "$TMP/ex0.json" "$ex" || true
expect_eq "without --exclude: every world-writable file" "$(ww "$TMP/ex0.json")" \
  "/srv/app/debug.log /srv/app/src/ww /srv/app/tests/fixtures/deep/ww"
run_ia 1 scan "$ex" -f json -o "$TMP/ex1.json" --exclude '/srv/*/tests' -x '*.log' || true
expect_eq "--exclude: the excluded paths are not examined" "$(ww "$TMP/ex1.json")" "/srv/app/src/ww"
expect_eq "--exclude: a note per GLOB with its count" \
  "$(jq -r '[.target.notes[] | select(.note | test("^excluded")) | "\(.path)=\(.note | capture("(?<n>[0-9]+) entr").n)"] | join(" ")' "$TMP/ex1.json")" \
  "/srv/*/tests=1 *.log=1"
run_ia 1 scan -x '/srv/*/tests' "$ex" || true
grep -q 'excluded (--exclude): 1 entry matched' "$TMP/out" && ok "--exclude noted in the table" \
  || fail "--exclude note missing from the table"
# archives: the same, from the layers
"$SRC/tests/fixtures/mkimage.sh" "$ex" "$TMP/ex.tar" >/dev/null
run_ia 0 files --exclude fixtures "$TMP/ex.tar" || true
grep -q '/srv/app/tests$' "$TMP/out" && ! grep -q '/srv/app/tests/fixtures' "$TMP/out" \
  && ok "--exclude in an archive: the directory and all below it left out" \
  || fail "--exclude in an archive: $(grep /srv/app "$TMP/out")"
run_ia 2 scan --exclude '' "$ex" && grep -q "exclude wants a pattern" "$TMP/err" \
  && ok "empty --exclude refused" || fail "empty --exclude: $(cat "$TMP/err")"

# --color auto on a terminal: colour, unless NO_COLOR is set or TERM is dumb
if command -v script >/dev/null; then
  tty_scan() { env "$@" script -qec "'$IMGAUDIT' scan --accept-incomplete '$root'" /dev/null; }
  tty_scan TERM=xterm >"$TMP/tty1" 2>&1 || true
  tty_scan TERM=xterm NO_COLOR=1 >"$TMP/tty2" 2>&1 || true
  tty_scan TERM=dumb >"$TMP/tty3" 2>&1 || true
  esc=$(printf '\033')
  grep -q "$esc\[" "$TMP/tty1" && ok "colour on a terminal" || fail "no colour on a terminal"
  grep -q "$esc\[" "$TMP/tty2" && fail "NO_COLOR ignored" || ok "NO_COLOR honoured"
  grep -q "$esc\[" "$TMP/tty3" && fail "TERM=dumb ignored" || ok "TERM=dumb honoured"
fi

# -o FILE: the result line on the terminal; -q: only the result line; -qq: nothing
run_ia 1 scan -o "$TMP/q.txt" "$root" || true
expect_eq "-o FILE: one result line on stdout" "$(wc -l <"$TMP/out" | tr -d ' ')" 1
grep -q '^FAIL: ' "$TMP/out" && grep -q '^FAIL: ' "$TMP/q.txt" && ok "-o: the same result in both" \
  || fail "-o result line: $(cat "$TMP/out")"
run_ia 1 scan -q "$root" || true
expect_eq "-q: only the result line" "$(grep -c . "$TMP/out")" 1
run_ia 1 scan -qq -f json "$root" || true
expect_eq "-qq: nothing on stdout" "$(wc -c <"$TMP/out" | tr -d ' ')" 0
run_ia 1 scan -q -o "$TMP/q.json" -f json "$root" || true
expect_eq "-q -o: nothing on stdout, the report in FILE" \
  "$(wc -c <"$TMP/out" | tr -d ' ') $(jq -r .result.status "$TMP/q.json")" "0 fail"

# checks -f json: clauses is an array, as in the findings
run_ia 0 checks -f json \
  && expect_eq "checks json: clauses are arrays" \
    "$(jq '[.[] | .clauses | type] | unique | join(",")' -r "$TMP/out")" array \
  && expect_eq "checks json: LEFT-009's clauses" \
    "$(jq -c '.[] | select(.id == "LEFT-009") | .clauses' "$TMP/out")" '["JD-4.1g","JD-4.1f"]' || true

run_ia 2 scan --profile nosuch "$root" && grep -q "cannot load profile 'nosuch'" "$TMP/err" \
  && ok "unknown profile: exit 2" || fail "unknown profile message"

# the man page documents every option that --help lists, and every command
man=$SRC/man/imgaudit.1
for cmd in scan inventory files checks; do
  grep -q "^\.B imgaudit $cmd" "$man" || fail "man page has no synopsis for $cmd"
  "$IMGAUDIT" "$cmd" --help | grep -oE -- '--[a-z][a-z-]+' | sort -u | while read -r o; do
    [ "$o" = --help ] && continue
    grep -qF -- "\\-\\-${o#--}" "$man" || echo "$cmd $o"
  done >"$TMP/undocumented"
  [ -s "$TMP/undocumented" ] && fail "options missing from the man page: $(cat "$TMP/undocumented")" \
    || ok "man page documents every option of $cmd"
done
finish
