#!/bin/sh
# Golden CLI cases. Each folder in cases/ holds:
#   cmd       a shell fragment that runs "$SLANT ..." from inside the folder
#             ($ROOT is the repository); its standard output is compared
#   stdout    the expected standard output
#   stderr    the expected standard error (compared when the file exists)
#   status    the expected exit status
#   requires  optional: a path that must exist, else the case is skipped
#             with a message (the seed article lives outside the repo)
# plus any input files. `run.sh SLANT --update [CASE...]` rewrites the
# expected files from the current output: review the diff before committing.
set -u
SLANT=${1:?usage: run.sh /abs/path/to/slant [--update] [CASE...]}
shift
update=0
if [ "${1:-}" = "--update" ]; then update=1; shift; fi
here=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$here/../.." && pwd)
export SLANT ROOT
export NO_COLOR=1 TERM=dumb LC_ALL=C
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0 skip=0
if [ $# -gt 0 ]; then cases="$*"; else cases=$(ls "$here/cases"); fi
for name in $cases; do
  dir="$here/cases/$name"
  [ -f "$dir/cmd" ] || { echo "golden: $name: no cmd file"; fail=$((fail + 1)); continue; }
  if [ -f "$dir/requires" ]; then
    req=$(eval "echo $(cat "$dir/requires")")
    if [ ! -e "$req" ]; then
      echo "golden: $name: skipped: $req is not here"
      skip=$((skip + 1))
      continue
    fi
  fi
  (cd "$dir" && sh ./cmd >"$tmp/out" 2>"$tmp/err" </dev/null); st=$?
  if [ $update = 1 ]; then
    cp "$tmp/out" "$dir/stdout"
    echo "$st" >"$dir/status"
    if [ -s "$tmp/err" ] || [ -f "$dir/stderr" ]; then cp "$tmp/err" "$dir/stderr"; fi
    echo "golden: $name: updated (status $st)"
    continue
  fi
  ok=1
  want=$(cat "$dir/status" 2>/dev/null || echo missing)
  if [ "$st" != "$want" ]; then
    echo "golden: $name: exit status $st, expected $want"; ok=0
  fi
  if ! diff -u "$dir/stdout" "$tmp/out" >"$tmp/diff" 2>&1; then
    echo "golden: $name: standard output differs:"; sed 's/^/  /' "$tmp/diff"; ok=0
  fi
  if [ -f "$dir/stderr" ] && ! diff -u "$dir/stderr" "$tmp/err" >"$tmp/diff" 2>&1; then
    echo "golden: $name: standard error differs:"; sed 's/^/  /' "$tmp/diff"; ok=0
  fi
  if [ $ok = 1 ]; then pass=$((pass + 1)); else fail=$((fail + 1)); fi
done
[ $update = 1 ] && exit 0
echo "golden: $pass passed, $fail failed, $skip skipped"
[ $fail = 0 ]
