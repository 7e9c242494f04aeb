#!/usr/bin/env bash
# The CPU cost of each extra stream destination on the same encode: the headless studio streams
# the default scene to 1, 2 and 4 stream keys of one nginx-rtmp on loopback (interleaved, ROUNDS
# times), and the app's CPU time is read from /proc over a window after a warm-up: the whole
# process, and its `lm-output` threads alone (the per-destination work: send queue, FLV muxing,
# socket writes). The fan-out's share on the encoder threads is in the process figure.
#
#   tests/bench/destinations_bench.sh [--window S] [--warmup S] [--rounds N] [--counts "1 2 4"]
#
# Needs a release build (build/release/bin/livemachine), nginx with libnginx-mod-rtmp.
# Prints one row per run and a summary: CPU-s over the window, % of one core, and the cost of
# each destination beyond the first (least-squares slope over the counts).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BIN=${LIVEMACHINE_BIN:-$ROOT/build/release/bin/livemachine}
WINDOW=30 WARMUP=5 ROUNDS=1 COUNTS="1 2 4"
while [ $# -gt 0 ]; do
    case "$1" in
        --window) WINDOW=$2; shift 2 ;;
        --warmup) WARMUP=$2; shift 2 ;;
        --rounds) ROUNDS=$2; shift 2 ;;
        --counts) COUNTS=$2; shift 2 ;;
        *) echo "unknown option $1" >&2; exit 2 ;;
    esac
done
[ -x "$BIN" ] || { echo "build first: cmake --build --preset release --target livemachine" >&2; exit 1; }
T=$(mktemp -d)
APP=
cleanup() {
    [ -z "$APP" ] || kill -KILL "$APP" 2>/dev/null || true
    "$ROOT/tests/e2e/rtmp_server.sh" stop "$T/rtmp" || true
    rm -rf "$T"
}
trap cleanup EXIT
PORT=$("$ROOT/tests/e2e/rtmp_server.sh" start "$T/rtmp")
TICK=$(getconf CLK_TCK)

# CPU ticks (user + system) of the process, and of its lm-output threads.
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
output_ticks() {
    local sum=0 task
    for task in /proc/"$1"/task/*; do
        [ "$(cat "$task/comm" 2>/dev/null)" = lm-output ] || continue
        sum=$((sum + $(awk '{print $14 + $15}' "$task/stat" 2>/dev/null || echo 0)))
    done
    echo "$sum"
}

echo "# $(date -u '+%F %H:%M') UTC, $(nproc) CPUs, window ${WINDOW} s after ${WARMUP} s, load $(cut -d' ' -f1 /proc/loadavg)"
printf "%-12s %8s %8s %10s %8s %8s\n" destinations cpu_s core_% output_cpu_s dropped load
: >"$T/rows"
for round in $(seq 1 "$ROUNDS"); do
    for n in $COUNTS; do
        args=()
        for i in $(seq 1 "$n"); do
            args+=(--stream "rtmp://127.0.0.1:$PORT/live/bench${round}x${n}k$i")
        done
        "$BIN" --headless "${args[@]}" --duration $((WARMUP + WINDOW + 2)) \
            --stats-json "$T/stats.json" >"$T/stdout" 2>"$T/stderr" &
        APP=$!
        sleep "$WARMUP"
        c0=$(cpu_ticks "$APP") o0=$(output_ticks "$APP")
        sleep "$WINDOW"
        c1=$(cpu_ticks "$APP") o1=$(output_ticks "$APP")
        load=$(cut -d' ' -f1 /proc/loadavg)
        wait "$APP" || { cat "$T/stderr" >&2; echo "livemachine failed" >&2; exit 1; }
        APP=
        dropped=$(tr -d ' \n' <"$T/stats.json" | grep -o '"frames_dropped":[0-9]*' |
            awk -F: '{ s += $2 } END { print s + 0 }')
        awk -v n="$n" -v c=$((c1 - c0)) -v o=$((o1 - o0)) -v tick="$TICK" -v w="$WINDOW" \
            -v d="$dropped" -v l="$load" 'BEGIN {
            printf "%-12d %8.2f %8.1f %10.2f %8d %8s\n", n, c / tick, 100 * c / tick / w, o / tick, d, l }' |
            tee -a "$T/rows"
        rm -f "$T"/rtmp/record/*.flv  # 4 x 2.7 Mbit/s adds up
    done
done
awk -v w="$WINDOW" '
    { n[NR] = $1; c[NR] = $2; o[NR] = $4; sx += $1; sy += $2; so += $4 }
    END {
        mx = sx / NR; my = sy / NR
        for (i = 1; i <= NR; i++) { sxx += (n[i] - mx) ^ 2; sxy += (n[i] - mx) * (c[i] - my) }
        slope = sxx > 0 ? sxy / sxx : 0
        total_dest = 0; for (i = 1; i <= NR; i++) total_dest += n[i]
        printf "per extra destination: %.3f CPU-s per %d s = %.2f %% of one core (process, slope);", slope, w, 100 * slope / w
        printf " lm-output threads: %.3f CPU-s per destination = %.2f %% of one core\n", so / total_dest, 100 * so / total_dest / w
    }' "$T/rows"
