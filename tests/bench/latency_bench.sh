#!/usr/bin/env bash
# Render-to-socket latency: the headless studio streams the default scene (720p30, x264
# veryfast CBR 2500 kbps) to nginx-rtmp on loopback for SECONDS with each x264 tune given, and
# reports what the stream output measured: from the moment the mixer began rendering a frame
# to the return of the write that handed its packet to the socket (latency_ms_avg and
# latency_ms_p99 and latency_ms_max in --stats-json; OutputRunner::measure_latency).
#
#   tests/bench/latency_bench.sh [--duration S] [--rounds N] [--tunes "zerolatency none"]
#                                [-- EXTRA LIVEMACHINE OPTIONS]
#
# Needs a release build (build/release/bin/livemachine), nginx with libnginx-mod-rtmp.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BIN=${LIVEMACHINE_BIN:-$ROOT/build/release/bin/livemachine}
DURATION=30 ROUNDS=1 TUNES="zerolatency none"
EXTRA=()
while [ $# -gt 0 ]; do
    case "$1" in
        --duration) DURATION=$2; shift 2 ;;
        --rounds) ROUNDS=$2; shift 2 ;;
        --tunes) TUNES=$2; shift 2 ;;
        --) shift; EXTRA=("$@"); break ;;
        *) echo "unknown option $1" >&2; exit 2 ;;
    esac
done
[ -x "$BIN" ] || { echo "build first: cmake --build --preset release --target livemachine" >&2; exit 1; }
T=$(mktemp -d)
cleanup() {
    "$ROOT/tests/e2e/rtmp_server.sh" stop "$T/rtmp" || true
    rm -rf "$T"
}
trap cleanup EXIT
PORT=$("$ROOT/tests/e2e/rtmp_server.sh" start "$T/rtmp")

value() { tr -d ' \n' <"$T/stats.json" | grep -o "\"$1\":[-0-9.e+]*" | head -n 1 | cut -d: -f2; }

echo "# $(date -u '+%F %H:%M') UTC, $(nproc) CPUs, ${DURATION} s per run, load $(cut -d' ' -f1 /proc/loadavg)"
printf "%-12s %10s %10s %10s %8s %8s %8s\n" tune avg_ms p99_ms max_ms frames missed skipped
for round in $(seq 1 "$ROUNDS"); do
    for tune in $TUNES; do
        "$BIN" --headless --stream "rtmp://127.0.0.1:$PORT/live/latency$round$tune" \
            --tune "$tune" --duration "$DURATION" --stats-json "$T/stats.json" "${EXTRA[@]}" \
            >"$T/stdout" 2>"$T/stderr" || { cat "$T/stderr" >&2; exit 1; }
        printf "%-12s %10.1f %10.0f %10.1f %8s %8s %8s\n" "$tune" "$(value latency_ms_avg)" \
            "$(value latency_ms_p99)" "$(value latency_ms_max)" "$(value frames_written)" \
            "$(value frames_missed)" "$(value frames_skipped)"
        rm -f "$T"/rtmp/record/*.flv
    done
done
