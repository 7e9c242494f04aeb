#!/usr/bin/env bash
# Installs what is needed, builds Live Machine (release) and starts it with the given
# arguments. Without arguments: the studio window with its default scene collection, or on a
# machine without a display, 10 seconds of the default scene recorded headless to
# livemachine-demo.mkv.
set -euo pipefail
cd "$(dirname "$0")/.."
bash packaging/install-deps.sh
cmake --preset release >/dev/null
cmake --build --preset release
if [ $# -eq 0 ] && [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  echo "run-studio: no display for the window; recording 10 s of the default scene headless" \
       "to livemachine-demo.mkv instead" >&2
  set -- --headless --record livemachine-demo.mkv --duration 10
  [ -e livemachine-demo.mkv ] && rm -f livemachine-demo.mkv
fi
exec ./build/release/bin/livemachine "$@"
