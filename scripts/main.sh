#!/usr/bin/env bash
# The main job (README): installs and builds, generates the sample investigation workspace if absent
# (synthetic tenant with labelled attacks, a hunting notebook, a tenant snapshot), loads it and prints
# the summary and the findings, then starts the extension in a real VS Code (code-server) on it and
# prints the local URL. EXO_SAMPLE_DIR picks another folder; EXO_NO_SERVE=1 stops before serving.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
sample=${EXO_SAMPLE_DIR:-sample}
if [ ! -f "$sample/hunting.exqnb" ]; then
  echo "== generating the sample investigation workspace into $sample/ (deterministic, seed 1)"
  node dist/cli.js workspace --out "$sample" --force
fi
echo "== loading $sample/logs"
node dist/cli.js load "$sample/logs"
echo
echo "== findings"
node dist/cli.js findings "$sample/logs" --min-severity medium
if [ "${EXO_NO_SERVE:-}" = "1" ]; then exit 0; fi
echo
echo "== starting exo-audit in VS Code (code-server) on $sample/ (first run installs code-server: a few minutes)"
exec bash scripts/e2e/serve.sh "$sample"
