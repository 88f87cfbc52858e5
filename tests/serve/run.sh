#!/bin/sh
# `slant serve` over real HTTP: starts `slant serve --port 0` and checks,
# with curl and tests/serve/client.c (for requests curl will not send):
#  - every endpoint: the form, the report page, the rules page, the JSON
#    API (equal to `slant check --format jsonl` for the same text), the
#    rules as JSON, /healthz; HEAD;
#  - the headers every answer carries (Content-Security-Policy and the rest);
#  - 404, 405 (with Allow), 413 (by Content-Length and chunked), 400 for
#    invalid UTF-8 with its byte, binary text, bad JSON;
#  - injection (<script>, "><img onerror>) in pasted text, Markdown, HTML
#    and a file name is escaped in the page; the API answers JSON, nosniff;
#  - malformed requests (a body shorter than its Content-Length, a huge
#    header, a garbage request line, a body slower than --timeout, a body
#    that trickles in) and afterwards the server still answers /healthz;
#  - a non-loopback --bind warns with the URL; a port in use is an error;
#    SIGTERM and SIGINT stop it cleanly (exit 0).
#   run.sh /abs/path/to/slant /abs/path/to/client
set -u
SLANT=${1:?usage: run.sh /abs/path/to/slant /abs/path/to/client}
CLIENT=${2:?usage: run.sh /abs/path/to/slant /abs/path/to/client}
here=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$here/../.." && pwd)
command -v curl >/dev/null 2>&1 || { echo "serve: curl is missing (make deps installs it)"; exit 1; }
tmp=$(mktemp -d)
pid=
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { echo "serve: $*"; fail=$((fail + 1)); }

# start LOG [serve options...]: starts a server, sets $pid and $port
. "$here/start.sh"
start() {
  log=$1
  serve_start "$@"; st=$?; pid=$spid
  [ $st = 0 ] && return 0
  bad "the server did not start:"; cat "$log"; return 1
}

# stop SIGNAL: stops the server; it must exit 0 and say so
stop() {
  kill -"$1" "$pid"; wait "$pid"; st=$?; pid=
  [ "$st" = 0 ] && ok || bad "after SIG$1 the server exited $st"
}

# req NAME STATUS CURL-ARGS...: one request; the answer in $tmp/NAME.{head,body}
req() {
  name=$1 want=$2; shift 2
  got=$(curl -s -o "$tmp/$name.body" -D "$tmp/$name.head" -w '%{http_code}' --max-time 20 "$@")
  [ "$got" = "$want" ] && ok || { bad "$name: status $got, expected $want"; head -c 300 "$tmp/$name.body"; echo; }
}
has() { grep -q -- "$2" "$tmp/$1.body" && ok || bad "$1: the answer lacks '$2'"; }
hasnt() { grep -q -- "$2" "$tmp/$1.body" && bad "$1: the answer holds '$2'" || ok; }
header() { grep -qi -- "^$2" "$tmp/$1.head" && ok || bad "$1: no header '$2'"; }
count() { grep -o -- "$2" "$tmp/$1.body" | wc -l; }
alive() {
  s=$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 "$U/healthz")
  [ "$s" = 200 ] && ok || bad "after $1 /healthz answers $s"
}

start "$tmp/server.log" --timeout 2 --max-body 64K || exit 1
U=http://127.0.0.1:$port
echo "serve: listening on $U"

