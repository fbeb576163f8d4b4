#!/usr/bin/env bash
# keyring.sh — scan --keyring end to end: the signature of the image's own apt lists' InRelease
# checked with gpgv against Debian's debian-archive-keyring, in the scan's sandbox, on a copy of
# the debootstrapped Debian 12 (base) holding the real bookworm-security list and InRelease: good,
# one byte changed (BAD: JD-1.1e NOT EXAMINED), keyrings without Debian's keys, no --keyring,
# gpgv missing, and the same on the docker-save archive form
# SPDX-License-Identifier: Apache-2.0
. "$(dirname "$0")/lib.sh"
KEYRING=/usr/share/keyrings/debian-archive-keyring.gpg
command -v gpgv >/dev/null && [ -r $KEYRING ] ||
  skip_all "gpgv or debian-archive-keyring missing (scripts/setup.sh)"
command -v lz4 >/dev/null || skip_all "lz4 missing (scripts/setup.sh)"
src=$(debian_root base)
lists=var/lib/apt/lists
pfx=deb.debian.org_debian-security_dists_bookworm-security_
data=$SRC/tests/data/debian-apt

# the cached root is copied, never changed; its lists as apt-get update with the security suite
# leaves them (the main suite's 50 MB list dropped: UPD-001 reads only security lists)
cp -a "$src" "$TMP/good"
rm -f "$TMP/good/$lists"/*_Packages
zcat "$data/bookworm-security_main_amd64_Packages.gz" |
  lz4 -q > "$TMP/good/$lists/${pfx}main_binary-amd64_Packages.lz4"
cp "$data/bookworm-security_InRelease" "$TMP/good/$lists/${pfx}InRelease"
# one byte of the signed text changed ("Debian-Security" -> "debian-Security")
cp -a "$TMP/good" "$TMP/bad"
sed -i 's/^Label: Debian-Security$/Label: debian-Security/' "$TMP/bad/$lists/${pfx}InRelease"
cmp -s "$TMP/good/$lists/${pfx}InRelease" "$TMP/bad/$lists/${pfx}InRelease" &&
  fail "the InRelease was not changed"
mkdir -m 700 "$TMP/tmp"
export TMPDIR=$TMP/tmp

verdict() { jq -r '.clauses[] | select(.id == "JD-1.1e") | .verdict' "$TMP/out"; }
evidence() { jq -r '[.findings[] | select(.check == "UPD-001")][0].evidence.value // ""' "$TMP/out"; }
gaps() { jq -r '.not_examined[] | select(.area == "check UPD-001") | .reason' "$TMP/out"; }
scan() { run_ia 1 scan --profile jdcloud --only updates --date 2026-12-01 -f json "$@" || true; }

for form in dir archive; do
  good=$TMP/good bad=$TMP/bad
  if [ $form = archive ]; then
    "$SRC/tests/fixtures/mkimage.sh" "$TMP/good" "$TMP/good.tar" >/dev/null
    "$SRC/tests/fixtures/mkimage.sh" "$TMP/bad" "$TMP/bad.tar" >/dev/null
    good=$TMP/good.tar bad=$TMP/bad.tar
  fi
  scan --keyring $KEYRING "$good"
  expect_eq "$form: JD-1.1e fails on verified lists" "$(verdict)" FAIL
  evidence | grep -q "1 matched, 0 not matching, 0 not checked; Release signatures: 1 good (key ED541312A33F1128F10B1C6C54404762BBB6E853 B0CAB9266E8C3929798B3EEEBDE6D2B9216EC7A8), 0 BAD, 0 not verified" &&
    ok "$form: the evidence names Debian's security keys" || fail "$form: evidence: $(evidence)"
  expect_eq "$form: nothing of UPD-001 not examined" "$(gaps)" ""

  scan "$good"
  expect_eq "$form: without --keyring JD-1.1e still fails" "$(verdict)" FAIL
  evidence | grep -q "; signature not verified: no --keyring given$" &&
    ok "$form: the evidence says no --keyring was given" || fail "$form: evidence: $(evidence)"

  scan --keyring $KEYRING "$bad"
  expect_eq "$form: a changed InRelease leaves JD-1.1e NOT EXAMINED" "$(verdict)" "NOT EXAMINED"
  gaps | grep -q "InRelease signature BAD (BAD signature by key .*): the Release file changed after it was signed" &&
    ok "$form: the bad signature is said" || fail "$form: gaps: $(gaps)"
  gaps | grep -q "^not used: /var/lib/apt/lists/${pfx}InRelease, the Release file that lists it" &&
    ok "$form: its list is not used" || fail "$form: gaps: $(gaps)"
  expect_eq "$form: no finding from the untrusted list" \
    "$(jq '[.findings[] | select(.check == "UPD-001")] | length' "$TMP/out")" 0
  jq -r '.clauses[] | select(.id == "JD-1.1e") | .why' "$TMP/out" | grep -q "signature BAD" &&
    ok "$form: the clause says why" || fail "$form: no reason in the clause"
done

# keyrings without Debian's keys: an empty file, a key made with gpg in a private GNUPGHOME
: > "$TMP/empty.gpg"
scan --keyring "$TMP/empty.gpg" "$TMP/good"
expect_eq "an empty keyring: NOT EXAMINED" "$(verdict)" "NOT EXAMINED"
gaps | grep -q "signed by keys no --keyring holds (54404762BBB6E853 BDE6D2B9216EC7A8)" &&
  ok "an empty keyring: the keys it lacks are named" || fail "gaps: $(gaps)"
if command -v gpg >/dev/null; then
  mkdir -m 700 "$TMP/gnupg"
  GNUPGHOME=$TMP/gnupg gpg -q --batch --passphrase '' \
    --quick-gen-key 'imgaudit test <test@example.org>' ed25519 sign never 2>/dev/null
  GNUPGHOME=$TMP/gnupg gpg -q --export > "$TMP/mine.gpg"
  scan --keyring "$TMP/mine.gpg" "$TMP/good"
  expect_eq "a keyring of another key: NOT EXAMINED" "$(verdict)" "NOT EXAMINED"
  # with Debian's beside it: good again
  scan --keyring "$TMP/mine.gpg" --keyring $KEYRING "$TMP/good"
  expect_eq "two keyrings, one Debian's: fails on verified lists" "$(verdict)" FAIL
fi

# gpgv missing: a note and the evidence say so; the audit is what it was without --keyring
mkdir "$TMP/nobin"
PATH=$TMP/nobin scan --keyring $KEYRING "$TMP/good"
expect_eq "gpgv missing: JD-1.1e still fails" "$(verdict)" FAIL
evidence | grep -q "; signature not verified: gpgv not installed$" &&
  ok "gpgv missing: said" || fail "evidence: $(evidence)"

# the private directories gpgv worked in are gone (removed at exit by a child: wait for it)
for _ in 1 2 3 4 5 6 7 8 9 10; do [ -z "$(ls -A "$TMP/tmp")" ] && break; sleep 0.2; done
expect_eq "nothing left in TMPDIR" "$(ls -A "$TMP/tmp")" ""

run_ia 2 scan --keyring "$TMP/none.gpg" "$TMP/good" || true
grep -q "cannot read --keyring" "$TMP/err" && ok "--keyring names a missing file" ||
  fail "no --keyring message: $(cat "$TMP/err")"
finish
