#!/usr/bin/env bash
# db_update.sh — imgaudit db update against a real loopback HTTPS server (Debian's nginx, with a
# test CA made here with openssl): a full update, a connection dropped mid-download by a small
# proxy then the download resumed with a Range request, a server ignoring Range, a wrong CA
# refused, a corrupt feed and a checksum mismatch refused with the database intact while the
# other sources update, and offline use unaffected
# SPDX-License-Identifier: Apache-2.0
. "$(dirname "$0")/lib.sh"
NGINX=$(command -v nginx || true)
[ -n "$NGINX" ] || NGINX=$(PATH=$PATH:/usr/sbin:/sbin command -v nginx || true)
[ -n "$NGINX" ] || skip_all "nginx missing (scripts/setup.sh installs nginx-light)"
command -v openssl >/dev/null || skip_all "openssl missing (scripts/setup.sh installs it)"
command -v python3 >/dev/null || skip_all "python3 missing (scripts/setup.sh installs it)"
command -v gpgv >/dev/null || skip_all "gpgv missing (scripts/setup.sh installs it)"
# Debian's archive keys as the debian-archive-keyring package installs them
KEYRING=/usr/share/keyrings/debian-archive-keyring.gpg
[ -f "$KEYRING" ] || skip_all "debian-archive-keyring missing (scripts/setup.sh installs it)"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# the test CA, the server's certificate for 127.0.0.1 signed by it, and another CA
cd "$TMP"
mkdir -p pki www/debian-security/dists/bookworm-security/main/binary-amd64 www/norange logs
openssl req -x509 -newkey rsa:2048 -nodes -keyout pki/ca.key -out pki/ca.pem -days 2 \
  -subj "/CN=imgaudit test CA" 2>/dev/null
openssl req -x509 -newkey rsa:2048 -nodes -keyout pki/other.key -out pki/other.pem -days 2 \
  -subj "/CN=another CA" 2>/dev/null
openssl req -newkey rsa:2048 -nodes -keyout pki/server.key -out pki/server.csr \
  -subj "/CN=127.0.0.1" 2>/dev/null
printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\n' > pki/ext
openssl x509 -req -in pki/server.csr -CA pki/ca.pem -CAkey pki/ca.key -CAcreateserial \
  -out pki/server.pem -days 2 -extfile pki/ext 2>/dev/null

# what it serves: real feeds of tests/data, the real bookworm-security index (uncompressed: the
# file whose SHA256 the real InRelease lists) with its InRelease
suite=www/debian-security/dists/bookworm-security
cp "$SRC/tests/data/vulndb/debian-tracker/vunnel_debian.json" www/tracker.json
cp "$SRC/tests/data/vulndb/alpine-secdb/v3.11-main.json" www/secdb.json
zcat "$SRC/tests/data/debian-apt/bookworm-security_main_amd64_Packages.gz" \
  > "$suite/main/binary-amd64/Packages"
cp "$SRC/tests/data/debian-apt/bookworm-security_InRelease" "$suite/InRelease"
cp www/tracker.json www/norange/tracker.json
head -c 3000 www/tracker.json > www/corrupt.json
mkdir -p www/bad/dists/bookworm-security/main/binary-amd64
cp "$suite/InRelease" www/bad/dists/bookworm-security/InRelease
sed 's/^Version: /Version: 9/' "$suite/main/binary-amd64/Packages" \
  > www/bad/dists/bookworm-security/main/binary-amd64/Packages
# the real index beside an InRelease changed after it was signed (its Date: one day on)
mkdir -p www/badsig/dists/bookworm-security/main/binary-amd64
cp "$suite/main/binary-amd64/Packages" www/badsig/dists/bookworm-security/main/binary-amd64/
sed 's/^Date: Tue, 24 Nov/Date: Wed, 25 Nov/' "$suite/InRelease" > www/badsig/dists/bookworm-security/InRelease
cmp -s "$suite/InRelease" www/badsig/dists/bookworm-security/InRelease && fail "InRelease not changed"

