#!/bin/sh
# seeds.sh TARGET - prints the seed inputs of a fuzz target, one path a line
# (run from the repository root). The seeds are the project's own files:
# rule packs for the rule loader, articles and golden-case documents for the
# text model and the scanner; for the engines, the pattern-and-text inputs
# kept in regressions/engines. `make fuzz` copies them into the working corpus;
# `make test` replays them all.
set -eu
case "${1:?usage: seeds.sh rules|text|scan|engines}" in
rules)
  ls rules/*.yaml tests/golden/rules/*.yaml
  find tests/golden/cases -name '*.yaml' | sort ;;
text|scan)
  ls corpus/articles/*.txt
  find tests/golden/cases -type f \( -name '*.txt' -o -name '*.md' -o -name '*.html' \) | sort ;;
engines)
  # a pattern line, then a text: the saved inputs are the seeds
  ls tests/fuzz/regressions/engines/* ;;
*)
  echo "seeds.sh: unknown target '$1'" >&2; exit 2 ;;
esac
