#!/usr/bin/env bash
# select.sh — scan --only and --skip: the checks turned off do not run, their clauses are NOT
# EXAMINED saying so (never PASS), the report lists them, the shared content pass runs only the
# parts still on, and a name that is neither a check nor a family is exit 2
# SPDX-License-Identifier: Apache-2.0
. "$(dirname "$0")/lib.sh"

root=$TMP/root
mkdir -p "$root/etc/cron.d" "$root/var/www/html" "$root/opt/app" "$root/srv/share"
printf 'ID=debian\nVERSION_ID="12"\n' >"$root/etc/os-release"
printf 'root:x:0:0:root:/root:/bin/sh\n' >"$root/etc/passwd"
printf '<?php @eval($_POST["k"]); ?>\n' >"$root/var/www/html/404.php"
# a made-up key of the AWS format, built here so that no key-shaped string sits in the source
key="AKIA$(printf 'imgaudit select test' | sha256sum | cut -c1-16 | tr 'a-f' 'G-L')"
printf 'AWS_ACCESS_KEY_ID=%s\n' "$key" >"$root/opt/app/deploy.env"
chmod 1777 "$root/srv/share" 2>/dev/null || true
chmod 0777 "$root/srv/share"

# count CHECK: findings of CHECK in $TMP/out
count() { jq --arg c "$1" '[.findings[] | select(.check == $c)] | length' "$TMP/out"; }
# verdict CLAUSE / why CLAUSE
verdict() { jq -r --arg c "$1" '.clauses[] | select(.id == $c) | .verdict' "$TMP/out"; }
why() { jq -r --arg c "$1" '.clauses[] | select(.id == $c) | .why' "$TMP/out"; }

# everything on: the three planted problems are found
run_ia 1 scan --profile jdcloud --format json "$root" || true
expect_eq "all checks: the webshell" "$(count MAL-001)" 1
expect_eq "all checks: the key" "$(count SEC-001)" 1
expect_eq "all checks: the world-writable directory" "$(count FS-001)" 1

# --only malware: only the malware family runs
run_ia 1 scan --profile jdcloud --format json --only malware "$root" || true
expect_eq "--only malware: the webshell" "$(count MAL-001)" 1
expect_eq "--only malware: no secret finding (SEC-001 did not run)" "$(count SEC-001)" 0
expect_eq "--only malware: no world-writable finding" "$(count FS-001)" 0
expect_eq "--only malware: JD-1.1b (malware) still fails" "$(verdict JD-1.1b)" FAIL
expect_eq "--only malware: JD-3.1f (FS-001 off) is NOT EXAMINED" "$(verdict JD-3.1f)" "NOT EXAMINED"
case $(why JD-3.1f) in
  *"FS-001, FS-002: turned off: scan --only malware"*) ok "--only malware: JD-3.1f says FS-001 and FS-002 were turned off (one reason, its checks listed)" ;;
  *) fail "--only malware: JD-3.1f why: $(why JD-3.1f)" ;;
esac
expect_eq "--only malware: JD-1.1a, served by MAL-002 alone, passes (it ran, found nothing)" \
  "$(verdict JD-1.1a)" PASS
expect_eq "--only malware: the only clauses that pass are served by malware checks alone" \
  "$(jq -r '[.clauses[] | select(.verdict == "PASS") | .id] | join(",")' "$TMP/out")" "JD-1.1a"
case $(jq -r '.not_examined[] | select(.area == "checks") | .reason' "$TMP/out") in
  *"checks not run (turned off: scan --only malware)"*"the secrets family"*)
    ok "--only malware: not_examined lists the families turned off" ;;
  *) fail "--only malware: not_examined: $(jq -c '[.not_examined[] | select(.area == "checks")]' "$TMP/out")" ;;
esac
expect_eq "--only malware: the result is fail (a clause fails)" "$(jq -r .result.status "$TMP/out")" fail

# --skip secrets: everything else runs; the content pass runs without the secret scan
run_ia 1 scan --profile jdcloud --format json --skip secrets "$root" || true
expect_eq "--skip secrets: the webshell" "$(count MAL-001)" 1
expect_eq "--skip secrets: the world-writable directory" "$(count FS-001)" 1
expect_eq "--skip secrets: no secret finding" "$(count SEC-001)" 0
expect_eq "--skip secrets: JD-4.1g (SEC-001 and SEC-002 off) is NOT EXAMINED" "$(verdict JD-4.1g)" "NOT EXAMINED"
case $(why JD-4.1g) in
  *"SEC-001, SEC-002: turned off: scan --skip secrets"*) ok "--skip secrets: JD-4.1g says why" ;;
  *) fail "--skip secrets: JD-4.1g why: $(why JD-4.1g)" ;;
esac

# --skip malware: the integrity family reads the files but the rules never run over them
run_ia 1 scan --profile jdcloud --format json --skip malware "$root" || true
expect_eq "--skip malware: no malware finding" "$(count MAL-001)" 0
expect_eq "--skip malware: the key" "$(count SEC-001)" 1
expect_eq "--skip malware: JD-1.1b is NOT EXAMINED" "$(verdict JD-1.1b)" "NOT EXAMINED"

# check IDs, in any case, mixed with families; --only then --skip
run_ia 1 scan --profile jdcloud --format json --only sec-001,files --skip FS-002 "$root" || true
expect_eq "--only sec-001,files: the key" "$(count SEC-001)" 1
expect_eq "--only sec-001,files: the world-writable directory" "$(count FS-001)" 1
expect_eq "--only sec-001,files: no malware finding" "$(count MAL-001)" 0
case $(why JD-3.1f) in
  *"FS-002: turned off: scan --only sec-001,files --skip FS-002"*) ok "--skip FS-002 after --only: JD-3.1f names FS-002 turned off" ;;
  *) fail "--skip FS-002: JD-3.1f why: $(why JD-3.1f)" ;;
esac

# an unknown name, the input family, an empty name: exit 2 before any audit
run_ia 2 scan --only malwar "$root" &&
  case $(cat "$TMP/err") in *"unknown check or family 'malwar'"*) ok "--only malwar: exit 2 naming it" ;;
    *) fail "--only malwar: $(cat "$TMP/err")" ;; esac
run_ia 2 scan --skip input "$root" &&
  case $(cat "$TMP/err") in *"input family"*"always runs"*) ok "--skip input: refused" ;;
    *) fail "--skip input: $(cat "$TMP/err")" ;; esac
run_ia 2 scan --skip secrets,,files "$root" && ok "--skip with an empty name: exit 2"
finish
