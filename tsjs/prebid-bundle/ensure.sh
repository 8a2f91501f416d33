#!/usr/bin/env bash
# Builds the Prebid.js external bundle (dist/trusted-prebid.js) when it is missing or stale: a cached artefact, not
# committed. The stamp is the hash of everything the build reads, so a changed lock, selection or build script
# rebuilds it and nothing else does.
set -euo pipefail
cd "$(dirname "$0")"
stamp=$(cat package-lock.json bundle.json build.mjs | sha256sum | cut -d' ' -f1)
if [[ -f dist/trusted-prebid.js && -f dist/.stamp && $(cat dist/.stamp) == "$stamp" ]]; then
  exit 0
fi
if [[ ! -f node_modules/.package-lock.json || package-lock.json -nt node_modules/.package-lock.json ]]; then
  npm ci --no-audit --no-fund --loglevel=error >/dev/null
fi
node build.mjs >/dev/null
echo "$stamp" > dist/.stamp
