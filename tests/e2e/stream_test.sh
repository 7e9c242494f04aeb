#!/usr/bin/env bash
# Streams the default scene for 10 s to a real nginx-rtmp and checks what the server received:
# H.264 1280x720 at 30 fps (300 frames +-2%), AAC 48 kHz stereo, audio as long as the video,
# every flash with its beep within 33 ms; the status lines, the stats JSON, and that the stream
# key appears nowhere in what the app printed.
#   stream_test.sh LIVEMACHINE PROBE
source "$(dirname "$0")/lib.sh"
e2e_init "$1" "$2"
default_checks 10
start_server srv
key=$(new_key)
run_app 60 --headless --stream "rtmp://127.0.0.1:$SERVER_PORT/live/$key" --duration 10 \
    --stats-json "$T/stats.json"
expect_exit 0
stop_server srv
probe_ok "$(recorded_flv srv "$key")" "${CHECKS[@]}" --expect-container flv
expect_status_lines 8 12
expect_outputs_finished "$T/stats.json" 1
grep -qF "rtmp://127.0.0.1:$SERVER_PORT/live/" "$T/stats.json" ||
    fail "stats JSON does not name the destination (masked) as rtmp://127.0.0.1:$SERVER_PORT/live/..."
expect_no_secret "$key" "$T/stdout" "$T/stderr" "$T/stats.json"
