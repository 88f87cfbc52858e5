#!/bin/sh
# The evaluation ratchet: slant eval on the annotated corpus must reach the
# precision and recall recorded in corpus/ratchet, on every split, with the
# default packs and (lines "broad-...") with the opt-in broad pack added.
set -u
SLANT=${1:?usage: eval.sh SLANT}
cd "$(dirname "$0")/.." || exit 2

grep -v '^#' corpus/ratchet | while read -r split rest; do
  [ -n "$split" ] || continue
  precision=$(echo "$rest" | awk '{print $(NF-1)}')
  recall=$(echo "$rest" | awk '{print $NF}')
  docs=$(echo "$rest" | awk '{$NF=""; $(NF-1)=""; print}')
  config=
  case $split in broad-*) config="--config corpus/broad.slant.yaml" ;; esac
  # shellcheck disable=SC2086 # the globs expand; $config is empty or two words
  if "$SLANT" eval $config --gold corpus/gold.jsonl --fail-under-precision "$precision" \
       --fail-under-recall "$recall" $docs >/tmp/slant-eval.$$ 2>&1; then
    echo "eval: $split: $(grep '^overall  ' /tmp/slant-eval.$$ | awk '{print "precision " $6 ", recall " $7 ", F1 " $8}') (ratchet $precision / $recall)"
  else
    echo "eval: $split: below the ratchet ($precision / $recall):"
    cat /tmp/slant-eval.$$
    echo fail >> /tmp/slant-eval-failed.$$
  fi
  rm -f /tmp/slant-eval.$$
done
if [ -f /tmp/slant-eval-failed.$$ ]; then rm -f /tmp/slant-eval-failed.$$; exit 1; fi
