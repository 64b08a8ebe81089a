#!/usr/bin/env bash
# Refreshes the vendored Det Fælles Designsystem (npm package dkfds) in wwwroot/lib/dkfds.
# Usage: scripts/update-dkfds.sh [version]   (default: the version pinned below)
set -euo pipefail
version="${1:-11.2.0}"
root="$(cd "$(dirname "$0")/.." && pwd)"
dest="$root/src/Foreningsbro.Web/wwwroot/lib/dkfds"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

(cd "$work" && npm pack --silent "dkfds@$version" >/dev/null && tar xzf dkfds-*.tgz)
dist="$work/package/dist"

rm -rf "$dest"
mkdir -p "$dest/css" "$dest/js" "$dest/fonts/IBMPlexSans/complete" "$dest/img"
# The borger.dk theme: the look of Danish self-service for citizens (DKFDS also has a virk.dk theme for businesses).
cp "$dist/css/dkfds-borgerdk.min.css" "$dest/css/"
cp "$dist/js/dkfds.min.js" "$dest/js/"
# Browsers that run this site all read woff2 or woff; the eot/ttf fallbacks are left out.
cp -r "$dist/fonts/IBMPlexSans/complete/woff2" "$dist/fonts/IBMPlexSans/complete/woff" "$dest/fonts/IBMPlexSans/complete/"
cp -r "$dist/img/svg-icons" "$dist/img/all-svg-icons.svg" "$dest/img/"
cp "$dist/LICENSE.md" "$dest/"
echo "$version" > "$dest/VERSION"
echo "dkfds $version copied to $dest"
