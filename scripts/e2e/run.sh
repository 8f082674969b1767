#!/usr/bin/env bash
# Runs the real-VS-Code tests (code-server + chromium): UI end-to-end files and the extension-host suite.
# Extra arguments go to mocha (e.g. --grep palette). Prints the time of each step.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
start=$SECONDS
bash scripts/e2e/install.sh
echo "e2e: install check $((SECONDS - start)) s"
mocha_start=$SECONDS
status=0
node node_modules/mocha/bin/mocha.js --config .mocharc.e2e.json "$@" || status=$?
echo "e2e: mocha $((SECONDS - mocha_start)) s (build + package + tests), total $((SECONDS - start)) s"
exit $status
