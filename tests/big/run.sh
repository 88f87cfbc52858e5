#!/bin/sh
# make test-big: slant on a 2 GiB document, streamed to disk here (about
# two minutes; not part of `make test`). Checks the findings at both ends
# (the last one past byte 2^31, so offsets and line numbers must not
# wrap), and that peak memory stays bounded: the file is read in parts of
# 16 MiB, never whole. Usage: run.sh /abs/path/to/slant
set -eu
SLANT=${1:?usage: run.sh /abs/path/to/slant}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
MAX_RSS_KB=${MAX_RSS_KB:-409600}
T=$(mktemp -d "${TMPDIR:-/tmp}/slant-big.XXXXXX")
trap 'rm -rf "$T"' EXIT
cd "$T"
{
  printf 'Officials spoke on condition of anonymity.\n\n'
  yes 'The minister spoke at length about the budget and the weather.' | head -c 2147483648
  printf '\n\nThey spoke on condition of anonymity, officials said.\n'
} > big.txt
bytes=$(wc -c < big.txt)
lines=$(wc -l < big.txt)
echo "big.txt: $bytes bytes, $lines lines"
/usr/bin/time -v -o time.txt "$SLANT" check --format json \
  --rules "$ROOT/tests/golden/rules/basic.yaml" big.txt > out.json || status=$?
status=${status:-0}
rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' time.txt)
wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' time.txt)
echo "exit status $status, peak RSS $rss KiB, wall time $wall"
fail=0
[ "$status" = 1 ] || { echo "test-big: exit status $status, expected 1"; fail=1; }
# one line per finding in the JSON output; the two anonymity findings
grep -o '"start": [0-9]*, "end": [0-9]*, "char_start": [0-9]*, "char_end": [0-9]*, "line": [0-9]*, "column": [0-9]*' out.json > found
cat found
# "on condition of anonymity" at byte 16 of the first line and at byte 11
# of the last one, which is 54 bytes long with its line feed
first_ok="\"start\": 16, \"end\": 41, \"char_start\": 16, \"char_end\": 41, \"line\": 1, \"column\": 17"
last_start=$((bytes - 54 + 11))
last_ok="\"start\": $last_start, \"end\": $((last_start + 25)), \"char_start\": $last_start, \"char_end\": $((last_start + 25)), \"line\": $lines, \"column\": 12"
[ "$(wc -l < found)" = 2 ] || { echo "test-big: expected 2 findings"; fail=1; }
[ "$(head -n 1 found)" = "$first_ok" ] || { echo "test-big: first finding should be: $first_ok"; fail=1; }
[ "$(tail -n 1 found)" = "$last_ok" ] || { echo "test-big: last finding should be: $last_ok"; fail=1; }
parts=$(grep -c '"part"' out.json)
echo "parts: $parts"
[ "$rss" -le "$MAX_RSS_KB" ] || { echo "test-big: peak RSS $rss KiB is over $MAX_RSS_KB KiB"; fail=1; }
[ $fail = 0 ] && echo "test-big: 1 passed, 0 failed"
exit $fail