# ---- every endpoint --------------------------------------------------
req form 200 "$U/"
has form '<form class="check" method="post" action="/check"'
has form '<textarea id="text" name="text"'
has form '<input type="file" id="file" name="file"'
has form '<option value="markdown">'
req head 200 -I "$U/"
hasnt head '<form'  # curl -I writes the headers where the body would go
req health 200 "$U/healthz"
[ "$(cat "$tmp/health.body")" = ok ] && ok || bad "healthz: $(cat "$tmp/health.body")"
nrules=$("$SLANT" rules --no-config | wc -l)
req rules 200 "$U/rules"
[ "$(count rules '<li class="rule cat-')" = "$nrules" ] && ok || bad "rules: $(count rules '<li class="rule cat-') rules listed, expected $nrules"
has rules '<h4>It matches</h4>'
has rules '<h4>It leaves alone</h4>'
req apirules 200 "$U/api/rules"
[ "$(count apirules '^{"id": ')" = "$nrules" ] && ok || bad "api/rules: $(count apirules '^{"id": ') rules, expected $nrules"
header apirules 'Content-Type: application/json'
if command -v node >/dev/null 2>&1; then
  node -e 'JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"))' "$tmp/apirules.body" && ok || bad "api/rules is not valid JSON"
fi

# the headers of every answer, errors included
req notfound 404 "$U/no/such/page"
for n in form health rules apirules notfound; do
  header $n "Content-Security-Policy: default-src 'none'; style-src 'sha256-[A-Za-z0-9+/]*='; script-src 'sha256-[A-Za-z0-9+/]*='; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
  header $n 'X-Content-Type-Options: nosniff'
  header $n 'Referrer-Policy: no-referrer'
  header $n 'Cache-Control: no-store'
done

# ---- the JSON API equals `slant check --format jsonl` ---------------
mkdir "$tmp/docs"
cp "$ROOT/corpus/articles/02-state-media.txt" "$tmp/docs/text"
(cd "$tmp/docs" && "$SLANT" check --no-config --format jsonl text >"$tmp/cli.jsonl")
req api 200 --data-binary "@$tmp/docs/text" "$U/api/check"
header api 'Content-Type: application/json'
cmp -s "$tmp/cli.jsonl" "$tmp/api.body" && ok || { bad "api/check differs from slant check --format jsonl:"; diff "$tmp/cli.jsonl" "$tmp/api.body" | head -5; }
printf '# Talks\n\nOfficials, speaking on condition of anonymity, said *talks* failed.\n' >"$tmp/docs/note.md"
(cd "$tmp/docs" && "$SLANT" check --no-config --format jsonl note.md >"$tmp/cli-md.jsonl")
req apijson 200 -H 'Content-Type: application/json' \
  --data-binary '{"text": "# Talks\n\nOfficials, speaking on condition of anonymity, said *talks* failed.\n", "format": "markdown", "name": "note.md"}' "$U/api/check"
cmp -s "$tmp/cli-md.jsonl" "$tmp/apijson.body" && ok || { bad "api/check (JSON, Markdown) differs from slant check:"; diff "$tmp/cli-md.jsonl" "$tmp/apijson.body" | head -5; }
req apiquery 200 -H 'Content-Type: text/markdown' --data-binary "@$tmp/docs/note.md" "$U/api/check?name=note.md"
cmp -s "$tmp/cli-md.jsonl" "$tmp/apiquery.body" && ok || bad "api/check (text/markdown body) differs from slant check"

# ---- the report page -------------------------------------------------
req page 200 -F "text=<$tmp/docs/text" -F format=auto "$U/check"
want=$(grep -o '"rule": ' "$tmp/cli.jsonl" | wc -l)
[ "$(count page '<li class="finding')" = "$want" ] && ok || bad "check: $(count page '<li class="finding') findings on the page, expected $want"
has page '<section class="doc" id="d1"'
has page '<h2 id="d1-h">pasted text</h2>'
has page 'Conditional threat of retaliation'
[ "$(count page '<script>')" = 1 ] && ok || bad "check: $(count page '<script>') scripts on the page, expected 1"
req upload 200 -F "file=@$tmp/docs/note.md;filename=a\"b<i>.md" "$U/check"
has upload '<h2 id="d1-h">a%22b&lt;i&gt;.md</h2>'
has upload 'Source granted anonymity\|anonymity'
hasnt upload '<i>.md'

# ---- injection: escaped in the page, in every input format -----------
inj='<script>document.title="INJECTED"</script> Officials, speaking on condition of anonymity, said "><img src=x onerror=alert(1)> it <b onmouseover=alert(2)>failed</b>.'
for f in text markdown html auto; do
  req inj-$f 200 --form-string "text=$inj" -F "format=$f" "$U/check"
  [ "$(count inj-$f '<script')" = 1 ] && ok || bad "inj-$f: a <script> from the text became an element"
  hasnt inj-$f '<img'
  hasnt inj-$f '<b onmouseover'
  has inj-$f '&lt;script&gt;document.title='
  has inj-$f '&quot;&gt;&lt;img src=x onerror=alert(1)&gt;'
done
req inj-api 200 -H 'Content-Type: application/json' \
  --data-binary '{"text": "<script>alert(1)</script> Officials, speaking on condition of anonymity, said \"><img src=x onerror=alert(2)>", "format": "html"}' "$U/api/check"
header inj-api 'Content-Type: application/json'
header inj-api 'X-Content-Type-Options: nosniff'
if command -v node >/dev/null 2>&1; then
  node -e 'const d = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")); if (!d.findings.length) process.exit(1)' "$tmp/inj-api.body" && ok || bad "inj-api: not a JSON document with findings"
fi

# ---- errors ----------------------------------------------------------
req m405 405 "$U/check"
header m405 'Allow: POST'
req m405b 405 -X POST --data x "$U/"
header m405b 'Allow: GET, HEAD'
req m405c 405 -X DELETE "$U/api/rules"
has m405c '"error": '
req api404 404 "$U/api/nothing"
has api404 '"status": 404'
head -c 70000 /dev/zero | tr '\0' a >"$tmp/big.txt"
req big 413 --data-binary "@$tmp/big.txt" "$U/api/check"
has big 'larger than 65536 bytes'
req bigchunked 413 -H 'Transfer-Encoding: chunked' --data-binary "@$tmp/big.txt" "$U/api/check"
req bigform 413 -F "text=<$tmp/big.txt" "$U/check"
has bigform 'too large'
printf 'Officials said\nthe t\377lks failed.' >"$tmp/bad.txt"
req utf8 400 --data-binary "@$tmp/bad.txt" "$U/api/check"
has utf8 'not valid UTF-8 at byte 20 (line 2, column 6)'
req utf8form 400 -F "text=<$tmp/bad.txt" "$U/check"
has utf8form 'not valid UTF-8 at byte 20'
has utf8form '<textarea'
printf '{"text": "a\377b"}' >"$tmp/bad.json"
req utf8json 400 -H 'Content-Type: application/json' --data-binary "@$tmp/bad.json" "$U/api/check"
has utf8json 'not valid UTF-8 at byte 11'
printf 'abc\000def' >"$tmp/nul.txt"
req binary 400 --data-binary "@$tmp/nul.txt" "$U/api/check"
has binary 'binary'
req badjson 400 -H 'Content-Type: application/json' --data-binary '{"text": "a",}' "$U/api/check"
has badjson 'invalid JSON at byte'
req badkey 400 -H 'Content-Type: application/json' --data-binary '{"txt": "a"}' "$U/api/check"
has badkey 'unknown key'
req badformat 400 --data-binary 'text' "$U/api/check?format=pdf"
has badformat 'unknown input format'
req empty 400 -F 'text=' "$U/check"
has empty 'Paste a text'
req urlencoded 200 --data-urlencode 'format=text' --data-urlencode 'text=Officials, speaking on condition of anonymity, said talks failed.' "$U/check"
has urlencoded 'unnamed-source.name-kept-out'
req notform 400 -H 'Content-Type: text/plain' --data-binary 'hello' "$U/check"

# ---- malformed requests; the server keeps serving --------------------
r=$(printf 'POST /api/check HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\nonly a few bytes' | "$CLIENT" "$port" send 1)
case $r in "no answer") bad "truncated body: the server kept the connection past the test's wait";; *) ok;; esac
alive "a truncated body"
{ printf 'GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: '; head -c 200000 /dev/zero | tr '\0' a; printf '\r\n\r\n'; } >"$tmp/hugehead"
r=$("$CLIENT" "$port" send <"$tmp/hugehead")
case $r in "HTTP/1.1 200"*) bad "a 200 KB header was accepted";; *) ok;; esac
echo "serve: a 200 KB header: $r"
alive "a huge header"
r=$(printf 'NONSENSE\r\n\r\n' | "$CLIENT" "$port" send)
case $r in "HTTP/1.1 400"*|closed) ok;; *) bad "a garbage request line: $r";; esac
alive "a garbage request line"
head="POST /api/check HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n"
r=$(printf "$head" | "$CLIENT" "$port" slow 3500 5)
echo "serve: a body slower than --timeout 2: $r"
case $r in "closed after "[0-5].*) ok;; *) bad "a stalled body was not cut off: $r";; esac
alive "a stalled body"
r=$(printf "$head" | "$CLIENT" "$port" slow 500 100)
echo "serve: a body that trickles in (a byte every 0.5 s): $r"
case $r in "closed after "[0-9].*|"closed after 1"[0-2].*) ok;; *) bad "a trickling body held the connection: $r";; esac
alive "a trickling body"
stop TERM
grep -q 'slant: terminated: stopping' "$tmp/server.log" && ok || bad "no stopping message: $(cat "$tmp/server.log")"

