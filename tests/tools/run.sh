#!/bin/sh
# build/tools/sentences, which corpus/train_model.py learns from: one JSON
# line a sentence, with code-point offsets into the file; a file that is
# not valid UTF-8 is read as slant check reads it (the trainer's neutral
# text once stopped at the first such file); a file that is not there is
# an error naming it.
set -u
SENTENCES=${1:?usage: run.sh SENTENCES}
T=$(mktemp -d) && trap 'rm -rf "$T"' EXIT || exit 2
fail=0
check() { # what, got, want
  if [ "$2" != "$3" ]; then echo "tools: $1: got [$2], want [$3]"; fail=$((fail + 1)); fi
}
printf 'Caf\303\251 first. Then \377 second.\n' > "$T/bad.txt"
out=$("$SENTENCES" "$T/bad.txt"); st=$?
check "invalid UTF-8: status" "$st" 0
check "invalid UTF-8: sentences" "$(printf '%s\n' "$out" | wc -l | tr -d ' ')" 2
check "invalid UTF-8: first" "$(printf '%s\n' "$out" | head -n 1)" \
  '{"doc": "bad.txt", "start": 0, "end": 11, "text": "Café first."}'
# the invalid byte is one character, U+FFFD, as in slant check
check "invalid UTF-8: second" "$(printf '%s\n' "$out" | sed -n 2p)" \
  '{"doc": "bad.txt", "start": 12, "end": 26, "text": "Then � second."}'
err=$("$SENTENCES" "$T/absent.txt" 2>&1 >/dev/null); st=$?
check "missing file: status" "$st" 1
check "missing file: message" "$err" "sentences: $T/absent.txt: cannot read it"
if [ $fail -gt 0 ]; then exit 1; fi
echo "tools: 6 passed, 0 failed"