port=$(free_port)
cat > nginx.conf <<EOF
daemon off;
master_process off;
worker_processes 1;
pid $TMP/logs/nginx.pid;
error_log $TMP/logs/error.log;
events { worker_connections 64; }
http {
  log_format ranges '\$request_uri \$status range=\$http_range';
  access_log $TMP/logs/access.log ranges;
  client_body_temp_path $TMP/logs/body;
  proxy_temp_path $TMP/logs/proxy;
  fastcgi_temp_path $TMP/logs/fastcgi;
  uwsgi_temp_path $TMP/logs/uwsgi;
  scgi_temp_path $TMP/logs/scgi;
  default_type application/octet-stream;
  server {
    listen 127.0.0.1:$port ssl;
    ssl_certificate $TMP/pki/server.pem;
    ssl_certificate_key $TMP/pki/server.key;
    root $TMP/www;
    location /norange/ { max_ranges 0; }
  }
}
EOF
"$NGINX" -e "$TMP/logs/error.log" -p "$TMP" -c "$TMP/nginx.conf" &
ngx=$!
# a proxy in front of it that cuts the first connection after 600,000 bytes from the server
pport=$(free_port)
cat > proxy.py <<'EOF'
import socket, sys, threading
lport, uport, cut = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
state = {"cut": False}
def pipe(a, b, count):
    sent = 0
    try:
        while True:
            d = a.recv(65536)
            if not d:
                break
            if count and not state["cut"] and sent + len(d) > cut:
                state["cut"] = True
                b.sendall(d[:cut - sent])
                break
            b.sendall(d)
            sent += len(d)
    except OSError:
        pass
    for s in (a, b):
        try:
            s.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
srv = socket.socket()
srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
srv.bind(("127.0.0.1", lport))
srv.listen(8)
while True:
    c, _ = srv.accept()
    u = socket.create_connection(("127.0.0.1", uport))
    threading.Thread(target=pipe, args=(c, u, False), daemon=True).start()
    threading.Thread(target=pipe, args=(u, c, True), daemon=True).start()
EOF
python3 proxy.py "$pport" "$port" 600000 &
proxy=$!
trap 'kill $ngx $proxy 2>/dev/null || true; wait $ngx $proxy 2>/dev/null || true; chmod -R u+rwx "$TMP" 2>/dev/null; rm -rf "$TMP"' EXIT
for _ in $(seq 50); do
  (exec 3<>/dev/tcp/127.0.0.1/$port) 2>/dev/null && (exec 3<>/dev/tcp/127.0.0.1/$pport) 2>/dev/null && break
  sleep 0.1
done
base=https://127.0.0.1:$port
db=$TMP/vuln.db
pkgs=dists/bookworm-security/main/binary-amd64/Packages

# a full update: a tracker feed, an Alpine secdb and the security index (its InRelease signature
# checked with gpgv against Debian's keyring, its SHA256 against the signed InRelease)
cat > sources <<EOF
# name URL
tracker.json $base/tracker.json
secdb-v3.11-main.json=$base/secdb.json

bookworm-security_main_amd64_Packages $base/debian-security/$pkgs
EOF
run_ia 0 db update --db "$db" --ca-file pki/ca.pem --keyring "$KEYRING" --sources sources
grep -q '^bookworm-security_main_amd64_Packages: apt-index (plain), .*3028 packages (InRelease signature good (key ED541312A33F1128F10B1C6C54404762BBB6E853 B0CAB9266E8C3929798B3EEEBDE6D2B9216EC7A8); SHA256 matches main/binary-amd64/Packages)' "$TMP/out" \
  && ok "the index downloaded, InRelease's signature good, its SHA256 listed by it, 3028 packages" \
  || fail "index not imported: $(cat "$TMP/out" "$TMP/err")"
run_ia 0 db info --db "$db"
for s in debian-tracker:tracker.json alpine-secdb:v3.11/main apt:bookworm-security:bookworm-security_main_amd64_Packages; do
  grep -qx "$s" "$TMP/out" && ok "source $s in the database" || fail "no source $s: $(cat "$TMP/out")"
done
grep -A5 '^apt:bookworm-security:' "$TMP/out" | grep -qx '  packages: 3028' \
  && ok "db info: the index's 3028 packages" || fail "$(cat "$TMP/out")"
grep -A6 '^apt:bookworm-security:' "$TMP/out" | grep -q '^  verification: InRelease signature good (key ED54' \
  && ok "db info: how the index was verified" || fail "$(cat "$TMP/out")"
[ -z "$(ls "$db.downloads")" ] && ok "nothing left in the download directory" \
  || fail "left: $(ls "$db.downloads")"

# offline use unaffected: a scan with the database needs no server
root=$TMP/root
mkdir -p "$root/etc" "$root/var/lib/dpkg"
cp "$SRC/tests/data/dpkg/debian12-minbase-rootfs/var/lib/dpkg/status" "$root/var/lib/dpkg/"
printf 'ID=debian\nVERSION_ID="12"\nVERSION_CODENAME=bookworm\n' > "$root/etc/os-release"
kill -STOP $ngx
run_ia 1 scan --db "$db" --db-max-age 100000 -f json "$root" || true
kill -CONT $ngx
expect_eq "UPD-001 from the downloaded index, offline" \
  "$(jq '[.findings[] | select(.check == "UPD-001")] | length' "$TMP/out")" 6

