#!/bin/sh
# Installs into a scratch DESTDIR, then builds the README's embedding
# example against the installed header, static library and pkg-config file,
# and runs the installed binary from another folder (built-in rules).
set -eu
MAKE=${1:-make}
B=${2:-build}
root=$(pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# DESTDIR staging, as packagers use it
$MAKE --no-print-directory -s install B="$B" DESTDIR="$tmp/stage" PREFIX=/usr >/dev/null
for f in usr/bin/slant usr/lib/libslant.a usr/lib/libslant.so usr/lib/libslant.so.0 \
         usr/include/slant.h usr/lib/pkgconfig/slant.pc usr/share/slant/rules/README.md \
         usr/share/man/man1/slant.1 usr/share/man/man5/slant-rules.5; do
  [ -e "$tmp/stage/$f" ] || { echo "install: $f was not installed"; exit 1; }
done
ls "$tmp"/stage/usr/share/slant/rules/*.yaml >/dev/null
grep -q '^prefix=/usr$' "$tmp/stage/usr/lib/pkgconfig/slant.pc"
# a real prefix: build the example through pkg-config, static and shared
$MAKE --no-print-directory -s install B="$B" PREFIX="$tmp/usr" >/dev/null
export PKG_CONFIG_PATH="$tmp/usr/lib/pkgconfig"
cc -std=c11 -Wall -Wextra -Werror $(pkg-config --cflags slant) tests/install/example.c \
  -o "$tmp/example" $(pkg-config --static --libs slant | sed "s|-lslant|$tmp/usr/lib/libslant.a|")
out=$("$tmp/example")
echo "$out" | grep -q '^1:10 unnamed-source' || { echo "install: example printed: $out"; exit 1; }
cc -std=c11 -Wall -Wextra -Werror $(pkg-config --cflags slant) tests/install/example.c \
  -o "$tmp/example-shared" $(pkg-config --libs slant)
out2=$(LD_LIBRARY_PATH="$tmp/usr/lib" "$tmp/example-shared")
[ "$out" = "$out2" ] || { echo "install: static and shared builds differ"; exit 1; }
# the installed binary works from any folder with its built-in rules
cd "$tmp"
printf 'They spoke on condition of anonymity.\n' > a.txt
set +e
"$tmp/usr/bin/slant" check a.txt >/dev/null; st=$?
set -e
[ $st = 1 ] || { echo "install: installed slant exited $st on a.txt, expected 1"; exit 1; }
cd "$root"
echo "install: 1 passed, 0 failed"
