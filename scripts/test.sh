#!/usr/bin/env bash
# The test command (README, .ci/run): installs what the tests need, type-checks, runs every suite.
# Ends with one summary line "tests: N passed, N failed, N skipped".
set -uo pipefail
cd "$(dirname "$0")/.."
start=$(date +%s)
bash scripts/setup.sh || { echo "tests: 0 passed, 1 failed (setup failed)"; exit 1; }

status=0
echo "== type-check (tsc --noEmit)"
if ! npx --no-install tsc --noEmit -p .; then status=1; fi

echo "== unit and language-server tests (mocha)"
mocha_out=$(mktemp)
npx --no-install mocha 2>&1 | tee "$mocha_out"
mocha_status=${PIPESTATUS[0]}
[ "$mocha_status" -eq 0 ] || status=1

echo "== end-to-end tests in a real VS Code (code-server + chromium; installs on first run)"
bash scripts/e2e/run.sh 2>&1 | tee -a "$mocha_out"
[ "${PIPESTATUS[0]}" -eq 0 ] || status=1

read -r passed failed skipped < <(awk '/^tests: [0-9]+ passed, [0-9]+ failed, [0-9]+ skipped$/ {p+=$2; f+=$4; s+=$6} END {print p+0, f+0, s+0}' "$mocha_out")
rm -f "$mocha_out"
[ "$status" -ne 0 ] && [ "${failed:-0}" -eq 0 ] && failed=1

echo "== done in $(( $(date +%s) - start ))s"
echo "${passed:-0} passed, ${failed:-0} failed, ${skipped:-0} skipped"
exit $status
