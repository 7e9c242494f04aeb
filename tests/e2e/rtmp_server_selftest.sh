#!/usr/bin/env bash
# The RTMP test server is tested before it is trusted: a clip pushed by the ffmpeg CLI arrives
# whole in the recording, sync intact, and `stop` leaves no nginx and no open port behind.
#   rtmp_server_selftest.sh PROBE
source "$(dirname "$0")/lib.sh"
e2e_init - "$1"
default_checks 4
"$E2E_DIR/make_sync_clip.sh" clip.mp4 4
start_server srv
pid=$(cat "$T/srv/nginx.master.pid")
key=$(new_key)
ffmpeg -v error -nostdin -i clip.mp4 -c copy -f flv "rtmp://127.0.0.1:$SERVER_PORT/live/$key" ||
    fail "ffmpeg could not publish to the test server on port $SERVER_PORT"
stop_server srv
kill -0 "$pid" 2>/dev/null && fail "nginx $pid still runs after stop"
(exec 3<>"/dev/tcp/127.0.0.1/$SERVER_PORT") 2>/dev/null && fail "port $SERVER_PORT still open after stop"
probe_ok "$(recorded_flv srv "$key")" "${CHECKS[@]}" --expect-container flv
echo "ok: nginx-rtmp on port $SERVER_PORT recorded the stream and stopped"
