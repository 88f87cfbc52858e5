#!/bin/sh
# make bench: throughput on a generated news-like corpus, against baselines
# measured in the same run (these machines are noisy: compare ratios).
# BENCH_MB (default 200) sets the corpus size; BENCH_DIR where it is built.
set -u
SLANT=${1:?usage: run.sh SLANT SCAN_ONLY}
SCAN_ONLY=${2:?usage: run.sh SLANT SCAN_ONLY}
MB=${BENCH_MB:-200}
root=$(cd "$(dirname "$0")/../.." && pwd)
dir=${BENCH_DIR:-$root/build/bench}
mkdir -p "$dir"
corpus="$dir/corpus-$MB"

# A corpus of ~100 KB files: lines of the given articles, shuffled per
# file, with their words lightly permuted so files are not byte copies of
# each other. build_corpus DIR BYTES ARTICLE...
build_corpus() {
  out=$1 size=$2; shift 2
  [ -d "$out" ] && return
  echo "bench: building a corpus of $size bytes in $out"
  mkdir -p "$out.tmp"
  awk -v want="$size" -v out="$out.tmp" '
    FNR == 1 { n++ } { lines[n] = lines[n] $0 "\n" }
    END {
      srand(42); size = 0; f = 0
      while (size < want) {
        name = sprintf("%s/doc%05d.txt", out, f++); body = ""
        while (length(body) < 100000) {
          t = lines[int(rand() * n) + 1]
          if (rand() < 0.5) gsub(/the /, "the ", t); else gsub(/ a /, " one ", t)
          body = body t "\n"
        }
        printf "%s", body > name; close(name); size += length(body)
      }
    }' "$@"
  mv "$out.tmp" "$out"
}
build_corpus "$corpus" $((MB * 1000000)) "$root"/corpus/articles/*.txt
# ordinary news: the wire reports and other articles written mostly of
# hard negatives, a tenth of the corpus's size
wire="$dir/wire-$MB"
build_corpus "$wire" $((MB * 100000)) "$root"/corpus/articles/01-*.txt \
  "$root"/corpus/articles/07-*.txt "$root"/corpus/articles/09-*.txt \
  "$root"/corpus/articles/14-*.txt "$root"/corpus/articles/31-*.txt \
  "$root"/corpus/articles/33-*.txt
bytes=$(cat "$corpus"/*.txt | wc -c)
mb=$(echo "$bytes" | awk '{printf "%.1f", $1 / 1e6}')
echo "bench: corpus $mb MB in $(ls "$corpus" | wc -l) files; $(nproc) cores"

seconds() { # command... : prints elapsed seconds
  start=$(date +%s.%N); "$@" >/dev/null 2>&1; end=$(date +%s.%N)
  echo "$start $end" | awk '{printf "%.3f", $2 - $1}'
}
rate() { echo "$bytes $1" | awk '{printf "%.2f", $1 / 1e6 / $2}'; }

t_cat=$(seconds sh -c "cat '$corpus'/*.txt")
t_j1=$(seconds "$SLANT" check -j 1 --format json --fail-on never "$corpus")
t_j2=$(seconds "$SLANT" check -j 2 --format json --fail-on never "$corpus")
# a tenth of the corpus for the library alone and the rule counts; a
# hundredth for the naive engine and ripgrep, which run every pattern over
# every byte (over a tenth, with 3,000 patterns, the two took most of an
# hour), each compared with slant's own time on that hundredth
ls "$corpus"/*.txt | head -n $(( $(ls "$corpus" | wc -l) / 10 + 1 )) > "$dir/tenth"
ls "$corpus"/*.txt | head -n $(( $(ls "$corpus" | wc -l) / 100 + 1 )) > "$dir/hundredth"
sample_bytes=$(cat $(cat "$dir/hundredth") | wc -c)
t_naive=$(seconds "$SLANT" check -j 1 --engine naive --format json --fail-on never $(cat "$dir/hundredth"))
t_fast_sample=$(seconds "$SLANT" check -j 1 --format json --fail-on never $(cat "$dir/hundredth"))
scan_only=$("$SCAN_ONLY" $(cat "$dir/tenth"))
wire_bytes=$(cat "$wire"/*.txt | wc -c)
t_wire=$(seconds "$SLANT" check -j 1 --format json --fail-on never "$wire")
rss=$( { /usr/bin/time -v "$SLANT" check -j 2 --format json --fail-on never "$corpus" >/dev/null; } 2>&1 \
       | awk '/Maximum resident/ {print $6}')
# memory over a corpus of BENCH_RSS_COPIES (default 5) times the corpus in
# article-sized files: cut at blank lines into ~5 KB files, the copies
# hard links (no more disk), so 200 MB make 1 GB in 200,000 files
copies=${BENCH_RSS_COPIES:-5}
articles="$dir/articles-$MB-x$copies"
if [ ! -d "$articles" ]; then
  rm -rf "$articles.tmp"; mkdir -p "$articles.tmp/c1"
  awk -v out="$articles.tmp/c1" '
    BEGIN { name = sprintf("%s/a%06d.txt", out, 0) }
    { print > name; size += length($0) + 1
      if ($0 == "" && size >= 5000) { close(name); name = sprintf("%s/a%06d.txt", out, ++f); size = 0 } }
  ' "$corpus"/*.txt
  i=2; while [ $i -le "$copies" ]; do cp -al "$articles.tmp/c1" "$articles.tmp/c$i"; i=$((i + 1)); done
  mv "$articles.tmp" "$articles"
fi
articles_mb=$(echo "$bytes $copies" | awk '{printf "%.0f", $1 * $2 / 1e6}')
articles_files=$(( $(ls "$articles/c1" | wc -l) * copies ))
rss_articles=$( { /usr/bin/time -v "$SLANT" check -j 2 --format jsonl --fail-on never "$articles" >/dev/null; } 2>&1 \
       | awk '/Maximum resident/ {print $6}')

"$SLANT" rules --export-patterns > "$dir/patterns"
if command -v rg >/dev/null 2>&1; then
  # one PCRE2 program for all patterns is over PCRE2's size limit here; rg
  # runs as few passes as compile, each over the hundredth the naive
  # engine reads
  split -l 60 "$dir/patterns" "$dir/patterns.part."
  start=$(date +%s.%N)
  passes=0
  for p in "$dir"/patterns.part.*; do
    # shellcheck disable=SC2046
    rg -P -i -c -f "$p" $(cat "$dir/hundredth") >/dev/null 2>&1; passes=$((passes + 1))
  done
  end=$(date +%s.%N)
  t_rg=$(echo "$start $end" | awk '{printf "%.3f", $2 - $1}')
  rm -f "$dir"/patterns.part.*
else
  t_rg=""; passes=0
fi

printf '\n%-52s %10s %10s\n' "run ($mb MB)" "MB/s" "vs slant -j1"
row() { printf '%-52s %10s %10s\n' "$1" "$2" "$3"; }
r_j1=$(rate "$t_j1")
ratio() { echo "$1 $r_j1" | awk '{printf "%.2fx", $1 / $2}'; }
row "cat (the floor)" "$(rate "$t_cat")" "$(ratio "$(rate "$t_cat")")"
row "slant check -j 1 (end to end)" "$r_j1" "1.00x"
row "slant check -j 2" "$(rate "$t_j2")" "$(ratio "$(rate "$t_j2")")"
r_wire=$(echo "$wire_bytes $t_wire" | awk '{printf "%.2f", $1 / 1e6 / $2}')
row "slant -j 1, wire reports only (a tenth)" "$r_wire" "$(ratio "$r_wire")"
r_naive=$(echo "$sample_bytes $t_naive" | awk '{printf "%.3f", $1 / 1e6 / $2}')
r_fast_sample=$(echo "$sample_bytes $t_fast_sample" | awk '{printf "%.2f", $1 / 1e6 / $2}')
row "slant -j 1 (a hundredth)" "$r_fast_sample" "$(echo "$r_fast_sample" | awk -v b="$r_j1" '{printf "%.2fx", $1 / b}')"
row "slant --engine naive -j 1 (a hundredth)" "$r_naive" "$(echo "$r_naive $r_fast_sample" | awk '{printf "%.4fx", $1 / $2}')"
row "library only: model + scan (a tenth)" "$(echo "$scan_only" | awk '{print $1}')" ""
if [ -n "$t_rg" ]; then
  r_rg=$(echo "$sample_bytes $t_rg" | awk '{printf "%.3f", $1 / 1e6 / $2}')
  row "rg -P -i, same patterns ($passes passes, a hundredth)" "$r_rg" "$(echo "$r_rg $r_fast_sample" | awk '{printf "%.4fx", $1 / $2}')"
fi
echo "peak RSS, slant check -j 2 over the corpus: ${rss:-?} KB"
echo "peak RSS, slant check -j 2 over $articles_mb MB in $articles_files files: ${rss_articles:-?} KB"

# rule count: generated packs of N rules of three-word terms
echo; printf '%-30s %10s\n' "rules (generated)" "MB/s"
words=$(tr -cs 'A-Za-z' '\n' < "$root/corpus/articles/01-wire-report.txt" | tr 'A-Z' 'a-z' | awk 'length > 4' | sort -u)
for n in 100 300 1000 3000; do
  pack="$dir/rules-$n.yaml"
  echo "$words" | awk -v n="$n" 'BEGIN { srand(7) } { w[NR] = $0 } END {
    print "pack: bench"; print "rules:"
    for (i = 0; i < n; i++) {
      a = w[int(rand() * NR) + 1]; b = w[int(rand() * NR) + 1]; c = w[int(rand() * NR) + 1]
      printf "  - id: loaded-language.r%d\n    category: loaded-language\n    severity: info\n", i
      printf "    message: m\n    explain: e\n    advice: a\n    terms: [\"%s %s %s\"]\n", a, b, c
      printf "    examples: {match: [\"%s %s %s\"], no-match: [\"zzz\"]}\n", a, b, c
    } }' > "$pack"
  printf '%-30s %10s\n' "$n rules" "$("$SCAN_ONLY" --rules "$pack" $(cat "$dir/tenth") | awk '{print $1}')"
done

# document size: one document of each size, built from the corpus
echo; printf '%-30s %10s\n' "document size" "MB/s"
cat "$corpus"/*.txt | head -c 100000000 > "$dir/big"
for size in 1000 10000 100000 1000000 10000000 100000000; do
  head -c "$size" "$dir/big" > "$dir/doc-$size"
  # small documents: many of them, so the timing is not all start-up
  count=$(( 20000000 / size )); [ "$count" -lt 1 ] && count=1; [ "$count" -gt 2000 ] && count=2000
  files=""; i=0
  while [ $i -lt "$count" ]; do files="$files $dir/doc-$size"; i=$((i + 1)); done
  # shellcheck disable=SC2086
  printf '%-30s %10s\n' "$size bytes" "$("$SCAN_ONLY" $files | awk '{print $1}')"
done
