#!/usr/bin/env bash
# inventory_rpm.sh — `imgaudit inventory` on a directory holding each real rpm database of
# tests/data/rpmdb (sqlite, BerkeleyDB hash, ndb) prints exactly the packages `rpm -qa` listed
# SPDX-License-Identifier: Apache-2.0
. "$(dirname "$0")/lib.sh"
data=$SRC/tests/data/rpmdb

# expected: name, [epoch:]version-release, arch, sourcerpm, vendor
# A package without a source rpm (gpg-pubkey: "(none)") is its own source: facts.h's contract.
from_tsv() {  # rpm-qa.expected.tsv: epoch name version release arch sourcerpm vendor
  awk -F'\t' '!/^#/ { e = ($1 == "" || $1 == "(none)") ? "" : $1 ":"
                      src = ($6 == "(none)") ? $2 "-" e $3 "-" $4 ".src.rpm" : $6
                      print $2 "\t" e $3 "-" $4 "\t" $5 "\t" src "\t" $7 }' "$1" | LC_ALL=C sort
}
from_csv() {  # go-rpmdb packages.csv, fields separated by ¶: epoch name version release arch sourcerpm size license vendor ...
  awk -F'¶' '{ e = ($1 == "" || $1 == "(none)") ? "" : $1 ":"
               print $2 "\t" e $3 "-" $4 "\t" $5 "\t" $6 "\t" $9 }' "$1" | LC_ALL=C sort
}
got() {
  jq -r '.packages.list[] | [.name, .version, .arch,
           (if .source_version == "" then "" else "\(.source)-\(.source_version).src.rpm" end),
           .vendor] | join("\t")' "$1" | LC_ALL=C sort
}

check_db() {  # NAME DBFILE DEST_DIR_IN_IMAGE EXPECTED-FILE KIND
  local name=$1 db=$2 dir=$3 want=$4 kind=$5 root=$TMP/$1
  mkdir -p "$root/$dir"
  cp "$data/$db" "$root/$dir/"
  run_ia 0 inventory --format json "$root" || return 0
  cp "$TMP/out" "$TMP/$name.json"
  if [ "$kind" = tsv ]; then from_tsv "$data/$want" >"$TMP/want"; else from_csv "$data/$want" >"$TMP/want"; fi
  got "$TMP/$name.json" >"$TMP/got"
  diff -u "$TMP/want" "$TMP/got" >"$TMP/diff" \
    && ok "$name: $(wc -l <"$TMP/got") packages equal rpm -qa, epochs included" \
    || { fail "$name differs from rpm -qa"; head -20 "$TMP/diff"; }
  expect_eq "$name: database read whole" "$(jq -r '.packages.databases[0].complete' "$TMP/$name.json")" true
  expect_eq "$name: database kind" "$(jq -r '.packages.databases[0].kind' "$TMP/$name.json")" rpm
}

check_db al2023 amazonlinux2023-plain/rpmdb.sqlite var/lib/rpm amazonlinux2023-plain/rpm-qa.expected.tsv tsv
check_db rhel8 rhel8-libuuid-bdb/Packages var/lib/rpm rhel8-libuuid-bdb/rpm-qa.expected.tsv tsv
check_db epoch bdb-epoch-synthetic/Packages var/lib/rpm bdb-epoch-synthetic/rpm-qa.expected.tsv tsv
check_db sle15 sle15-bci/Packages.db usr/lib/sysimage/rpm sle15-bci/packages.csv csv
expect_eq "epoch shown as rpm writes it" "$(jq -r '.packages.list[0].version' "$TMP/epoch.json")" "1:0.0.1-rls"

# a damaged database is never "0 packages, clean": exit 1 and the path on stderr
mkdir -p "$TMP/bad/var/lib/rpm"
head -c 65536 "$data/amazonlinux2023-plain/rpmdb.sqlite" >"$TMP/bad/var/lib/rpm/rpmdb.sqlite"
run_ia 1 inventory "$TMP/bad" && grep -q '/var/lib/rpm/rpmdb.sqlite' "$TMP/err" \
  && ok "truncated sqlite rpmdb: exit 1 naming the file" || fail "truncated rpmdb not reported"
finish
