#!/usr/bin/env bash
# formats.sh — SARIF 2.1.0, JUnit XML, CycloneDX 1.5 and SPDX 2.3 from one audit: each validated
# against its published schema (tests/data/schemas, python3-jsonschema, xmllint) and read by a
# real consumer (python3-junitparser); the same findings, clauses and packages as the JSON
# report; file digests that match the files; hostile paths escaped in every format
# SPDX-License-Identifier: Apache-2.0
. "$(dirname "$0")/lib.sh"
root=$(debian_root minbase)
S=$SRC/tests/data/schemas
py=/usr/bin/python3
validate() { $py "$SRC/tests/validate_json.py" "$@"; }
cd "$TMP"

run_ia 1 scan --profile jdcloud -f json -o r.json -f sarif -o r.sarif -f junit -o r.xml \
  -f cyclonedx -o r.cdx.json -f spdx -o r.spdx.json "$root" || true
expect_eq "the result line on stdout" "$(cut -c1-5 out)" "FAIL:"
validate "$S/sarif-schema-2.1.0.json" r.sarif && ok "SARIF valid (SARIF 2.1.0 schema)" || fail "SARIF invalid"
validate "$S/bom-1.5.schema.json" r.cdx.json && ok "CycloneDX valid (1.5 schema)" || fail "CycloneDX invalid"
validate "$S/spdx-schema-2.3.json" r.spdx.json && ok "SPDX valid (2.3 schema)" || fail "SPDX invalid"
xmllint --noout --schema "$S/junit-10.xsd" r.xml 2>xmllint.err && ok "JUnit valid (junit-10.xsd)" ||
  fail "JUnit invalid: $(head -3 xmllint.err)"

# SARIF: one result per finding, same fingerprints, located at the image path and line; rules
# from the catalogue with help and clause tags
expect_eq "SARIF results = findings" "$(jq '.runs[0].results | length' r.sarif)" "$(jq '.findings | length' r.json)"
expect_eq "SARIF fingerprints = JSON fingerprints" \
  "$(jq -r '[.runs[0].results[].partialFingerprints["imgaudit/v1"]] | sort | join(",")' r.sarif)" \
  "$(jq -r '[.findings[].fingerprint] | sort | join(",")' r.json)"
