#!/bin/sh
# Collects neutral text for the sentence model's negative examples
# (corpus/train_model.py --negatives): the READMEs, NEWS files, .txt
# files, AUTHORS and THANKS under /usr/share/doc (decompressed), but no
# changelogs, nothing over 300 kB and nothing that is not text, one file
# each in OUTDIR, named after its path. What it finds depends on the
# packages installed; the shipped model used a Debian bookworm machine's.
# Usage: sh corpus/neutral_docs.sh OUTDIR
set -eu
out=${1:?usage: neutral_docs.sh OUTDIR}
mkdir -p "$out"
out=$(cd "$out" && pwd)
cd /usr/share/doc
find . -type f \( -name 'README*' -o -name 'NEWS*' -o -name '*.txt' -o -name '*.txt.gz' \
    -o -name 'AUTHORS*' -o -name 'THANKS*' \) ! -name 'changelog*' | sort |
while IFS= read -r f; do
    name=$(printf '%s' "${f#./}" | sed 's/\.gz$//; s|/|_|g').txt
    case $f in
        *.gz) gzip -dc "$f" > "$out/$name" 2>/dev/null || { rm -f "$out/$name"; continue; } ;;
        *) cp "$f" "$out/$name" ;;
    esac
    if [ "$(wc -c < "$out/$name")" -gt 300000 ] || ! grep -qI . "$out/$name"; then
        rm -f "$out/$name"
    fi
done
