#!/usr/bin/env bash
# A creator's scene at 720p30 on this machine: a 1920x1080 screen capture (X11, XShm, cursor
# drawn) as the background, a camera, a looping H.264 media file with sound, a PNG with alpha
# and a text title, recorded with the default encode (x264 veryfast CBR 2500 kbps, AAC 160).
# Reports the studio's CPU over a window after a warm-up and its missed / skipped frames.
#
#   tests/bench/scene_bench.sh [--window S] [--warmup S] [--rounds N]
#   (SCENE_BENCH_KEEP=1 keeps the recording and the collection; SCENE_BENCH_WITHOUT="Desktop"
#   leaves items out, by source name, to see what each costs)
#
# There is no camera on the development machines (no /dev/video*, no v4l2loopback), so the
# camera appears twice: the camera source itself, showing its no-signal picture (it looks for
# a device that is not there and never stalls the mixer), and a stand-in for a webcam's
# pictures: a 1280x720 MJPEG 30 fps file (yuvj422p, as USB webcams send) played by the media
# source, which decodes it with the same FFmpeg MJPEG decoder and converts it to RGBA as the
# camera source does (plugins/camera/camera_frame_decoder.cpp). Needs a release build, ffmpeg,
# Xvfb.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BIN=${LIVEMACHINE_BIN:-$ROOT/build/release/bin/livemachine}
WINDOW=60 WARMUP=5 ROUNDS=1
while [ $# -gt 0 ]; do
    case "$1" in
        --window) WINDOW=$2; shift 2 ;;
        --warmup) WARMUP=$2; shift 2 ;;
        --rounds) ROUNDS=$2; shift 2 ;;
        *) echo "unknown option $1" >&2; exit 2 ;;
    esac
done
[ -x "$BIN" ] || { echo "build first: cmake --build --preset release --target livemachine" >&2; exit 1; }
T=$(mktemp -d)
APP= XVFB=
cleanup() {
    [ -z "$APP" ] || kill -KILL "$APP" 2>/dev/null || true
    [ -z "$XVFB" ] || kill "$XVFB" 2>/dev/null || true
    if [ -n "${SCENE_BENCH_KEEP:-}" ]; then echo "# files kept in $T"; else rm -rf "$T"; fi
}
trap cleanup EXIT

# The desktop: a free display number, 1920x1080, something on it that changes (a clock-like
# moving test picture drawn by ffplay would add its own CPU; the capture copies the whole
# screen every frame whatever it shows, so a still root window costs the same).
for n in $(seq 70 99); do [ -e "/tmp/.X11-unix/X$n" ] || [ -e "/tmp/.X$n-lock" ] || break; done
DISPLAY_NAME=":$n"
Xvfb "$DISPLAY_NAME" -screen 0 1920x1080x24 -nolisten tcp >/dev/null 2>&1 &
XVFB=$!
for _ in $(seq 50); do [ -e "/tmp/.X11-unix/X$n" ] && break; sleep 0.1; done

ff() { ffmpeg -v error -y "$@"; }
ff -f lavfi -i testsrc2=size=1280x720:rate=30 -f lavfi -i sine=frequency=440:sample_rate=48000 \
    -t 10 -c:v libx264 -preset veryfast -b:v 3M -pix_fmt yuv420p -c:a aac -b:a 128k "$T/clip.mp4"
ff -f lavfi -i testsrc=size=1280x720:rate=30 -t 10 -c:v mjpeg -pix_fmt yuvj422p -q:v 4 \
    "$T/webcam.mkv"
ff -f lavfi -i "color=c=0x2080e0@0.85:s=400x120,format=rgba" -frames:v 1 "$T/logo.png"

