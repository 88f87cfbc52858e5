#!/bin/sh
# Summaries merge: the corpus split into chunks, summarised per chunk (as
# summaries, as JSON reports, through GNU parallel) and merged with
# `slant summary`, gives the same bytes as one `slant check --summary` run;
# and merging is associative (merging merged parts changes nothing).
set -u
SLANT=${1:?usage: run.sh SLANT}
root=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$root" || exit 2
pass=0 fail=0
same() { # name, expected file, actual file
  if cmp -s "$2" "$3"; then pass=$((pass + 1)); else
    echo "summary: $1 differs from a single run:"; diff "$2" "$3" | head -10; fail=$((fail + 1)); fi
}
"$SLANT" check --summary --format json corpus/articles >"$tmp/single"
ls corpus/articles/*.txt >"$tmp/files"
split -l 5 "$tmp/files" "$tmp/chunk."
i=0
for c in "$tmp"/chunk.*; do
  i=$((i + 1))
  # shellcheck disable=SC2046 # one argument per file
  "$SLANT" check --summary --format json $(cat "$c") >"$tmp/part.$i"
  "$SLANT" check --format json --fail-on never $(cat "$c") >"$tmp/report.$i"
done
cat "$tmp"/part.* | "$SLANT" summary --format json >"$tmp/merged"
same "merged chunk summaries" "$tmp/single" "$tmp/merged"
"$SLANT" summary --format json "$tmp"/report.* >"$tmp/from-reports"
same "summaries of chunk reports" "$tmp/single" "$tmp/from-reports"
# associativity: ((1 2) 3 ...) merged again
"$SLANT" summary --format json "$tmp/part.1" "$tmp/part.2" >"$tmp/ab"
# (parts by number: a listing would put part.10 before part.2)
rest=""; k=3
while [ $k -le $i ]; do rest="$rest $tmp/part.$k"; k=$((k + 1)); done
# shellcheck disable=SC2086 # one argument per part
"$SLANT" summary --format json "$tmp/ab" $rest >"$tmp/assoc"
same "a merge of merges" "$tmp/single" "$tmp/assoc"
# JSON Lines in, result lines out, summary merged: the stateless filter
# (each file as {"id": PATH, "text": ...}, encoded by awk)
for f in $(cat "$tmp/files"); do
  awk -v id="$f" 'BEGIN { ORS = "" }
    { gsub(/\\/, "\\\\"); gsub(/"/, "\\\""); gsub(/\t/, "\\t"); gsub(/\r/, "\\r")
      text = text $0 "\\n" }
    END { print "{\"id\": \"" id "\", \"text\": \"" text "\"}\n" }' "$f"
done >"$tmp/input.jsonl"
"$SLANT" check --stdin-jsonl <"$tmp/input.jsonl" | "$SLANT" summary --format json >"$tmp/jsonl"
same "a --stdin-jsonl run" "$tmp/single" "$tmp/jsonl"
if command -v parallel >/dev/null 2>&1; then
  parallel --will-cite --pipe -N 5 "$SLANT" check --stdin-jsonl <"$tmp/input.jsonl" \
    | "$SLANT" summary --format json >"$tmp/parallel-pipe"
  same "GNU parallel --pipe over --stdin-jsonl" "$tmp/single" "$tmp/parallel-pipe"
fi
if command -v parallel >/dev/null 2>&1; then
  parallel --will-cite -N 4 "$SLANT" check --summary --format json {} :::: "$tmp/files" \
    | "$SLANT" summary --format json >"$tmp/parallel"
  same "GNU parallel" "$tmp/single" "$tmp/parallel"
else
  echo "summary: GNU parallel is not installed; its case is skipped"
fi
echo "summary: $pass passed, $fail failed"
[ $fail = 0 ]
