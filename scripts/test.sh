#!/usr/bin/env bash
# The README's test command: installs what is missing, builds every part that is
# configured to build, and runs the whole test suite twice: once in the release build
# (warnings as errors) and once under AddressSanitizer + UndefinedBehaviorSanitizer.
# Exit status is non-zero when anything fails.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
start=$(date +%s)
jobs="${CHERHA_JOBS:-$(nproc)}"

bash scripts/install-deps.sh
bash scripts/install-web-test-deps.sh

run_preset() {
    local preset="$1"
    echo "==> [$preset] configure"
    cmake --preset "$preset" >/dev/null
    echo "==> [$preset] build (-j$jobs)"
    cmake --build --preset "$preset" -j "$jobs"
    echo "==> [$preset] test"
    ctest --preset "$preset"
}

run_preset default
run_preset sanitize

echo "==> All tests passed in both builds ($(( $(date +%s) - start )) s)."
