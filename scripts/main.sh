#!/usr/bin/env bash
# The main job (README): installs and builds, generates the sample tenant if absent, loads it and
# prints the summary. Set EXO_SAMPLE_DIR to use another folder.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
sample=${EXO_SAMPLE_DIR:-sample}
if [ ! -f "$sample/labels.json" ]; then
  echo "== generating the sample tenant into $sample/ (deterministic, seed 1)"
  node dist/cli.js synth --seed 1 --users 100 --days 30 --format purview --out "$sample"
fi
echo "== loading $sample/"
node dist/cli.js load "$sample"
