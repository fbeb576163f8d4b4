#!/usr/bin/env bash
# ci_examples.sh — the CI examples of docs/ci run here as far as no CI service is needed: each
# is valid YAML; it installs the build's packages with scripts/setup.sh --build (so its list
# cannot go stale); its audit command, run as written on a docker-save archive of the
# debootstrapped root, audits (exit 0 or 1, never 2) and writes every file the job keeps or
# uploads, each valid (SARIF and CycloneDX against their schemas, JUnit against its XSD)
# SPDX-License-Identifier: Apache-2.0
. "$(dirname "$0")/lib.sh"
/usr/bin/python3 -c 'import yaml' 2>/dev/null || { fail "python3-yaml is missing (scripts/setup.sh installs it)"; finish; }
root=$(debian_root minbase)
S=$SRC/tests/data/schemas
cd "$TMP"
"$SRC/tests/fixtures/mkimage.sh" "$root" image.tar >/dev/null

# steps.py FILE: the install commands, then "AUDIT\t<the audit command>", then "KEEP\t<file>"
# for every file the job keeps or uploads, read from the YAML as the CI service reads it
cat >steps.py <<'PY'
import sys, yaml
doc = yaml.safe_load(open(sys.argv[1]))
cmds, keep = [], []
if "jobs" in doc:  # GitHub Actions
    for step in doc["jobs"]["audit"]["steps"]:
        cmds += [c for c in step.get("run", "").splitlines() if c.strip()]
        w = step.get("with", {})
        keep += str(w.get("sarif_file", "")).split() + str(w.get("path", "")).split()
else:  # GitLab CI
    job = doc["image-audit"]
    cmds = job["before_script"] + job["script"]
    keep = job["artifacts"]["paths"] + list(job["artifacts"]["reports"].values())
for c in cmds:
    c = " ".join(c.split())
    print(("AUDIT\t" if " scan " in c else "CMD\t") + c)
for k in keep:
    if k:
        print("KEEP\t" + k)
PY
for ex in github-actions gitlab-ci; do
  /usr/bin/python3 steps.py "$SRC/docs/ci/$ex.yml" >$ex.steps 2>$ex.err ||
    { fail "$ex: not valid YAML for its CI: $(head -3 $ex.err)"; continue; }
  ok "$ex: valid YAML"
  grep -q $'^CMD\t.*scripts/setup.sh --build$' $ex.steps && ok "$ex: installs with scripts/setup.sh --build" ||
    fail "$ex: does not install with scripts/setup.sh --build: $(grep -i 'apt\|setup' $ex.steps | head -3)"
  audit=$(sed -n $'s/^AUDIT\t//p' $ex.steps)
  [ -n "$audit" ] || { fail "$ex: no audit command"; continue; }
  # the command as written, with the binary built here: `imgaudit` on PATH or the build dir's
  cmd=${audit/imgaudit-build\/imgaudit /imgaudit }
  mkdir -p run-$ex && cd run-$ex
  ln -s ../image.tar image.tar
  st=0
  PATH=$(dirname "$IMGAUDIT"):$PATH bash -c "$cmd" >out 2>err </dev/null || st=$?
  [ $st = 0 ] || [ $st = 1 ] && ok "$ex: the audit ran (exit $st: the gate)" ||
    fail "$ex: the audit could not run (exit $st): $(head -3 err)"
  # every file the job keeps or uploads was written, and is what its consumer reads
  n=0
  while IFS=$'\t' read -r _ f; do
    n=$((n + 1))
    [ -s "$f" ] || { fail "$ex: $f (kept by the job) was not written"; continue; }
    case $f in
      *.sarif) /usr/bin/python3 "$SRC/tests/validate_json.py" "$S/sarif-schema-2.1.0.json" "$f" >/dev/null ;;
      *.cdx.json) /usr/bin/python3 "$SRC/tests/validate_json.py" "$S/bom-1.5.schema.json" "$f" >/dev/null ;;
      *.xml) xmllint --noout --schema "$S/junit-10.xsd" "$f" 2>/dev/null ;;
      *.json) jq -e .schema_version "$f" >/dev/null ;; # and against its schema at the end
      *.html) grep -q '<svg' "$f" ;;
    esac && ok "$ex: $f written and valid" || fail "$ex: $f not valid"
  done < <(grep $'^KEEP\t' ../$ex.steps | sort -u)
  [ $n -ge 3 ] || fail "$ex: the job keeps only $n files"
  cd ..
done
finish
