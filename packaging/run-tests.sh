#!/usr/bin/env bash
# Installs what is needed, builds Live Machine (release) and runs the whole test suite:
# unit tests, GPU tests on Mesa llvmpipe, end-to-end tests against a real nginx-rtmp server.
# Extra arguments go to ctest (e.g. -L unit, -R stream).
set -euo pipefail
cd "$(dirname "$0")/.."
bash packaging/install-deps.sh
cmake --preset release >/dev/null
cmake --build --preset release
ctest --preset release --timeout 300 "$@"