# end of life refreshed: endoflife.date's API answer for PHP (made here from the shipped rows, in
# the API's form) and distro-info-data's real debian.csv, each served with one change against the
# shipped tables: PHP 8.2 ends 2026-11-30 instead of 2026-12-31, Debian 12's LTS 2026-11-30
# instead of 2028-06-30; the scan (reference day 2026-12-02) shows the served dates and sources
mkdir -p www/eol "$root/usr/local/include/php/main"
printf '#define PHP_VERSION "8.2.10"\n' > "$root/usr/local/include/php/main/php_version.h"
python3 - "$SRC/data/eol/software.tsv" > www/eol/php <<'PY'
import json, sys
rel = []
for l in open(sys.argv[1]):
    c = l.rstrip("\n").split("\t")
    if l.startswith("#") or c[0] != "php":
        continue
    eol = "2026-11-30" if c[2] == "8.2" else (None if c[5] in ("-", "ended") else c[5])
    rel.append({"name": c[2], "codename": None, "label": c[2],
                "releaseDate": None if c[4] == "-" else c[4], "isLts": False,
                "isEol": c[5] == "ended", "eolFrom": eol, "isMaintained": True, "latest": None})
print(json.dumps({"schema_version": "1.2.0", "generated_at": "2026-11-30T06:00:00+00:00",
                  "result": {"name": "php", "label": "PHP", "releases": rel}}))
PY
sed 's/^\(12,Bookworm,[^,]*,[^,]*,[^,]*,[^,]*\),2028-06-30,/\1,2026-11-30,/' \
  "$SRC/tests/data/eol/distro-info-data/debian.csv" > www/eol/debian.csv
grep -q '^12,.*,2026-11-30,2033' www/eol/debian.csv || fail "debian.csv not changed"
run_ia 1 scan --db "$db" --db-max-age 100000 --date 2026-12-02 -f json "$root" || true
expect_eq "before: the shipped tables (PHP 8.2 and Debian 12 maintained)" \
  "$(jq -r '[.findings[] | select(.check == "COMP-002" or .check == "UPD-002")] | length' "$TMP/out")" 0
cat > sources5 <<EOF
endoflife-php.json $base/eol/php
distro-info-debian.csv $base/eol/debian.csv
EOF
run_ia 0 db update --db "$db" --ca-file pki/ca.pem --sources sources5
grep -q '^endoflife-php.json: eol-endoflife, source eol:endoflife.date:php: 18 series' "$TMP/out" \
  && grep -q '^distro-info-debian.csv: eol-distro-info, source eol:distro-info-data:debian: 20 series' "$TMP/out" \
  && ok "the EOL feeds downloaded and stored" || fail "$(cat "$TMP/out" "$TMP/err")"
run_ia 0 db info --db "$db"
grep -A5 '^eol:endoflife.date:php$' "$TMP/out" | grep -qx '  data of: 2026-11-30' \
  && ok "db info: the PHP data's date (generated_at)" || fail "$(cat "$TMP/out")"
run_ia 1 scan --db "$db" --db-max-age 100000 --date 2026-12-02 -f json "$root" || true
jq -r '.findings[] | select(.check == "COMP-002") | .evidence.value' "$TMP/out" > comp002
grep -q '^php 8.2.10: series 8.2, end of life 2026-11-30 (endoflife.date php of 2026-11-30, from the vulnerability database)$' comp002 \
  && ok "COMP-002: PHP 8.2 ended on the served date, the source named" || fail "COMP-002: $(cat comp002)"
jq -r '.findings[] | select(.check == "UPD-002") | .title' "$TMP/out" > upd002
grep -q 'Debian 12 (Bookworm) is out of maintenance: public security support ended 2026-11-30.*source: distro-info-data debian.csv of [0-9-]*, from the vulnerability database' upd002 \
  && ok "UPD-002: Debian 12's served LTS end, the source named" || fail "UPD-002: $(cat upd002)"
# a malformed answer: refused, the database keeps the earlier PHP data
head -c 700 www/eol/php > www/eol/php-cut
printf '{"result":{"name":"php","releases":[{"name":"8.2","eolFrom":"soon"}]}}' > www/eol/php-bad
run_ia 2 db update --db "$db" --ca-file pki/ca.pem --source "endoflife-php.json=$base/eol/php-cut" || true
grep -q 'source endoflife-php.json .* not updated, the database keeps its earlier data.*bad JSON' "$TMP/err" \
  && ok "a truncated endoflife.date answer refused" || fail "$(cat "$TMP/err")"
