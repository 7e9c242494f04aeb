#!/usr/bin/env bash
# The floor for any studio: the CPU cost of x264 alone on the same frames, with the same
# settings as Live Machine's default (veryfast, CBR 2500 kbps, 2 s GOP). Records SECONDS of
# the default scene, decodes it to raw NV12 in /dev/shm, then times libx264 encoding it.
#
#   tests/bench/x264_alone.sh [SECONDS]     (default 60; needs a release build and ffmpeg)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BIN=${LIVEMACHINE_BIN:-$ROOT/build/release/bin/livemachine}
SECONDS_TO_RECORD=${1:-60}
T=$(mktemp -d)
RAW=/dev/shm/lm-x264-alone-$$.nv12
trap 'rm -rf "$T" "$RAW"' EXIT

"$BIN" --headless --record "$T/take.mkv" --duration "$SECONDS_TO_RECORD" \
  --stats-json "$T/stats.json" >/dev/null
ffmpeg -v error -i "$T/take.mkv" -f rawvideo -pix_fmt nv12 "$RAW"
TIMEFORMAT='%U %S'  # bash's own `time`: user and system CPU of the command
x264_cpu=$( { time ffmpeg -v error -f rawvideo -pix_fmt nv12 -s 1280x720 -r 30 -i "$RAW" \
  -c:v libx264 -preset veryfast -b:v 2500k -maxrate 2500k -bufsize 2500k -g 60 \
  -keyint_min 60 -sc_threshold 0 -f null - ; } 2>&1 | awk '{print $1 + $2}')
app_cpu=$(sed -n 's/.*"cpu_seconds": *\([0-9.]*\).*/\1/p' "$T/stats.json")
awk -v x="$x264_cpu" -v a="$app_cpu" -v s="$SECONDS_TO_RECORD" 'BEGIN {
  printf "x264 alone on the same frames: %.2f CPU-s (%.1f CPU-s per minute)\n", x, x * 60 / s
  printf "Live Machine recording them:   %.2f CPU-s (%.1f CPU-s per minute), %.0f%% above x264 alone\n",
         a, a * 60 / s, (a / x - 1) * 100 }'
