#!/usr/bin/env bash
# Stopping with a signal is a clean stop: SIGTERM or SIGINT mid-run (no --duration) makes the
# app exit 0 within 5 s, with the MP4 recording complete and playable (its last fragment and
# index written) and the stream complete on the server.
#   signal_test.sh LIVEMACHINE PROBE TERM|INT
source "$(dirname "$0")/lib.sh"
e2e_init "$1" "$2"
sig=$3
start_server srv
key=$(new_key)
# About 5 s of streaming and recording before the signal.
start_app_until_status_lines 5 --headless --stream "rtmp://127.0.0.1:$SERVER_PORT/live/$key" \
    --record "$T/show.mp4" --stats-json "$T/stats.json"
kill "-$sig" "$APP_PID"
sent=$(date +%s.%N)
for _ in $(seq 1 50); do
    kill -0 "$APP_PID" 2>/dev/null || break
    sleep 0.1
done
if kill -0 "$APP_PID" 2>/dev/null; then
    show stderr "$T/stderr"
    fail "livemachine still runs 5 s after SIG$sig"
fi
APP_RC=0
wait "$APP_PID" || APP_RC=$?
APP_PID=
echo "ok: exited $(awk -v a="$sent" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }') s after SIG$sig"
expect_exit 0
stop_server srv
checks=(--expect-video h264:1280x720@30 --expect-audio aac:48000:2 --min-frames 90
    --max-av-diff-ms 100 --min-sync-pairs 2 --max-sync-offset-ms 33 --flash-spacing 30)
probe_ok "$T/show.mp4" "${checks[@]}" --expect-container mp4
probe_ok "$(recorded_flv srv "$key")" "${checks[@]}" --expect-container flv
n1=$(probe_value "$T/show.mp4" video.frames)
n2=$(probe_value "$(recorded_flv srv "$key")" video.frames)
[ "$n1" = "$n2" ] || fail "one encode, but the recording has $n1 frames and the stream $n2"
expect_outputs_finished "$T/stats.json" 2
expect_no_secret "$key" "$T/stdout" "$T/stderr" "$T/stats.json"