run_ia 2 db update --db "$db" --ca-file pki/ca.pem --source "endoflife-php.json=$base/eol/php-bad" || true
grep -q 'release 1: .*releaseDate, eolFrom, eoesFrom and latest.date days or null' "$TMP/err" \
  && ok "a date that is no day refused" || fail "$(cat "$TMP/err")"
run_ia 1 scan --db "$db" --db-max-age 100000 --date 2026-12-02 -f json "$root" || true
expect_eq "the earlier EOL data intact" \
  "$(jq -r '.findings[] | select(.check == "COMP-002") | .evidence.value' "$TMP/out")" "$(cat comp002)"
rm -r "$root/usr/local/include"

# a connection dropped after 600,000 bytes: the source fails, the others update, then the next
# run continues the download with a Range request and the result is complete
cat > sources2 <<EOF
tracker.json $base/tracker.json
cut_Packages https://127.0.0.1:$pport/debian-security/$pkgs
EOF
run_ia 2 db update --db "$db" --ca-file pki/ca.pem --sources sources2 || true
grep -q "source cut_Packages .* not updated, the database keeps its earlier data" "$TMP/err" \
  && ok "the cut download is named" || fail "no message: $(cat "$TMP/err")"
grep -q "^tracker.json: debian-tracker" "$TMP/out" && ok "the other source still updated" \
  || fail "tracker not updated: $(cat "$TMP/out")"
part=$(stat -c %s "$db.downloads/cut_Packages.part" 2>/dev/null || echo 0)
[ "$part" -gt 0 ] && ok "a partial download of $part bytes kept" || fail "no .part kept"
run_ia 0 db update --db "$db" --ca-file pki/ca.pem --sources sources2
grep -q "^cut_Packages: resumed at byte $part" "$TMP/out" && ok "resumed at byte $part" \
  || fail "not resumed: $(cat "$TMP/out")"
grep -q "/debian-security/$pkgs 206 range=bytes=$part-" logs/access.log \
  && ok "the second request was a Range request from byte $part (206)" \
  || fail "no Range request in the server's log: $(tail -5 logs/access.log)"
grep -q '^cut_Packages: apt-index (plain), .*3028 packages (not verified: no keyring given to check the InRelease signature (--keyring FILE); SHA256 matches main/binary-amd64/Packages)' "$TMP/out" \
  && ok "the resumed download is complete (SHA256 and 3028 packages)" || fail "$(cat "$TMP/out")"

# a server that ignores Range: the download starts again from nothing
mkdir -p "$db.downloads"
head -c 1000 www/norange/tracker.json > "$db.downloads/nr.json.part"
printf '%s' "$base/norange/tracker.json" > "$db.downloads/nr.json.part.url"
run_ia 0 db update --db "$db" --ca-file pki/ca.pem --source "nr.json=$base/norange/tracker.json"
grep -q "^nr.json: the server ignored the range request: downloaded again" "$TMP/out" \
  && ok "a server ignoring Range: downloaded again from nothing" || fail "$(cat "$TMP/out" "$TMP/err")"
grep -q "^nr.json: debian-tracker" "$TMP/out" && ok "and imported whole" || fail "not imported"
# a partial download of another URL (the source's URL changed) is not continued
head -c 1000 www/secdb.json > "$db.downloads/nr.json.part"
printf '%s' "$base/secdb.json" > "$db.downloads/nr.json.part.url"
run_ia 0 db update --db "$db" --ca-file pki/ca.pem --source "nr.json=$base/tracker.json"
grep -q "resumed\|downloaded again" "$TMP/out" && fail "continued another URL's download: $(cat "$TMP/out")" \
  || ok "a partial download of another URL started again"
grep -q "^nr.json: debian-tracker" "$TMP/out" && ok "and imported whole" || fail "not imported"

# the database as it is now, to compare after the refusals
cp "$db" "$TMP/before.db"

# a wrong CA: refused, nothing downloaded, the database intact
run_ia 2 db update --db "$db" --ca-file pki/other.pem --source "tracker.json=$base/tracker.json" || true
grep -qi "certificate" "$TMP/err" && ok "a server certificate from another CA refused" \
  || fail "no certificate error: $(cat "$TMP/err")"
# the system's CAs do not know the test CA either
run_ia 2 db update --db "$db" --source "tracker.json=$base/tracker.json" || true
grep -qi "certificate" "$TMP/err" && ok "without --ca-file the test CA is not trusted" \
  || fail "no certificate error: $(cat "$TMP/err")"
