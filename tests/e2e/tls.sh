#!/usr/bin/env bash
# tls.sh — the tls and secrets families through the program: certificates made with the openssl
# tool judged at --date with --cert-days, a world-readable key, secrets reported without their
# value, SR-4.4 and SR-8 failing with them, in a directory root and in its docker-save archive
# SPDX-License-Identifier: Apache-2.0
. "$(dirname "$0")/lib.sh"

command -v openssl >/dev/null || skip_all "no openssl tool (scripts/setup.sh)"
root=$TMP/root
mkdir -p "$root/etc/ssl/private" "$root/etc/ssl/certs" "$root/opt/app" "$root/root"
printf 'ID=debian\nVERSION_ID="12"\n' >"$root/etc/os-release"
printf 'root:x:0:0:root:/root:/bin/sh\n' >"$root/etc/passwd"
printf 'root:x:0:\n' >"$root/etc/group"
# what "openssl req -x509" makes: self-signed, 365 days from today
openssl req -x509 -newkey rsa:2048 -nodes -keyout "$root/etc/ssl/private/site.key" \
  -out "$root/etc/ssl/certs/site.pem" -days 365 -subj /CN=site.example 2>/dev/null
chmod 644 "$root/etc/ssl/private/site.key"
# a made-up (not real) access key ID, built here so that no key-shaped string sits in the source
key="AKIA$(printf 'Q7R2T4V6X3Z5B7D2')"
printf '[default]\naws_access_key_id = %s\n' "$key" >"$root/root/credentials.ini"

check() { # FILE.json WHAT
  local f=$1
  expect_eq "$2: self-signed certificate" \
    "$(jq -r '[.findings[] | select(.check == "TLS-003") | .evidence.path] | join(",")' "$f")" \
    "/etc/ssl/certs/site.pem"
  expect_eq "$2: world-readable key" \
    "$(jq -r '[.findings[] | select(.check == "TLS-005") | .evidence.value] | join(",")' "$f")" \
    "mode 0644 uid 0 gid 0"
  expect_eq "$2: access key ID found, value redacted" \
    "$(jq -r '[.findings[] | select(.check == "SEC-001") | "\(.evidence.path):\(.evidence.line) \(.evidence.value)"] | join(",")' "$f")" \
    "/root/credentials.ini:2 AKIA[16 chars redacted]"
  grep -q "$key" "$f" && fail "$2: the report quotes the secret" || ok "$2: the secret is not in the report"
  expect_eq "$2: SR-4.4 fails" "$(jq -r '.clauses[] | select(.id == "SR-4.4") | .verdict' "$f")" "FAIL"
  expect_eq "$2: SR-8 fails" "$(jq -r '.clauses[] | select(.id == "SR-8") | .verdict' "$f")" "FAIL"
}

run_ia 1 scan --profile sysreq --format json "$root" && check "$TMP/out" "directory"
"$SRC/tests/fixtures/mkimage.sh" "$root" "$TMP/image.tar" >/dev/null
run_ia 1 scan --profile sysreq --format json "$TMP/image.tar" && check "$TMP/out" "docker-save archive"

# the certificate ends in 365 days: at today+340 it is expiring (window 30), at today+400 expired
at() { date -u -d "+$1 days" +%F; }
run_ia 1 scan --format json --date "$(at 340)" "$root" &&
  expect_eq "--date: expiring within 30 days" \
    "$(jq -r '[.findings[] | select(.check == "TLS-002" or .check == "TLS-001") | .check] | join(",")' "$TMP/out")" "TLS-002"
run_ia 1 scan --format json --date "$(at 340)" --cert-days 10 "$root" &&
  expect_eq "--cert-days 10: not yet expiring" \
    "$(jq -r '[.findings[] | select(.check == "TLS-002" or .check == "TLS-001")] | length' "$TMP/out")" "0"
run_ia 1 scan --format json --date "$(at 400)" "$root" &&
  expect_eq "--date: expired" \
    "$(jq -r '[.findings[] | select(.check == "TLS-002" or .check == "TLS-001") | .check] | join(",")' "$TMP/out")" "TLS-001"
run_ia 2 scan --cert-days -3 "$root" &&
  { grep -q "cert-days" "$TMP/err" && ok "--cert-days -3 refused" || fail "no message: $(cat "$TMP/err")"; }
finish
