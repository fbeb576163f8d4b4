#!/usr/bin/env bash
# clauses.sh — `imgaudit clauses`: the shipped clause catalogue holds every clause of every
# built-in profile and every clause a check names; the checks serving each clause follow the
# catalogue and the profile's same= and checks=; JSON parses; a broken catalogue is an error
# SPDX-License-Identifier: Apache-2.0
. "$(dirname "$0")/lib.sh"
cat=$SRC/data/clauses.txt
ids_of() { grep -E '^[A-Za-z]+-[^|]*\|' "$1" | cut -d'|' -f1 | tr -d ' ' ; }

run_ia 0 clauses --format json && cp "$TMP/out" "$TMP/all.json"
jq -e . "$TMP/all.json" >/dev/null && ok "clauses -f json parses" || fail "clauses -f json is not JSON"
expect_eq "every catalogue clause listed, in its order" \
  "$(jq -r '.clauses[].id' "$TMP/all.json" | tr '\n' ' ')" "$(ids_of "$cat" | tr '\n' ' ')"
expect_eq "four source documents" "$(jq -r '[.sources[].key] | join(" ")' "$TMP/all.json")" \
  "jdcloud aliyun sysreq jike"
expect_eq "sysreq names both of its documents" \
  "$(jq -r '.sources[] | select(.key == "sysreq") | .documents | join(",")' "$TMP/all.json")" \
  "system-requirements.md,system-requirements-v65.txt"
expect_eq "lists are arrays (mode, checks, documents)" \
  "$(jq '[.clauses[] | select((.mode | type) != "array" or (.checks | type) != "array")] | length' "$TMP/all.json")" 0
expect_eq "every clause has a known source" \
  "$(jq '[.sources[].key] as $k | [.clauses[] | select(.source as $s | $k | index($s) | not)] | length' "$TMP/all.json")" 0
clause() { jq -c --arg c "$2" '.clauses[] | select(.id == $c) | [.mode, .checks]' "$1"; }
expect_eq "JD-3.1b: S+L, served by the password checks (Tomcat's users too)" "$(clause "$TMP/all.json" JD-3.1b)" \
  '[["S","L"],["ACC-001","ACC-002","WEB-010"]]'
expect_eq "JK-BACKUP: manual, no check" "$(clause "$TMP/all.json" JK-BACKUP)" '[["M"],[]]'

# every check the listing names exists, and every clause a check names is in the catalogue
run_ia 0 checks --format json && cp "$TMP/out" "$TMP/checks.json"
expect_eq "the serving checks are catalogue checks" \
  "$(jq -r '.clauses[].checks[]' "$TMP/all.json" | sort -u | comm -23 - <(jq -r '.[].id' "$TMP/checks.json" | sort -u) | tr '\n' ' ')" ""
named=$(jq -r '.[].clauses | if type == "array" then .[] else split(" ")[] end' "$TMP/checks.json")
expect_eq "every clause a check names is in the catalogue" \
  "$(printf '%s\n' $named | sort -u | comm -23 - <(ids_of "$cat" | sort -u) | tr '\n' ' ')" ""

for p in jdcloud aliyun sysreq jike all; do
  run_ia 0 clauses --profile "$p" -f json || continue
  cp "$TMP/out" "$TMP/$p.json"
  if [ "$p" = all ]; then want=$(for q in jdcloud aliyun sysreq jike; do ids_of "$SRC/data/profiles/$q.txt"; done)
  else want=$(ids_of "$SRC/data/profiles/$p.txt"); fi
  expect_eq "$p: its clauses in its order" "$(jq -r '.clauses[].id' "$TMP/$p.json" | tr '\n' ' ')" \
    "$(printf '%s\n' $want | tr '\n' ' ')"
  expect_eq "$p: every clause is in the catalogue" \
    "$(jq -r '.clauses[] | select(.source == null) | .id' "$TMP/$p.json" | tr '\n' ' ')" ""
  expect_eq "$p: named in the output" "$(jq -r .profile "$TMP/$p.json")" "$p"
  # the same check, without the program: the profile file's IDs against the catalogue file's
  expect_eq "$p: the file's IDs are all in data/clauses.txt" \
    "$(printf '%s\n' $want | sort -u | comm -23 - <(ids_of "$cat" | sort -u) | tr '\n' ' ')" ""
done
# same=: AY-2.1.4 is served by what serves JD-2.1d
expect_eq "aliyun AY-2.1.4 (same=JD-2.1d) has JD-2.1d's checks" \
  "$(clause "$TMP/aliyun.json" AY-2.1.4 | jq -c '.[1]')" "$(clause "$TMP/all.json" JD-2.1d | jq -c '.[1]')"
[ "$(clause "$TMP/all.json" JD-2.1d | jq '.[1] | length')" -gt 0 ] \
  && ok "JD-2.1d has a serving check" || fail "JD-2.1d has no serving check"

# a profile of the user's: checks= adds a check; a clause outside the catalogue exits 1
cat >"$TMP/mine.txt" <<'P'
name: mine
JD-3.1f | S | world-writable | checks=ACC-005
XX-1 | S | not a clause of any specification |
P
run_ia 1 clauses --profile "$TMP/mine.txt" -f json
expect_eq "checks= adds its check (catalogue order)" "$(clause "$TMP/out" JD-3.1f | jq -c '.[1]')" '["ACC-005","FS-001","FS-002"]'
expect_eq "a clause outside the catalogue has no source" "$(jq -r '.clauses[1].source' "$TMP/out")" null
grep -q 'line 3: clause XX-1 is not in the clause catalogue' "$TMP/err" \
  && ok "the unknown clause is named with its line" || fail "no message for XX-1: $(cat "$TMP/err")"

# the table: a line per source with its documents, one per clause, the counts last
run_ia 0 clauses
grep -q '^jike: .*(jike-security-whitepaper.txt)$' "$TMP/out" && ok "table: source line with its document" \
  || fail "table: no jike source line"
grep -qE '^  JD-3\.1b +S\+L +no weak default passwords \[ACC-001 ACC-002 WEB-010\]$' "$TMP/out" \
  && ok "table: clause line with mode, title and checks" || fail "table: JD-3.1b line: $(grep JD-3.1b "$TMP/out")"
n=$(ids_of "$cat" | wc -l)
tail -1 "$TMP/out" | grep -qE "^$n clauses: [0-9]+ served by checks, [0-9]+ manual, [0-9]+ without a check yet$" \
  && ok "table: counts last" || fail "table: last line: $(tail -1 "$TMP/out")"

# errors: a broken catalogue, an unknown format, an operand
mkdir -p "$TMP/data"
cp -r "$SRC/data/profiles" "$TMP/data/"
printf 'source: a | t | d\nA-1 | Q | bad mode\n' >"$TMP/data/clauses.txt"
st=0; IMGAUDIT_DATADIR=$TMP/data "$IMGAUDIT" clauses >"$TMP/out" 2>"$TMP/err" || st=$?
expect_eq "broken catalogue: exit 2" "$st" 2
grep -q "clauses.txt.*2.*mode 'Q'" "$TMP/err" && ok "broken catalogue: file, line and fault named" \
  || fail "broken catalogue message: $(cat "$TMP/err")"
run_ia 2 clauses -f yaml && grep -q "unknown format 'yaml'" "$TMP/err" && ok "unknown format refused" \
  || fail "unknown format"
run_ia 2 clauses jdcloud && grep -q "no operand" "$TMP/err" && ok "an operand is refused" || fail "operand"
run_ia 0 clauses --help && grep -q -- '--profile' "$TMP/out" && ok "--help lists --profile" || fail "--help"
finish
