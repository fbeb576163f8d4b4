#!/usr/bin/env bash
# hostile.sh — hostile images through the whole CLI: each audit finishes with a clear finding or
# error, and nothing outside the image is read or written
# SPDX-License-Identifier: Apache-2.0
. "$(dirname "$0")/lib.sh"

# /etc/shadow -> /etc/shadow (absolute symlink): the image's own file, never the host's
root=$TMP/abs
mkdir -p "$root/etc"
printf 'root:x:0:0:root:/root:/bin/sh\nempty:x:1000:1000::/home/e:/bin/sh\n' >"$root/etc/passwd"
printf 'ID=debian\n' >"$root/etc/os-release"   # an OS, or nothing would be examined
ln -s /etc/shadow "$root/etc/shadow"
st=0; "$IMGAUDIT" scan --format json "$root" >"$TMP/out" 2>"$TMP/err" || st=$?
[ "$st" -le 1 ] && ok "absolute self-link: audit finishes (exit $st)" || fail "absolute self-link: exit $st"
if [ -r /etc/shadow ] && grep -q '^root:' /etc/shadow; then
  # a host shadow's hash must never appear in the report
  hosthash=$(awk -F: '$1 == "root" { print $2 }' /etc/shadow)
  if [ ${#hosthash} -gt 3 ] && grep -qF -- "$hosthash" "$TMP/out"; then
    fail "the host's /etc/shadow was read"
  else
    ok "the host's /etc/shadow was not read"
  fi
fi
jq -e '.not_examined | length > 0' "$TMP/out" >/dev/null \
  && ok "the unreadable shadow is reported as not examined" || fail "no not_examined entry for shadow"

# relative symlink with many "..": stays in the root
root=$TMP/rel
mkdir -p "$root/etc" "$root/usr/lib"
printf 'ID=debian\nVERSION_ID="12"\nPRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\n' >"$root/usr/lib/os-release"
ln -s ../../../../../../../../../../usr/lib/os-release "$root/etc/os-release"
run_ia 0 inventory --format json "$root" || true
expect_eq "many '..' resolve inside the root" "$(jq -r .os.id "$TMP/out")" debian

# a symlink loop does not hang
root=$TMP/loop
mkdir -p "$root/etc"
ln -s /etc/b "$root/etc/a"; ln -s /etc/a "$root/etc/b"
ln -s /etc/a "$root/etc/os-release"
st=0; timeout 20 "$IMGAUDIT" scan --format json "$root" >"$TMP/out" 2>"$TMP/err" || st=$?
[ "$st" -le 1 ] && ok "symlink loop: audit finishes (exit $st)" || fail "symlink loop: exit $st"

# a 50 MB dpkg status of garbage: a finding with the path, no crash, bounded
root=$TMP/garbage
mkdir -p "$root/var/lib/dpkg" "$root/etc"
head -c 50000000 /dev/urandom >"$root/var/lib/dpkg/status"
st=0; timeout 120 "$IMGAUDIT" scan --format json "$root" >"$TMP/out" 2>"$TMP/err" || st=$?
expect_eq "garbage status: audit fails with findings" "$st" 1
jq -e '[.findings[] | select(.evidence.path == "/var/lib/dpkg/status")] | length > 0' "$TMP/out" \
  >/dev/null && ok "garbage status is a finding with its path" || fail "no finding for garbage status"
expect_eq "garbage status: database marked incomplete" \
  "$(jq -r '.packages.databases[0].complete' "$TMP/out")" false

# a truncated status: complete stanzas kept, the cut one reported with its line
root=$TMP/trunc
mkdir -p "$root/var/lib/dpkg"
cat >"$root/var/lib/dpkg/status" <<'S'
Package: base-files
Status: install ok installed
Architecture: amd64
Version: 12.4+deb12u5

Package: bash
Status: install ok installed
Architecture: amd64
Vers
S
st=0; "$IMGAUDIT" scan --format json "$root" >"$TMP/out" 2>"$TMP/err" || st=$?
expect_eq "truncated status: exit" "$st" 1
expect_eq "truncated status: the complete stanza is kept" "$(jq -r .packages.count "$TMP/out")" 1
jq -e '[.findings[] | select(.evidence.path == "/var/lib/dpkg/status" and .evidence.line != null)] | length > 0' \
  "$TMP/out" >/dev/null && ok "truncated status: finding with a line" || fail "truncated status: no line"

# U+202E (right-to-left override) in a file name: escaped in the scan and files tables, so
# "evil<RLO>hs.txt" cannot show as "eviltxt.sh" (issue 14)
root=$TMP/bidi
mkdir -p "$root/etc"
rlo=$(printf '\342\200\256')
printf x >"$root/etc/evil${rlo}hs.txt"
printf 'ID=debian\n' >"$root/etc/os-release"
chmod 0666 "$root/etc/evil${rlo}hs.txt"
st=0; "$IMGAUDIT" scan "$root" >"$TMP/out" 2>"$TMP/err" || st=$?
grep -qF 'evil\u{202e}hs.txt' "$TMP/out" && ok "scan table escapes U+202E" \
  || fail "scan table: no escaped U+202E"
grep -qF "$rlo" "$TMP/out" && fail "scan table prints U+202E raw" || ok "scan table: no raw U+202E"
run_ia 0 files "$root" || true
grep -qF 'evil\u{202e}hs.txt' "$TMP/out" && ok "files table escapes U+202E" \
  || fail "files table: no escaped U+202E"
grep -qF "$rlo" "$TMP/out" && fail "files table prints U+202E raw" || ok "files table: no raw U+202E"
run_ia 1 scan --format json "$root" || true
expect_eq "JSON keeps the name once decoded" \
  "$(jq -r '[.findings[].evidence.path | select(startswith("/etc/evil"))][0]' "$TMP/out")" \
  "/etc/evil${rlo}hs.txt"
grep -qF "$rlo" "$TMP/out" && fail "JSON holds U+202E raw" || ok "JSON: U+202E as an escape"

# once the image is open, the process forbids itself every filesystem change (Landlock), and no
# temporary file or directory outlives the open
if command -v strace >/dev/null; then
  strace -f -e trace=landlock_restrict_self -o "$TMP/trace" "$IMGAUDIT" scan "$TMP/rel" \
    >/dev/null 2>&1 || true
  grep -qE 'landlock_restrict_self\(.*\) += 0' "$TMP/trace" && ok "scan runs sandboxed" \
    || say "note: Landlock not available here: $(head -c 300 "$TMP/trace")"
  rm -f "$TMP/trace"
fi

# SIGTERM or SIGHUP during the open of a big compressed archive (or `timeout`): no spool
# directory is left in TMPDIR
sig=$TMP/sig
mkdir -p "$sig/root/data" "$sig/tmp"
seq 1 30000000 >"$sig/root/data/numbers"
"$SRC/tests/fixtures/mkimage.sh" "$sig/root" "$sig/img.tar" >/dev/null
zstd -q -1 -T0 --rm "$sig/img.tar" -o "$sig/img.tar.zst"
rm -rf "$sig/root"
for s in TERM HUP; do
  TMPDIR=$sig/tmp "$IMGAUDIT" scan --format json "$sig/img.tar.zst" >/dev/null 2>&1 &
  pid=$!
  # the open has begun once a spool file is among the process's descriptors
  for _ in $(seq 500); do
    ls -l "/proc/$pid/fd" 2>/dev/null | grep -q 'imgaudit-spool' && break
    sleep 0.01
  done
  kill -"$s" "$pid"
  st=0; wait "$pid" || st=$?
  expect_eq "SIG$s during the open ends the scan" "$st" "$((128 + $(kill -l "$s")))"
  expect_eq "SIG$s during the open: nothing left in TMPDIR" "$(ls -A "$sig/tmp")" ""
done
rm -rf "$sig"

# nothing was written next to the images or in the working directory
expect_eq "no stray files in the temp dir" "$(ls "$TMP" | sort | tr '\n' ' ')" \
  "abs bidi err garbage loop out rel trunc "
finish
