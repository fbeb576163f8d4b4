#!/usr/bin/env bash
# html.sh — the HTML report rendered in a real browser (Debian's chromium, headless) with the
# network disabled: the rendered text holds the result, every clause's verdict and a finding's
# evidence, in English and in Chinese (--lang zh); a screenshot is taken; a console message or
# a network request from the page fails the test (a control page shows both are caught); text
# from the image is escaped (a file named like a script tag stays text)
# SPDX-License-Identifier: Apache-2.0
. "$(dirname "$0")/lib.sh"
command -v chromium >/dev/null || { fail "chromium is missing (scripts/setup.sh installs it)"; finish; }
# without a font that has Chinese glyphs the zh screenshot shows boxes where the text is
[ -n "$(fc-list :lang=zh 2>/dev/null)" ] && ok "a CJK font is installed for the zh screenshot" ||
  fail "no font with Chinese glyphs (scripts/setup.sh installs fonts-wqy-microhei)"
root=$(debian_root minbase)
cd "$TMP"

# render FILE.html: FILE.dom (the DOM after load), FILE.console (the page's console messages),
# FILE.requests (network requests the page made), FILE.png (a screenshot)
render() {
  local f=$1 url="file://$TMP/$1.html"
  local flags=(--headless --no-sandbox --disable-gpu --no-first-run --no-default-browser-check
    --proxy-server=127.0.0.1:9 --disable-background-networking --disable-component-update
    --disable-sync --disable-default-apps --disable-extensions --user-data-dir="$TMP/chr-$f"
    --enable-logging=stderr --v=0)
  timeout 120 chromium "${flags[@]}" --log-net-log="$TMP/$f.netlog" --dump-dom "$url" \
    >"$f.dom" 2>"$f.err" || fail "chromium could not load $f.html"
  timeout 120 chromium "${flags[@]}" --window-size=1280,2400 --screenshot="$TMP/$f.png" "$url" \
    >/dev/null 2>&1 || fail "chromium could not take a screenshot of $f.html"
  grep -F "CONSOLE" "$f.err" | grep -F "$url" >"$f.console" || true
  # requests made for the page: URL_REQUEST_START_JOB events whose network isolation key is the
  # file:// page (the browser's own background requests have another); the page itself excluded
  /usr/bin/python3 - "$TMP/$f.netlog" "$url" >"$f.requests" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
start = d["constants"]["logEventTypes"]["URL_REQUEST_START_JOB"]
for e in d["events"]:
    p = e.get("params", {})
    if e["type"] == start and p.get("network_isolation_key", "").startswith("file://") \
            and p.get("url") != sys.argv[2]:
        print(p.get("url"))
PY
}

# visible text of a DOM dump, and its elements
text() { /usr/bin/python3 -c '
import html.parser, sys
class P(html.parser.HTMLParser):
    def __init__(s): super().__init__(); s.skip = 0; s.out = []
    def handle_starttag(s, t, a): s.skip += t in ("style", "script", "title")
    def handle_endtag(s, t): s.skip -= t in ("style", "script", "title")
    def handle_data(s, d): s.out.append(d) if not s.skip else None
p = P(); p.feed(open(sys.argv[1], encoding="utf-8").read()); print(" ".join(" ".join(p.out).split()))
' "$1"; }

# the control: a page that logs to the console and fetches an image is caught
printf '<!DOCTYPE html><html><body><img src="http://192.0.2.1/probe.png"><script>console.error("boom")</script></body></html>' >control.html
render control
grep -q boom control.console && ok "control: a console message is caught" || fail "control console: $(head -c 300 control.err)"
grep -q probe.png control.requests && ok "control: a network request is caught" || fail "control: no request seen"

run_ia 1 scan --profile jdcloud -f json -o r.json -f html -o en.html "$root" || true
run_ia 1 scan --profile jdcloud --lang zh -f html -o zh.html "$root" || true
for f in en zh; do
  render $f
  expect_eq "$f: no console message" "$(wc -l <$f.console)" 0
  expect_eq "$f: no network request" "$(wc -l <$f.requests)" 0
  [ -s $f.png ] && [ "$(head -c 8 $f.png | od -An -c | tr -d ' ')" == '211PNG\r\n032\n' ] &&
    ok "$f: screenshot taken" || fail "$f: no screenshot"
  text $f.dom >$f.txt
done
grep -q "Result: fail (fail)" en.txt && grep -q "does not pass the gate" en.txt && ok "en: the result" ||
  fail "en result: $(head -c 300 en.txt)"
grep -q "结果: 不通过 (fail)" zh.txt && grep -q "未通过判定" zh.txt && ok "zh: the result" ||
  fail "zh result: $(head -c 300 zh.txt)"
# every clause with its verdict, in both languages (the Chinese title and verdict from data/i18n)
declare -A zhv=([PASS]=通过 [FAIL]=不通过 ["NOT EXAMINED"]=未检查 [MANUAL]=人工确认 ["NOT APPLICABLE"]=不适用)
missing=0
while IFS=$'\t' read -r id verdict title; do
  grep -qF "$id $verdict $title" en.txt || { say "en: $id $verdict"; missing=$((missing + 1)); }
  zt=$(awk -F'\t' -v id="$id" '$1 == id {print $2}' "$SRC/data/i18n/zh.txt")
  [ -n "$zt" ] || { say "zh: no title for $id"; missing=$((missing + 1)); }
  grep -qF "$id ${zhv[$verdict]} $zt" zh.txt || { say "zh: $id ${zhv[$verdict]}"; missing=$((missing + 1)); }
done < <(jq -r '.clauses[] | [.id, .verdict, .title] | @tsv' r.json)
expect_eq "every clause's verdict rendered, en and zh ($(jq '.clauses | length' r.json) clauses)" "$missing" 0
ev=$(jq -r '[.findings[] | select(.evidence.line != null)][0] | "\(.evidence.path):\(.evidence.line)"' r.json)
grep -qF "$ev" en.txt && grep -qF "$ev" zh.txt && ok "a finding's evidence rendered: $ev" || fail "evidence $ev not rendered"
grep -q "Findings by severity" en.txt && grep -q "按严重程度统计的发现" zh.txt && ok "charts titled" || fail "no chart"
expect_eq "two inline SVG charts" "$(grep -c '<svg' en.dom)" 2

# text from the image is escaped: a file named like a script tag is text, not a script
mkdir -p "h/etc" "h/srv/<script>console.error(7)<" && printf 'ID=debian\nVERSION_ID=12\n' >h/etc/os-release
printf 'x\n' >"h/srv/<script>console.error(7)</script>" && chmod 0666 "h/srv/<script>console.error(7)</script>"
run_ia 1 scan --fail-at low -f html -o hostile.html h || true
render hostile
expect_eq "hostile: no console message" "$(wc -l <hostile.console)" 0
expect_eq "hostile: no script element" "$(grep -c '<script' hostile.dom || true)" 0
text hostile.dom | grep -qF '/srv/<script>console.error(7)</script>' && ok "hostile: the name shown as text" ||
  fail "hostile name not shown"
finish
