#!/bin/sh
# The fast engine must give byte-identical findings to the naive one (every
# pattern over the whole text): on the corpus (with the opt-in broad pack
# too), on every text, Markdown and
# HTML file of the golden cases, on the seed article when it is here, and on random
# documents built from the rules' own examples.
set -u
SLANT=${1:?usage: run.sh SLANT RANDOM_DOCS_BINARY}
RANDOM_DOCS=${2:?usage: run.sh SLANT RANDOM_DOCS_BINARY}
root=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0 pass=0
check() { # name, then slant check arguments
  name=$1; shift
  "$SLANT" check --format json --fail-on never --engine fast "$@" >"$tmp/fast" 2>/dev/null
  "$SLANT" check --format json --fail-on never --engine naive "$@" >"$tmp/naive" 2>/dev/null
  if cmp -s "$tmp/fast" "$tmp/naive" && [ -s "$tmp/fast" ]; then
    pass=$((pass + 1))
  else
    echo "engines: $name: the fast and naive engines differ"
    diff "$tmp/fast" "$tmp/naive" | head -20
    fail=$((fail + 1))
  fi
}
check corpus "$root/corpus/articles"
check "corpus, with the broad pack" --config "$root/corpus/broad.slant.yaml" "$root/corpus/articles"
for f in $(find "$root/tests/golden/cases" -name '*.txt' -o -name '*.md' -o -name '*.html' | sort); do
  check "${f#$root/}" "$f"
done
seed="$root/../shared/seed"
if [ -d "$seed" ]; then check seed "$seed"; else echo "engines: seed article not here; skipped"; fi
echo "engines: $pass passed, $fail failed"
"$RANDOM_DOCS" 400 || fail=$((fail + 1))
[ $fail = 0 ]
