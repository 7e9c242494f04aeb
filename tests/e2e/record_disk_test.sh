#!/usr/bin/env bash
# Recording onto a disk that fills up or cannot be written, on a tmpfs this test mounts (root).
#   record_disk_test.sh LIVEMACHINE PROBE full|readonly
# full: a 16 MB disk and 12 Mbps: a warning about the minutes left appears in the status lines
#   and the stats; the recording stops by itself before the disk is full, with its trailer
#   written (the file plays and knows its duration), state "failed", error "stopped: the disk
#   is full (…)", exit 3; a stream beside it goes on to the end and is complete.
# readonly: a read-only disk beside a stream: one line naming the file and "read-only file
#   system", the recording failed, exit 3, the stream complete.
source "$(dirname "$0")/lib.sh"
e2e_init "$1" "$2"
mode=$3
[ "$(id -u)" = 0 ] || fail "this test mounts a tmpfs and must run as root"
disk=$T/disk
mkdir "$disk"
disk_cleanup() {
    local rc=$?
    if [ -n "${APP_PID:-}" ] && kill -0 "$APP_PID" 2>/dev/null; then
        kill -KILL "$APP_PID" 2>/dev/null || true
        wait "$APP_PID" 2>/dev/null || true
    fi
    mountpoint -q "$disk" && umount "$disk"
    (exit "$rc")
    e2e_cleanup
}
trap disk_cleanup EXIT

if [ "$mode" = readonly ]; then
    mount -t tmpfs -o size=4m,ro tmpfs "$disk"
    start_server srv
    key=$(new_key)
    run_app 30 --headless --stream "rtmp://127.0.0.1:$SERVER_PORT/live/$key" \
        --record "$disk/show.mkv" --duration 3 --stats-json "$T/stats.json"
    expect_exit 3
    stop_server srv
    grep -qF "livemachine: cannot record to '$disk/show.mkv': '$disk' is on a read-only file system" \
        "$T/stderr" || { show stderr "$T/stderr"; fail "no specific message for a read-only disk"; }
    [ "$(wc -l <"$T/stderr")" = 1 ] || { show stderr "$T/stderr"; fail "expected one line on stderr"; }
    echo "ok: $(cat "$T/stderr")"
    flat=$(stats_flat "$T/stats.json")
    grep -o '{[^{}]*"type":"record"[^{}]*}' <<<"$flat" | grep -q '"state":"failed"' ||
        { cat "$T/stats.json" >&2; fail "stats JSON: the recording is not marked failed"; }
    grep -o '{[^{}]*"type":"rtmp"[^{}]*}' <<<"$flat" | grep -q '"state":"finished"' ||
        { cat "$T/stats.json" >&2; fail "stats JSON: the stream did not finish"; }
    default_checks 3
    probe_ok "$(recorded_flv srv "$key")" "${CHECKS[@]}" --expect-container flv
    echo "ok: the stream beside it went on"
    expect_no_secret "$key" "$T/stdout" "$T/stderr" "$T/stats.json"
    exit 0
fi
[ "$mode" = full ] || fail "unknown mode $mode"

mount -t tmpfs -o size=16m tmpfs "$disk"
start_server srv
key=$(new_key)
seconds=20
run_app 60 --headless --stream "rtmp://127.0.0.1:$SERVER_PORT/live/$key" \
    --record "$disk/show.mkv" --video-bitrate 12000 --duration "$seconds" \
    --stats-json "$T/stats.json"
expect_exit 3
stop_server srv
flat=$(stats_flat "$T/stats.json")
# Each output's object (they hold no nested objects); keys come sorted.
record_json=$(grep -o '{[^{}]*"type":"record"[^{}]*}' <<<"$flat") || { cat "$T/stats.json" >&2; fail "no record output in the stats"; }
stream_json=$(grep -o '{[^{}]*"type":"rtmp"[^{}]*}' <<<"$flat") || { cat "$T/stats.json" >&2; fail "no rtmp output in the stats"; }

# The warning came before the stop, on the status lines and in the stats.
warned=$(grep -m1 -n "warning: $disk/show.mkv: the disk holding $disk has room for about" \
    "$T/stdout" | cut -d: -f1) || { show stdout "$T/stdout"; fail "no disk-space warning in the status lines"; }
grep -q '"warning":"thediskholding' <<<"$record_json" || { cat "$T/stats.json" >&2; fail "no warning in the stats JSON"; }
echo "ok: warned on status line $warned: $(grep -m1 -o 'warning: .*' "$T/stdout")"

# A clean stop with a specific message, and the disk was not filled.
grep -q '"error":"stopped:thediskisfull(.*"state":"failed"' <<<"$record_json" ||
    { cat "$T/stats.json" >&2; fail "stats JSON: the recording did not stop with 'stopped: the disk is full (…)'"; }
grep -q "^livemachine: $disk/show.mkv: stopped: the disk is full (.* left on the disk holding $disk" "$T/stderr" ||
    { show stderr "$T/stderr"; fail "stderr does not say the disk is full"; }
free_kb=$(df --output=avail -k "$disk" | tail -1 | tr -d ' ')
[ "$free_kb" -gt 512 ] || fail "the recording filled the disk ($free_kb kB left): it should stop before"
echo "ok: $(grep -m1 'disk is full' "$T/stderr"); $free_kb kB still free"
# Probed from a copy, so LM_E2E_KEEP=1 keeps it after the disk is unmounted.
cp "$disk/show.mkv" "$T/show.mkv"

# The recording plays to its end, with its index: the trailer was written. It stopped mid-show,
# where the audio encoder is ahead of the video encoder by x264's lookahead: the audio may run
# up to half a second past the last picture (in sync all along: the pairs are checked).
probe_ok "$T/show.mkv" --expect-container matroska --expect-video h264:1280x720@30 \
    --expect-audio aac:48000:2 --min-frames 90 --max-av-diff-ms 600 --min-sync-pairs 2 \
    --max-sync-offset-ms 33 --flash-spacing 30
duration=$(ffprobe -v error -show_entries format=duration -of csv=p=0 "$T/show.mkv")
[ "$duration" != N/A ] && [ -n "$duration" ] || fail "the recording has no duration: its trailer was not written"
echo "ok: the recording is complete: $duration s"

# The stream beside it went on to the end.
default_checks "$seconds"
probe_ok "$(recorded_flv srv "$key")" "${CHECKS[@]}" --expect-container flv
grep -q '"state":"finished"' <<<"$stream_json" || { cat "$T/stats.json" >&2; fail "the stream did not finish"; }
echo "ok: the stream went on for $seconds s"
expect_no_secret "$key" "$T/stdout" "$T/stderr" "$T/stats.json"
