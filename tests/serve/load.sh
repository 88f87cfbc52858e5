#!/bin/sh
# The load test of `slant serve` (make serve-load): wrk keeps 64
# connections posting a 5 KB article to /api/check for SERVE_LOAD_SECONDS
# (default 20) against a loopback server, twice. Passes when neither run
# had a socket error or an answer other than 200, and the server's
# resident memory after the second run is within 10% (plus 8 MiB of
# allocator slack) of what it was after the first, the warm-up: memory
# stays flat however many requests it serves. Prints requests/s and the
# latency percentiles of each run. SERVE_LOAD_RSS=0 skips the memory
# comparison (the ASan build, whose quarantine keeps freed memory).
#   load.sh /abs/path/to/slant
set -u
SLANT=${1:?usage: load.sh /abs/path/to/slant}
SECONDS_EACH=${SERVE_LOAD_SECONDS:-20}
CONNECTIONS=${SERVE_LOAD_CONNECTIONS:-64}
here=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$here/../.." && pwd)
command -v wrk >/dev/null 2>&1 || { echo "serve-load: wrk is missing (make deps installs it)"; exit 1; }
tmp=$(mktemp -d)
pid=
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$tmp"' EXIT
fail=0
bad() { echo "serve-load: $*"; fail=$((fail + 1)); }

# a 5 KB article: two short ones from the corpus, one after the other
cat "$ROOT/corpus/articles/11-op-ed-short-lets.txt" "$ROOT/corpus/articles/26-tabloid-doorstep.txt" \
  >"$tmp/body.txt"
bytes=$(wc -c <"$tmp/body.txt")

. "$here/start.sh"
serve_start "$tmp/server.log" --connections 256
pid=$spid
[ -n "$port" ] || { cat "$tmp/server.log"; echo "serve-load: the server did not start"; exit 1; }
U=http://127.0.0.1:$port/api/check
s=$(curl -s -o "$tmp/one.json" -w '%{http_code}' --data-binary "@$tmp/body.txt" "$U")
[ "$s" = 200 ] && grep -q '"findings": \[{' "$tmp/one.json" || bad "a single request failed: $s"
rss() { sed -n 's/^VmRSS:[[:space:]]*\([0-9]*\) kB/\1/p' "/proc/$pid/status"; }
echo "serve-load: $CONNECTIONS connections posting a $bytes-byte article to $U for ${SECONDS_EACH} s, twice; $(nproc) cores"

run() {
  SLANT_LOAD_BODY="$tmp/body.txt" wrk -t 2 -c "$CONNECTIONS" -d "${SECONDS_EACH}s" --timeout 10s \
    --latency -s "$here/post.lua" "$U" >"$tmp/wrk$1.txt" 2>&1
  reqs=$(sed -n 's/^ *\([0-9]*\) requests in .*/\1/p' "$tmp/wrk$1.txt")
  rps=$(sed -n 's/^Requests\/sec: *\([0-9.]*\)/\1/p' "$tmp/wrk$1.txt")
  pct=$(awk '/Latency Distribution/{on=1; next} on && /%/{printf "%s %s, ", $1, $2} on && !/%/{on=0}' "$tmp/wrk$1.txt")
  echo "serve-load: run $1: $reqs requests, $rps requests/s; latency ${pct%, }; server RSS $(rss) kB"
  [ -n "$reqs" ] && [ "$reqs" -gt 0 ] || { bad "run $1: no requests:"; cat "$tmp/wrk$1.txt"; }
  if grep -q 'Socket errors' "$tmp/wrk$1.txt"; then bad "run $1: $(grep 'Socket errors' "$tmp/wrk$1.txt")"; fi
  if grep -q 'Non-2xx' "$tmp/wrk$1.txt"; then bad "run $1: $(grep 'Non-2xx' "$tmp/wrk$1.txt")"; fi
}
run 1
rss1=$(rss)
run 2
rss2=$(rss)
limit=$((rss1 + rss1 / 10 + 8192))
if [ "${SERVE_LOAD_RSS:-1}" = 0 ]; then
  echo "serve-load: memory not compared (SERVE_LOAD_RSS=0: ASan's quarantine keeps freed memory)"
elif [ "$rss2" -le "$limit" ]; then
  echo "serve-load: memory flat: $rss1 kB after the warm-up, $rss2 kB after the second run"
else
  bad "memory grew: $rss1 kB after the warm-up, $rss2 kB after the second run (limit $limit kB)"
fi
s=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/healthz")
[ "$s" = 200 ] || bad "after the load /healthz answers $s"
kill -TERM "$pid"; wait "$pid"; st=$?; pid=
[ "$st" = 0 ] || bad "the server exited $st after SIGTERM"
[ $fail = 0 ] && echo "serve-load: passed" || echo "serve-load: $fail failed"
[ $fail = 0 ]
