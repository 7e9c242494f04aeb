#!/usr/bin/env bash
# Installs what is needed, builds Live Machine (release) and starts it with the given
# arguments. Without arguments: 10 seconds of the default scene recorded to
# livemachine-demo.mkv, headless (the studio window is not built yet).
set -euo pipefail
cd "$(dirname "$0")/.."
bash packaging/install-deps.sh
cmake --preset release >/dev/null
cmake --build --preset release
if [ $# -eq 0 ]; then
  set -- --headless --record livemachine-demo.mkv --duration 10
  [ -e livemachine-demo.mkv ] && rm -f livemachine-demo.mkv
fi
exec ./build/release/bin/livemachine "$@"