# ---- binding ----------------------------------------------------------
start "$tmp/any.log" --bind 0.0.0.0 || exit 1
grep -q "^slant: warning: listening on every network address: .*share http://THIS-MACHINE:$port/" "$tmp/any.log" && ok || bad "no warning for 0.0.0.0: $(cat "$tmp/any.log")"
busy=$port
"$SLANT" serve --no-config --port "$busy" 2>"$tmp/busy.log" & p2=$!
for _ in $(seq 300); do kill -0 $p2 2>/dev/null || break; sleep 0.1; done  # rules compile first
if kill -0 $p2 2>/dev/null; then kill $p2; wait $p2; bad "a port in use was not an error"; else
  wait $p2; st=$?
  [ "$st" = 2 ] && grep -q "cannot listen on 127.0.0.1 port $busy" "$tmp/busy.log" && ok || bad "port in use: exit $st, $(cat "$tmp/busy.log")"
fi
stop INT
grep -q 'slant: interrupted: stopping' "$tmp/any.log" && ok || bad "no stopping message after SIGINT"
"$SLANT" serve --no-config --bind no.such.host.invalid --port 0 2>"$tmp/name.log"; st=$?
[ "$st" = 2 ] && grep -q "^slant: serve: cannot listen on 'no.such.host.invalid': " "$tmp/name.log" && ok ||
  bad "an unknown --bind name: exit $st, $(cat "$tmp/name.log")"

echo "serve: $pass passed, $fail failed"
[ $fail = 0 ]
