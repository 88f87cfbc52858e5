#!/bin/sh
# Validates `slant check --format sarif` against the OASIS SARIF 2.1.0 JSON
# schema with ajv-cli (npm; the versions are pinned in package-lock.json
# and installed into tests/sarif/node_modules). The schema is draft-04,
# which ajv 8 no longer reads, so ajv-cli's own `migrate` turns it into
# draft-07 first. A report with a broken field must fail, so the check is
# known to bite. Skipped, with a message, where npm or the schema is absent.
#   run.sh /abs/path/to/slant
set -u
SLANT=${1:?usage: run.sh /abs/path/to/slant}
here=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$here/../.." && pwd)
SCHEMA=${SARIF_SCHEMA:-$ROOT/../shared/schemas/sarif-schema-2.1.0.json}
SEED=$ROOT/../shared/seed/000_cb99513df41a6810.txt
if ! command -v npm >/dev/null 2>&1; then
  echo "sarif: skipped: npm is not installed (it installs ajv-cli, the schema validator)"
  exit 0
fi
if [ ! -f "$SCHEMA" ]; then
  echo "sarif: skipped: the SARIF 2.1.0 schema is not at $SCHEMA (set SARIF_SCHEMA)"
  exit 0
fi
if [ ! -x "$here/node_modules/.bin/ajv" ] || [ "$here/package-lock.json" -nt "$here/node_modules" ]; then
  echo "sarif: installing ajv-cli and ajv-formats (npm ci)"
  (cd "$here" && npm ci --no-audit --no-fund --loglevel=error >/dev/null) || {
    echo "sarif: npm ci failed"; exit 1; }
fi
AJV="$here/node_modules/.bin/ajv"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$AJV" migrate -s "$SCHEMA" -o "$tmp/schema.json" >/dev/null || { echo "sarif: migrating the schema failed"; exit 1; }

pass=0 fail=0
# valid NAME [slant check arguments...]: the report must validate
valid() {
  name=$1; shift
  (cd "$ROOT" && "$SLANT" check --format sarif "$@" >"$tmp/$name.json" 2>/dev/null)
  if "$AJV" validate -c ajv-formats -s "$tmp/schema.json" -d "$tmp/$name.json" --errors=text \
      >"$tmp/out" 2>&1; then
    pass=$((pass + 1))
  else
    echo "sarif: $name: does not validate:"; sed 's/^/  /' "$tmp/out"; fail=$((fail + 1))
  fi
}
valid corpus corpus/articles
valid golden-basic --rules tests/golden/rules/basic.yaml tests/golden/cases/check-json/article.txt \
  tests/golden/cases/check-json/no-such-file.txt
valid document-rules --rules tests/golden/cases/check-document-rules/rules.yaml \
  tests/golden/cases/check-document-rules/article.txt
valid injection --rules tests/golden/cases/check-html-injection/rules.yaml \
  tests/golden/cases/check-html-injection
valid invalid-utf8 tests/golden/cases/check-invalid-utf8
valid empty --rules tests/golden/rules/basic.yaml tests/golden/cases/check-clean
if [ -f "$SEED" ]; then valid seed "$SEED"; else echo "sarif: seed: skipped: $SEED is not here"; fi

# the validator must reject a broken report: an unknown level
sed 's/"level": "warning"/"level": "serious"/' "$tmp/golden-basic.json" >"$tmp/broken.json"
if "$AJV" validate -c ajv-formats -s "$tmp/schema.json" -d "$tmp/broken.json" >/dev/null 2>&1; then
  echo "sarif: broken: a report with level \"serious\" validated: the check is not working"
  fail=$((fail + 1))
else
  pass=$((pass + 1))
fi
echo "sarif: $pass passed, $fail failed"
[ $fail = 0 ]
