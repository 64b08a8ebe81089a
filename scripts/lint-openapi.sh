#!/usr/bin/env bash
# Lints an OpenAPI document with @redocly/cli (its "recommended" rules): 0 errors passes, warnings are shown.
# Usage: scripts/lint-openapi.sh openapi.json   (the document: /openapi/v1.json of a running app, or the one
# ApiDescriptionTests writes to $FORENINGSBRO_OPENAPI_OUT, as ./test.sh does)
# Installs the pinned @redocly/cli once into .tools/redocly (git-ignored) with npm; without npm or the registry
# it says so and fails, it never passes silently.
set -uo pipefail
doc="${1:?usage: scripts/lint-openapi.sh openapi.json}"
root="$(cd "$(dirname "$0")/.." && pwd)"
version=2.77.0
dir="$root/.tools/redocly"
cli="$dir/node_modules/.bin/redocly"
[ -s "$doc" ] || { echo "lint-openapi: no OpenAPI document at $doc (did ApiDescriptionTests run?)" >&2; exit 2; }
if ! grep -qs "\"version\": \"$version\"" "$dir/node_modules/@redocly/cli/package.json"; then
  command -v npm >/dev/null || { echo "lint-openapi: npm is missing (Node 20 with npm is needed for @redocly/cli $version)" >&2; exit 2; }
  mkdir -p "$dir"
  if ! npm install --prefix "$dir" --no-audit --no-fund --no-save --loglevel=error "@redocly/cli@$version" >"$dir/install.log" 2>&1; then
    cat "$dir/install.log" >&2
    echo "lint-openapi: could not install @redocly/cli $version from npm (offline?); the OpenAPI lint did not run" >&2
    exit 2
  fi
fi
# Redocly's own telemetry stays off; the lint reads only the local file.
REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true "$cli" lint --format=stylish "$doc"
