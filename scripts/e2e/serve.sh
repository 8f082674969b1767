#!/usr/bin/env bash
# Starts exo-audit in a real VS Code (code-server) on WORKSPACE and prints the URL to open.
#   bash scripts/e2e/serve.sh WORKSPACE [--port N]   serve until Ctrl+C
#   bash scripts/e2e/serve.sh WORKSPACE --check      open it headless, wait for activation, screenshot, stop
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
bash "$ROOT/scripts/e2e/install.sh" >/dev/null
# Folder arguments become absolute before the working directory changes to the repository.
args=()
for arg in "$@"; do if [ -d "$arg" ]; then args+=("$(cd "$arg" && pwd)"); else args+=("$arg"); fi; done
cd "$ROOT"
exec node --require tsx/cjs test/e2e/support/serveWorkbench.ts "${args[@]}"
