#!/usr/bin/env bash
# Installs what the browser tests (tests/web) need beyond the Debian packages of
# scripts/debian-packages.txt (chromium, nodejs): npm when the machine has none, then the npm
# packages pinned in tests/web/package-lock.json (playwright-core, axe-core), into
# tests/web/node_modules. Idempotent: nothing is fetched when the lock file is unchanged.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
web="$root/tests/web"
if ! command -v npm >/dev/null; then
    echo "==> Installing npm"
    sudo=""; [[ $(id -u) -ne 0 ]] && sudo="sudo"
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends npm
fi
stamp="$web/node_modules/.cherha-lock"
if [[ -f "$stamp" ]] && cmp -s "$stamp" "$web/package-lock.json"; then
    echo "==> The browser tests' npm packages are installed."
    exit 0
fi
echo "==> Installing the browser tests' npm packages (tests/web/package-lock.json)"
(cd "$web" && npm ci --no-audit --no-fund --loglevel=error)
cp "$web/package-lock.json" "$stamp"
