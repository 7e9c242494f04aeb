#!/usr/bin/env bash
# Regenerates docs/screenshots/*.png from the real program: builds lm_screenshots (release),
# runs it on a private virtual display (Xvfb, 1920x1080) and writes the pictures there.
#
#   packaging/screenshots.sh                 # build/release, as a user would
#   LM_BUILD_DIR=build/mine packaging/screenshots.sh   # another build folder (configured if new)
#   LM_SCREENSHOT_SECONDS=20 ...             # how long the show runs before the pictures
#   LIVEMACHINE_THEME=light ...              # the light theme instead of the dark default
#   CMAKE_BUILD_PARALLEL_LEVEL=2 ...         # fewer build jobs than cores
set -euo pipefail
cd "$(dirname "$0")/.."

build_dir="${LM_BUILD_DIR:-build/release}"
out_dir="docs/screenshots"
seconds="${LM_SCREENSHOT_SECONDS:-15}"
# Screenshots are taken in the dark theme unless asked otherwise, whatever the desktop says.
export LIVEMACHINE_THEME="${LIVEMACHINE_THEME:-dark}"

bash packaging/install-deps.sh

if [ "$build_dir" = "build/release" ]; then
  cmake --preset release >/dev/null
  cmake --build --preset release --target lm_screenshots
else
  if [ ! -f "$build_dir/CMakeCache.txt" ]; then
    cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
  fi
  cmake --build "$build_dir" --target lm_screenshots
fi
tool="$build_dir/bin/lm_screenshots"
[ -x "$tool" ] || { echo "screenshots.sh: $tool was not built" >&2; exit 1; }

# Xvfb picks a free display number itself and writes it to the pipe given by -displayfd, so
# this never collides with a desktop or another run.
display_file="$(mktemp)"
Xvfb -displayfd 3 -screen 0 1920x1080x24 -nolisten tcp 3>"$display_file" 2>/dev/null &
xvfb_pid=$!
stop_xvfb() {
  kill "$xvfb_pid" 2>/dev/null || true
  wait "$xvfb_pid" 2>/dev/null || true
  rm -f "$display_file"
}
trap stop_xvfb EXIT
for _ in $(seq 100); do
  [ -s "$display_file" ] && break
  kill -0 "$xvfb_pid" 2>/dev/null || { echo "screenshots.sh: Xvfb did not start" >&2; exit 1; }
  sleep 0.1
done
[ -s "$display_file" ] || { echo "screenshots.sh: Xvfb gave no display" >&2; exit 1; }
export DISPLAY=":$(head -n1 "$display_file")"
# The window runs on X (Xvfb), not on Qt's offscreen platform or a Wayland session.
export QT_QPA_PLATFORM=xcb
unset WAYLAND_DISPLAY

mkdir -p "$out_dir"
"$tool" "$out_dir" "$seconds"
echo "screenshots.sh: pictures written to $out_dir"
