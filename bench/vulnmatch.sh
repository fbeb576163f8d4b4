#!/bin/sh
# vulnmatch.sh — benchmark: the vulnerability database (import, size) and matching an inventory
# SPDX-License-Identifier: Apache-2.0
# Usage: bench/vulnmatch.sh [BUILD_DIR]   (default: a release build made under $TMPDIR)
# Imports 100k synthetic OSV records of Debian 12 (a zip dump, 5 ranges each: 500k ranges) and
# every real feed of tests/data/vulndb into one database, then matches a 1,000-package Debian 12
# inventory against it (the time of the vulns family, `scan --timings`, median of 11 runs).
# Budgets (issue 9): import of 100k OSV records under 30 s; matching under 50 ms. Prints the
# database size and the peak resident memory of the import and of the scan, and the CPU time the
# database adds to a scan (steadier than wall time on a shared machine). Not run by the tests.
set -eu
src=$(cd "$(dirname "$0")/.." && pwd)
data=$src/tests/data/vulndb
tmp=${TMPDIR:-/tmp}
build=${1:-}
if [ -z "$build" ]; then
	build="$tmp/imgaudit-bench-build"
	[ -d "$build" ] || meson setup "$build" "$src" --buildtype=release -Dtests=false >/dev/null
	meson compile -C "$build" >/dev/null
fi
exe="$build/imgaudit"
work=$(mktemp -d "$tmp/imgaudit-bench-vuln.XXXXXX")
trap 'rm -rf "$work"' EXIT
python3 - "$exe" "$work" "$data" <<'PY'
import json, os, resource, subprocess, sys, time, zipfile
exe, work, data = sys.argv[1:4]
# 100k records over 20k source packages, 5 ranges each (dpkg versions)
z = os.path.join(work, "Debian.zip")
with zipfile.ZipFile(z, "w", zipfile.ZIP_DEFLATED) as zf:
    for i in range(100000):
        pkg = f"src{i % 20000}"
        ranges = [{"type": "ECOSYSTEM", "events": [{"introduced": f"{k}.0-1"}, {"fixed": f"{k}.{i % 7 + 1}-1+deb12u1"}]} for k in range(5)]
        rec = {"id": f"SYN-{i}", "modified": "2026-11-01T00:00:00Z", "summary": f"synthetic {i}",
               "affected": [{"package": {"ecosystem": "Debian:12", "name": pkg}, "ranges": ranges}]}
        zf.writestr(f"SYN-{i}.json", json.dumps(rec))
db = os.path.join(work, "vuln.db")
def run(args):
    t0 = time.perf_counter()
    p = subprocess.run([exe] + args, capture_output=True, text=True)
    if p.returncode > 1:
        sys.exit(f"imgaudit {' '.join(args)}: {p.stderr}")
    return time.perf_counter() - t0, p
t, _ = run(["db", "import", "--db", db, z])
peak_import = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
real = [os.path.join(data, d) for d in ("debian-tracker/vunnel_debian.json",
        "debian-tracker/osv.dev_debian_security_tracker_mock.json", "alpine-secdb/v3.10-main.yaml",
        "alpine-secdb/v3.11-main.json", "osv/almalinux9", "osv/pypi", "osv/go", "osv/ghsa")]
t_real, _ = run(["db", "import", "--db", db] + real)
size = os.path.getsize(db) / 1024 / 1024
# a Debian 12 root with 1,000 packages, each of its own source among the feed's
root = os.path.join(work, "root")
os.makedirs(root + "/etc"); os.makedirs(root + "/var/lib/dpkg")
open(root + "/etc/os-release", "w").write('ID=debian\nVERSION_ID="12"\nVERSION_CODENAME=bookworm\n')
with open(root + "/var/lib/dpkg/status", "w") as st:
    for i in range(1000):
        st.write(f"Package: bin{i}\nStatus: install ok installed\nArchitecture: amd64\n"
                 f"Source: src{i * 20}\nVersion: {i % 5}.{i % 3}-1\n\n")
def cpu():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime
# wall time of the family (--timings), and the CPU time of the whole scan with the database
# minus without it: on a machine shared with other work the CPU figure is the steadier one
times, cpu_with, cpu_without = [], [], []
for _ in range(11):
    c0 = cpu()
    _, p = run(["scan", "--db", db, "--timings", "--password-budget", "0", "-qq", root])
    cpu_with.append(cpu() - c0)
    for line in p.stderr.splitlines():
        if line.startswith("timing: vulns"):
            times.append(float(line.split()[2]))
    c0 = cpu()
    run(["scan", "--password-budget", "0", "-qq", root])
    cpu_without.append(cpu() - c0)
times.sort(); cpu_with.sort(); cpu_without.sort()
peak_all = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
print(f"import 100k OSV records (500k ranges, zip): {t:.1f} s  [budget: 30 s], peak {peak_import:.0f} MiB")
print(f"import the real feeds of tests/data/vulndb: {t_real:.1f} s; database {size:.1f} MiB")
print(f"match 1,000 packages (vulns family, both checks): median {times[5]*1000:.1f} ms "
      f"(min {times[0]*1000:.1f})  [budget: 50 ms]; peak of all runs {peak_all:.0f} MiB")
print(f"CPU time the database adds to the scan (median with minus median without): "
      f"{(cpu_with[5]-cpu_without[5])*1000:.1f} ms")
PY
