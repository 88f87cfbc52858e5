#!/bin/sh
# seeds.sh TARGET - prints the seed inputs of a fuzz target, one path a line
# (run from the repository root). The seeds are the project's own files:
# rule packs for the rule loader, articles and golden-case documents for the
# text model and the scanner. `make fuzz` copies them into the working corpus;
# `make test` replays them all.
set -eu
case "${1:?usage: seeds.sh rules|text|scan}" in
rules)
  ls rules/*.yaml tests/golden/rules/*.yaml
  find tests/golden/cases -name '*.yaml' | sort ;;
text|scan)
  ls corpus/articles/*.txt
  find tests/golden/cases -type f \( -name '*.txt' -o -name '*.md' -o -name '*.html' \) | sort ;;
*)
  echo "seeds.sh: unknown target '$1'" >&2; exit 2 ;;
esac