cat >"$T/scene.json" <<JSON
{
  "format": "livemachine-scene-collection",
  "version": 1,
  "name": "Scene benchmark",
  "sources": [
    {"name": "Desktop", "type": "screen_capture",
     "settings": {"display": "$DISPLAY_NAME", "show_cursor": true}},
    {"name": "Webcam", "type": "camera",
     "settings": {"device": "/dev/video-not-here", "width": 1280, "height": 720, "fps": 30}},
    {"name": "Webcam pictures", "type": "media_source",
     "settings": {"file": "$T/webcam.mkv", "loop": true}},
    {"name": "Clip", "type": "media_source", "settings": {"file": "$T/clip.mp4", "loop": true}},
    {"name": "Logo", "type": "image_source", "settings": {"file": "$T/logo.png"}},
    {"name": "Title", "type": "text_source",
     "settings": {"text": "Live Machine - scene benchmark", "size": 40, "bold": true,
                  "outline": true}}
  ],
  "scenes": [
    {"name": "Show", "items": [
      {"source": "Desktop", "bounds": {"type": "scale_inner", "size": [1280, 720]}},
      {"source": "Clip", "position": [40, 400], "bounds": {"type": "scale_inner", "size": [480, 270]}},
      {"source": "Webcam", "position": [960, 20], "bounds": {"type": "scale_inner", "size": [300, 169]}},
      {"source": "Webcam pictures", "position": [780, 400], "bounds": {"type": "scale_inner", "size": [480, 270]}},
      {"source": "Logo", "position": [40, 30]},
      {"source": "Title", "position": [40, 180]}
    ]}
  ],
  "current_scene": "Show"
}
JSON

# SCENE_BENCH_WITHOUT="Desktop Clip": leave those items out, to see what each costs.
for name in ${SCENE_BENCH_WITHOUT:-}; do
    grep -v "{\"source\": \"$name\"" "$T/scene.json" >"$T/scene.less" && mv "$T/scene.less" "$T/scene.json"
done

TICK=$(getconf CLK_TCK)
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
# "NAME TICKS" per thread of the process (names as the threads set them: lm-video, llvmpipe-0...).
thread_ticks() {
    local task
    for task in /proc/"$1"/task/*; do
        printf '%s %s\n' "$(cat "$task/comm" 2>/dev/null)" \
            "$(awk '{print $14 + $15}' "$task/stat" 2>/dev/null || echo 0)"
    done
}
field() { tr -d ' \n' <"$T/stats.json" | grep -o "\"$1\":[0-9.]*" | head -1 | cut -d: -f2; }

echo "# $(date -u '+%F %H:%M') UTC, $(nproc) CPUs, window ${WINDOW} s after ${WARMUP} s, load $(cut -d' ' -f1 /proc/loadavg)"
printf "%-6s %8s %8s %8s %8s %8s %8s %8s\n" round cpu_s cpu_s/min core_% rendered missed skipped load
for round in $(seq 1 "$ROUNDS"); do
    rm -f "$T/take.mkv"  # recordings never overwrite
    "$BIN" --headless --collection "$T/scene.json" --record "$T/take.mkv" \
        --duration $((WARMUP + WINDOW + 1)) --stats-json "$T/stats.json" >"$T/stdout" 2>"$T/stderr" &
    APP=$!
    sleep "$WARMUP"
    c0=$(cpu_ticks "$APP")
    thread_ticks "$APP" >"$T/threads0"
    sleep "$WINDOW"
    c1=$(cpu_ticks "$APP")
    thread_ticks "$APP" >"$T/threads1"
    load=$(cut -d' ' -f1 /proc/loadavg)
    wait "$APP" || { cat "$T/stderr" >&2; echo "livemachine failed" >&2; exit 1; }
    APP=
    awk -v c=$((c1 - c0)) -v tick="$TICK" -v w="$WINDOW" -v r="$round" -v l="$load" \
        -v f="$(field frames_rendered)" -v m="$(field frames_missed)" -v s="$(field frames_skipped)" 'BEGIN {
        printf "%-6d %8.2f %8.1f %8.1f %8d %8d %8d %8s\n", r, c / tick, 60 * c / tick / w, 100 * c / tick / w, f, m, s, l }'
done
echo "# the last round's CPU-s in the window by thread name (numbered threads summed; x264's"
echo "# worker threads keep the name of the thread that made them, lm-enc-video):"
awk -v tick="$TICK" 'FNR == 1 { file++ }
    { name = $1; sub(/[-:][0-9]+$/, "", name); if (file == 1) before[name] += $2; else after[name] += $2 }
    END { for (n in after) printf "  %-16s %6.2f\n", n, (after[n] - before[n]) / tick }' \
    "$T/threads0" "$T/threads1" | sort -k2 -nr | head -10
echo "# what the studio said (the missing camera is expected):"
sort -u "$T/stderr" | head -5
echo "# the recording: $(ffprobe -v error -count_frames -select_streams v:0 -show_entries \
    stream=width,height,avg_frame_rate,nb_read_frames -of csv=p=0 "$T/take.mkv") (w,h,rate,frames)"
