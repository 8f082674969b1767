#!/usr/bin/env bash
# Installs the project's npm dependencies (when package-lock.json changed or node_modules is missing)
# and builds the bundles. Idempotent; sourced by main.sh and test.sh.
set -euo pipefail
cd "$(dirname "$0")/.."

stamp=node_modules/.exo-audit-lock.sha256
want=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  echo "== installing npm dependencies (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error
  echo "$want" > "$stamp"
fi
echo "== building"
node scripts/build.mjs
