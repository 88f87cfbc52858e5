#!/bin/sh
# The HTML report in a real browser (Debian's chromium, headless):
#  - the seed article (../shared/seed/, else a corpus article), a document
#    full of markup (tests/golden/cases/check-html-injection) and the corpus
#    (several documents: the sortable index) are rendered with -o;
#  - chromium --dump-dom (the DOM after the page's script ran) must show
#    the script ran (data-slant-ready), one highlighted finding per finding
#    of `--format json` and one list entry each, and for the markup
#    document: no injected attribute, element, title or script;
#  - with npm, check.mjs drives the same browser through playwright-core
#    (no browser download): hovering a highlight shows its explanation,
#    sorting the index works, the print stylesheet keeps highlights as
#    patterned underlines, no dialog opens; and it saves screenshots;
#  - with npm too, serve.mjs drives `slant serve` on a free loopback port:
#    the seed article pasted and checked, its highlights explained on a
#    click, a file upload, pasted markup that runs nothing
#    (build/browser/serve-seed.png).
# Screenshots go to build/browser/ for review. Skipped, with a message,
# where Chromium is missing.
#   run.sh /abs/path/to/slant
set -u
SLANT=${1:?usage: run.sh /abs/path/to/slant}
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../serve/start.sh"
ROOT=$(cd "$here/../.." && pwd)
CHROMIUM=${CHROMIUM:-$(command -v chromium || command -v chromium-browser || true)}
if [ -z "$CHROMIUM" ]; then
  echo "browser: skipped: Chromium is not installed (apt-get install chromium; make deps does)"
  exit 0
fi
OUT=$ROOT/build/browser
mkdir -p "$OUT"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
SEED=$ROOT/../shared/seed/000_cb99513df41a6810.txt
[ -f "$SEED" ] || { echo "browser: the seed article is not here; using a corpus article"; SEED=$ROOT/corpus/articles/02-state-media.txt; }
INJ=$ROOT/tests/golden/cases/check-html-injection
INJDOC="$INJ/inject <img src=x onerror=alert(1)>.txt"

pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { echo "browser: $*"; fail=$((fail + 1)); }

# report NAME [check arguments...]: the HTML report, and its finding count
report() {
  name=$1; shift
  "$SLANT" check --format html -o "$OUT/$name.html" "$@" 2>"$tmp/$name.err"
  st=$?
  [ $st -le 1 ] || { bad "$name: slant exited $st:"; cat "$tmp/$name.err"; return 1; }
  "$SLANT" check --format json "$@" 2>/dev/null | grep -c '^    {"rule": ' >"$tmp/$name.n"
  return 0
}

chrome() {
  profile=$1; shift
  "$CHROMIUM" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --hide-scrollbars --user-data-dir="$tmp/profile-$profile" --virtual-time-budget=5000 "$@" \
    2>>"$tmp/chrome.log"
}

# dom NAME: the DOM after scripts ran, checked against the finding count
dom() {
  name=$1
  want=$(cat "$tmp/$name.n")
  chrome "$name" --dump-dom "file://$OUT/$name.html" >"$tmp/$name.dom" </dev/null
  [ -s "$tmp/$name.dom" ] || { bad "$name: chromium dumped no DOM:"; tail -5 "$tmp/chrome.log"; return; }
  grep -q 'data-slant-ready="1"' "$tmp/$name.dom" && ok || bad "$name: the page's script did not run"
  marked=$(grep -o '<mark class="m [^>]*data-ref="d[0-9]*-f[0-9]*"' "$tmp/$name.dom" |
           grep -o 'data-ref="[^"]*"' | sort -u | wc -l)
  [ "$marked" -eq "$want" ] && ok || bad "$name: $marked findings highlighted, expected $want"
  listed=$(grep -o '<li class="finding' "$tmp/$name.dom" | wc -l)
  [ "$listed" -eq "$want" ] && ok || bad "$name: $listed findings explained, expected $want"
  explained=$(grep -o '<p class="explain">' "$tmp/$name.dom" | wc -l)
  [ "$explained" -eq "$want" ] && ok || bad "$name: $explained explanations, expected $want"
  echo "browser: $name: $want findings, $marked highlighted, $listed explained"
}

report seed "$SEED" && dom seed
report injection --rules "$INJ/rules.yaml" "$INJDOC" && dom injection
report corpus "$ROOT/corpus/articles" && dom corpus

# nothing in the markup document or its rules ran or became an element
d="$tmp/injection.dom"
if [ -s "$d" ]; then
  grep -q 'data-injected="' "$d" && bad "injection: an injected handler ran: $(grep -o 'data-injected="[^"]*"' "$d" | head -1)" || ok
  grep -q '<title>[^<]*INJECTED' "$d" && bad "injection: an injected script changed the title" || ok
  n=$(grep -o '<script' "$d" | wc -l)
  [ "$n" -eq 1 ] && ok || bad "injection: $n <script> elements, expected only the page's own"
  grep -q '<img\|<svg onload\|<style>body' "$d" && bad "injection: document markup became an element" || ok
  grep -q '&lt;script&gt;document.title=' "$d" && ok || bad "injection: the document's <script> text is not shown as text"
fi

# a screenshot of the top of the seed report, for a person to look at
chrome shot --window-size=1280,2000 --screenshot="$OUT/seed.png" "file://$OUT/seed.html" >/dev/null </dev/null
[ -s "$OUT/seed.png" ] && ok || bad "no screenshot was written"

# slant serve on a free loopback port, driven by serve.mjs: the seed
# article pasted and checked (a corpus article when the seed is not here,
# without the seed's own highlight checks), a file upload, pasted markup.
serve_page() {
  serve_start "$tmp/serve.log"
  if [ -z "$port" ]; then
    bad "slant serve did not start: $(cat "$tmp/serve.log")"; kill $spid 2>/dev/null; return
  fi
  if [ "$SEED" = "$ROOT/../shared/seed/000_cb99513df41a6810.txt" ]; then seeded=1; else
    seeded=0; echo "browser: serve: the seed article is not here: its highlight checks are skipped"; fi
  if node "$here/serve.mjs" "$CHROMIUM" "http://127.0.0.1:$port/" "$OUT" "$SEED" $seeded; then ok; else
    fail=$((fail + 1)); fi
  kill -TERM $spid; wait $spid || bad "slant serve exited $? after SIGTERM"
}

if command -v npm >/dev/null 2>&1; then
  if [ ! -d "$here/node_modules/playwright-core" ] || [ "$here/package-lock.json" -nt "$here/node_modules" ]; then
    echo "browser: installing playwright-core (npm ci; it downloads no browser)"
    (cd "$here" && npm ci --no-audit --no-fund --loglevel=error >/dev/null) || bad "npm ci failed"
  fi
  if [ -d "$here/node_modules/playwright-core" ]; then
    if node "$here/check.mjs" "$CHROMIUM" "$OUT" seed:"$(cat "$tmp/seed.n")" \
        injection:"$(cat "$tmp/injection.n")" corpus:"$(cat "$tmp/corpus.n")"; then ok; else fail=$((fail + 1)); fi
    serve_page
  fi
else
  echo "browser: npm is not installed: hover, sorting and print checks skipped"
fi
echo "browser: screenshots in $OUT"
echo "browser: $pass passed, $fail failed"
[ $fail = 0 ]