# plain http is never used
run_ia 2 db update --db "$db" --source "x.json=http://127.0.0.1:$port/tracker.json" || true
grep -q "https://" "$TMP/err" && ok "an http:// source refused" || fail "$(cat "$TMP/err")"

# a corrupt feed and an index whose SHA256 does not match: refused, the others update
cat > sources3 <<EOF
corrupt.json $base/corrupt.json
bad_Packages $base/bad/$pkgs
secdb-v3.11-main.json $base/secdb.json
EOF
run_ia 2 db update --db "$db" --ca-file pki/ca.pem --sources sources3 || true
grep -q "source corrupt.json .* not updated, the database keeps its earlier data" "$TMP/err" \
  && ok "the corrupt feed named" || fail "$(cat "$TMP/err")"
grep -q "source bad_Packages .*SHA256 [0-9a-f]* does not match" "$TMP/err" \
  && ok "an index whose SHA256 differs from InRelease refused" || fail "$(cat "$TMP/err")"
grep -q "2 of 3 sources not updated" "$TMP/err" && ok "the failures counted" || fail "$(cat "$TMP/err")"
grep -q "^secdb-v3.11-main.json: alpine-secdb" "$TMP/out" && ok "the good source updated" \
  || fail "$(cat "$TMP/out")"
run_ia 0 db info --db "$db"
grep -q "^corrupt\|^osv:corrupt\|bad_Packages" "$TMP/out" && fail "a refused source was stored" \
  || ok "no refused source in the database"
expect_eq "the advisories of the earlier sources intact" \
  "$(grep -A5 '^debian-tracker:tracker.json' "$TMP/out" | grep advisories)" \
  "$("$IMGAUDIT" db info --db "$TMP/before.db" | grep -A5 '^debian-tracker:tracker.json' | grep advisories)"

# a keyring without the archive's keys: imported, "not verified" (the SHA256 still checked)
: > empty.gpg
run_ia 0 db update --db "$db" --ca-file pki/ca.pem --keyring empty.gpg --source "unknown_Packages=$base/debian-security/$pkgs"
grep -q '^unknown_Packages: .*3028 packages (not verified: InRelease signed by keys not in the keyring (54404762BBB6E853 BDE6D2B9216EC7A8); SHA256 matches' "$TMP/out" \
  && ok "signed by keys not in the keyring: not verified, said" || fail "$(cat "$TMP/out" "$TMP/err")"
run_ia 0 db info --db "$db"
grep -A6 '^apt:bookworm-security:unknown_Packages' "$TMP/out" | grep -q '^  verification: not verified: InRelease signed by keys not in the keyring' \
  && ok "db info: not verified" || fail "$(cat "$TMP/out")"
# an InRelease changed after it was signed: refused
run_ia 2 db update --db "$db" --ca-file pki/ca.pem --keyring "$KEYRING" --source "badsig_Packages=$base/badsig/$pkgs" || true
grep -q 'source badsig_Packages .* not updated.*InRelease signature BAD: BAD signature by key 54404762BBB6E853: the index is refused' "$TMP/err" \
  && ok "a bad InRelease signature refuses the index" || fail "$(cat "$TMP/err")"
run_ia 0 db info --db "$db"
grep -q badsig_Packages "$TMP/out" && fail "the refused index was stored" || ok "the refused index not stored"
# db import takes the same checks
run_ia 2 db import --db "$db" --keyring "$KEYRING" --release www/badsig/dists/bookworm-security/InRelease "$suite/main/binary-amd64/Packages" || true
grep -q 'InRelease signature BAD' "$TMP/err" && ok "db import: a bad signature refused" || fail "$(cat "$TMP/err")"
run_ia 2 db import --db "$db" --keyring "$KEYRING" --release "$suite/InRelease" www/bad/$pkgs || true
grep -q 'matches no Packages entry of .*InRelease: not the index that Release file describes' "$TMP/err" \
  && ok "db import: an index its InRelease does not list refused" || fail "$(cat "$TMP/err")"

# bad options
run_ia 2 db update --db "$db" --source "../x=https://127.0.0.1/" || true
grep -q "is not NAME=URL" "$TMP/err" && ok "a source name with a slash refused" || fail "$(cat "$TMP/err")"
printf 'only-a-name\n' > sources4
run_ia 2 db update --db "$db" --sources sources4 || true
grep -q "sources4:1: 'NAME URL' expected" "$TMP/err" && ok "a bad sources line named" || fail "$(cat "$TMP/err")"
finish
