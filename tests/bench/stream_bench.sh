#!/usr/bin/env bash
# Streams with Live Machine inside ../shared/bench (the OBS/ffmpeg anchor benchmark), so its
# CPU-seconds per streamed minute sit beside the ffmpeg contenders measured in the same run.
#
#   tests/bench/stream_bench.sh [--runs N] [--duration S] [--only ffmpeg_stream,ffmpeg_limit,obs]
#                               [--scene default|anchor]
#
# --scene anchor streams the anchors' own picture (anchor_collection.sh: colour, looping clip at
# half size, RGBA overlay, title) instead of the default test pattern, so all do the same job.
#
# Needs a release build (build/release/bin/livemachine) and python3. Results land in
# ${OUT:-/tmp/livemachine-stream-bench}/results.md; docs/performance.md quotes them.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BENCH=${BENCH_DIR:-$ROOT/../shared/bench}
BIN=${LIVEMACHINE_BIN:-$ROOT/build/release/bin/livemachine}
OUT=${OUT:-/tmp/livemachine-stream-bench}
RUNS=1 DURATION=60 ONLY=ffmpeg_stream,ffmpeg_limit SCENE=default
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) RUNS=$2; shift 2 ;;
    --duration) DURATION=$2; shift 2 ;;
    --only) ONLY=$2; shift 2 ;;
    --scene) SCENE=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
[ -x "$BIN" ] || { echo "build first: cmake --preset release && cmake --build --preset release" >&2; exit 1; }
[ -x "$BENCH/run_all.sh" ] || { echo "no benchmark at $BENCH (set BENCH_DIR)" >&2; exit 1; }

# The app's own counters (missed/skipped/dropped) come from --stats-json, in the bench's names.
export BENCH_APP_METRICS="python3 $ROOT/tests/bench/bench_metrics.py {WORK}/stats.json"
APP="$BIN --headless --stream {RTMP_URL} --stats-json {WORK}/stats.json"
case "$SCENE" in
  default) export BENCH_APP_DESC='Live Machine headless, default test-pattern scene' ;;
  anchor)
    export BENCH_APP_DESC="Live Machine headless, the anchors' scene (colour, clip, overlay, title)"
    # The collection needs the assets' folder, known only inside the run: write it there, then
    # exec, so the measured process is Live Machine itself.
    APP="sh -c '$ROOT/tests/bench/anchor_collection.sh {ASSETS} {WORK}/anchor.json && exec $APP --collection {WORK}/anchor.json'" ;;
  *) echo "--scene: default or anchor, not $SCENE" >&2; exit 2 ;;
esac
exec "$BENCH/run_all.sh" --runs "$RUNS" --duration "$DURATION" --only "$ONLY" --out "$OUT" \
  --no-publish --app-name livemachine --app-nogui --app "$APP"
