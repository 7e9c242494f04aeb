#!/usr/bin/env bash
# RTMPS: the stream goes over TLS (nginx terminates it with a self-signed certificate, which the
# studio is told to trust with --trust-cert, and passes the RTMP on to nginx-rtmp) and arrives
# whole: H.264 1280x720 at 30 fps, AAC, in sync.
#   rtmps_test.sh LIVEMACHINE PROBE
source "$(dirname "$0")/lib.sh"
e2e_init "$1" "$2"
start_tls_server srv
key=$(new_key)
run_app 60 --headless --stream "rtmps://127.0.0.1:$TLS_PORT/live/$key" --duration 5 \
    --trust-cert "$T/srv/cert.pem" --stats-json "$T/stats.json"
expect_exit 0
stop_server srv
probe_ok "$(recorded_flv srv "$key")" --expect-container flv --expect-video h264:1280x720@30 \
    --expect-audio aac:48000:2 --expect-frames 150 --max-av-diff-ms 100 \
    --min-sync-pairs 4 --max-sync-offset-ms 33 --flash-spacing 30
expect_outputs_finished "$T/stats.json" 1
expect_no_secret "$key" "$T/stdout" "$T/stderr" "$T/stats.json"
echo "ok: rtmps://127.0.0.1:$TLS_PORT/live/**** received $(probe_value "$(recorded_flv srv "$key")" video.frames) frames"