expect_eq "SARIF locations = evidence path:line" \
  "$(jq -r '[.runs[0].results[] | (.locations[0].physicalLocation // {}) | "/\(.artifactLocation.uri // ""):\(.region.startLine // 0)"] | sort | join(" ")' r.sarif)" \
  "$(jq -r '[.findings[] | "\(.evidence.path | if . == "" then "/" else . end):\(.evidence.line // 0)"] | sort | join(" ")' r.json)"
expect_eq "SARIF rules = the catalogue" "$(jq '.runs[0].tool.driver.rules | length' r.sarif)" \
  "$("$IMGAUDIT" checks -f json | jq 'length')"
expect_eq "every rule has help and a clause tag" \
  "$(jq '[.runs[0].tool.driver.rules[] | select((.help.text | length) > 0 and any(.properties.tags[]; startswith("clause:")))] | length' r.sarif)" \
  "$(jq '.runs[0].tool.driver.rules | length' r.sarif)"
expect_eq "ruleIndex points at the rule" \
  "$(jq '[.runs[0] as $r | $r.results[] | select($r.tool.driver.rules[.ruleIndex].id != .ruleId)] | length' r.sarif)" 0

# JUnit read by junitparser: one case per clause, a failure per FAIL clause carrying evidence
$py - r.xml r.json >junit.out <<'PY' || fail "junitparser: $(cat junit.out)"
import json, sys
from junitparser import JUnitXml, Failure, Error, Skipped
xml = JUnitXml.fromfile(sys.argv[1])
rep = json.load(open(sys.argv[2]))
cases = [c for s in xml for c in s]
verdicts = {c["id"]: c["verdict"] for c in rep["clauses"]}
assert len(cases) == len(rep["clauses"]), (len(cases), len(rep["clauses"]))
for c in cases:
    cid = c.name.split(":")[0]
    kinds = {type(r) for r in c.result}
    want = {"FAIL": {Failure}, "NOT EXAMINED": {Error}, "PASS": set()}.get(verdicts[cid], {Skipped})
    assert kinds == want, (cid, verdicts[cid], kinds)
    for r in c.result:
        if isinstance(r, Failure):
            fs = [f for f in rep["findings"] if cid in f["clauses"] and f["severity"] in ("medium", "high", "critical")]
            assert any(f["evidence"]["path"] in (r.text or "") for f in fs), (cid, r.text)
print("junit ok", len(cases))
PY
grep -q "junit ok" junit.out && ok "junitparser reads one case per clause, failures with evidence"

# SBOMs: every package with its purl, the OS, file digests that match the files
n=$(jq '.packages.count' r.json)
expect_eq "CycloneDX packages" "$(jq '[.components[] | select(.type == "library")] | length' r.cdx.json)" "$n"
expect_eq "CycloneDX purls" "$(jq '[.components[] | select(.type == "library" and (.purl | startswith("pkg:deb/debian/")))] | length' r.cdx.json)" "$n"
expect_eq "CycloneDX OS" "$(jq -r '.components[] | select(.type == "operating-system") | "\(.name) \(.version)"' r.cdx.json)" "debian 12"
expect_eq "SPDX packages (and the OS)" "$(jq '.packages | length' r.spdx.json)" "$((n + 1))"
expect_eq "SPDX purls" "$(jq '[.packages[] | select(any(.externalRefs[]?; .referenceType == "purl"))] | length' r.spdx.json)" "$n"
expect_eq "purl of dpkg" "$(jq -r '.components[] | select(.name == "dpkg") | .purl' r.cdx.json | sed 's/@.*?/@V?/')" \
  "pkg:deb/debian/dpkg@V?arch=amd64&distro=debian-12"
nf=$(jq '[.components[].components[]? | select(.type == "file")] | length' r.cdx.json)
[ "$nf" -gt 1000 ] && ok "CycloneDX: $nf files with digests" || fail "CycloneDX files: $nf"
expect_eq "SPDX files = CycloneDX files" "$(jq '.files | length' r.spdx.json)" "$nf"
jq -r '.components[].components[]? | select(.type == "file" and (.name | startswith("/usr/bin/"))) | "\(.hashes[0].content)  \(.name)"' r.cdx.json >md5.all
head -20 md5.all | sed "s|  /|  $root/|" >md5.list
st=0; md5sum --quiet -c md5.list >md5.out 2>&1 || st=$?
[ -s md5.list ] || fail "no /usr/bin file with a digest"
expect_eq "file digests match the files ($(wc -l <md5.list) checked)" "$st" 0

# the archive form: the container as the SBOM's subject; same packages
"$SRC/tests/fixtures/mkimage.sh" "$root" image.tar >/dev/null
run_ia 1 scan -f cyclonedx -o i.cdx.json image.tar || true
validate "$S/bom-1.5.schema.json" i.cdx.json && ok "image CycloneDX valid" || fail "image CycloneDX invalid"
expect_eq "image subject" "$(jq -r '.metadata.component | "\(.type) \(.name)"' i.cdx.json)" "container imgaudit-fixture:latest"
expect_eq "same purls in both forms" "$(jq -r '[.components[].purl // empty] | sort | join(" ")' i.cdx.json)" \
  "$(jq -r '[.components[].purl // empty] | sort | join(" ")' r.cdx.json)"

# hostile names: markup, quotes, control bytes, invalid UTF-8, U+FFFF, a right-to-left override
mkdir -p h/etc h/srv && printf 'ID=debian\nVERSION_ID=12\n' >h/etc/os-release
bad=$(printf 'a<b>&"c'"'"'\001\377\357\277\277\342\200\256x y.conf')
printf 'x\n' >"h/srv/$bad" && chmod 0666 "h/srv/$bad"
run_ia 1 scan -f json -o h.json -f sarif -o h.sarif -f junit -o h.xml --fail-at low h || true
expect_eq "the world-writable file is found" "$(jq '[.findings[] | select(.evidence.path | startswith("/srv/a<b>"))] | length' h.json)" 1
validate "$S/sarif-schema-2.1.0.json" h.sarif && ok "hostile SARIF valid" || fail "hostile SARIF invalid"
expect_eq "hostile path percent-encoded in SARIF" \
  "$(jq -r '.runs[0].results[].locations[].physicalLocation.artifactLocation.uri | select(startswith("srv/"))' h.sarif)" \
  "srv/a%3Cb%3E&%22c'%01%FF%EF%BF%BF%E2%80%AEx%20y.conf"
xmllint --noout --schema "$S/junit-10.xsd" h.xml 2>/dev/null && ok "hostile JUnit valid" || fail "hostile JUnit invalid"
grep -q 'a&lt;b&gt;&amp;&quot;c&#39;\\x01\\xff\\u{ffff}\\u{202e}x y.conf' h.xml && ok "hostile path escaped in JUnit" ||
  fail "JUnit escaping: $(grep -o 'srv/a[^ ]*' h.xml | head -2)"
finish
