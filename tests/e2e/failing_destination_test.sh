#!/usr/bin/env bash
# A destination that fails does not stop the others: --stream to a closed port, --record and a
# good --stream. The good stream and the recording are complete and correct, stderr names the
# failed destination (key masked), the stats JSON marks it failed, and the exit code is 3.
#   failing_destination_test.sh LIVEMACHINE PROBE
source "$(dirname "$0")/lib.sh"
e2e_init "$1" "$2"
default_checks 10
start_server srv
bad_port=$(closed_port)
bad_key=$(new_key)
key=$(new_key)
run_app 60 --headless --stream "rtmp://127.0.0.1:$bad_port/live/$bad_key" \
    --record "$T/show.mkv" --stream "rtmp://127.0.0.1:$SERVER_PORT/live/$key" --duration 10 \
    --stats-json "$T/stats.json"
expect_exit 3
stop_server srv
probe_ok "$(recorded_flv srv "$key")" "${CHECKS[@]}" --expect-container flv
probe_ok "$T/show.mkv" "${CHECKS[@]}" --expect-container matroska
n=$(grep -cF "rtmp://127.0.0.1:$bad_port/" "$T/stderr" || true)
[ "$n" -ge 1 ] || { show stderr "$T/stderr"; fail "stderr does not name the failed destination rtmp://127.0.0.1:$bad_port/..."; }
echo "ok: stderr names the failed destination: $(grep -F "rtmp://127.0.0.1:$bad_port/" "$T/stderr" | head -n 1)"
flat=$(stats_flat "$T/stats.json")
# Each output is an innermost {...} of the JSON; keys may come in any order.
failed=$(grep -o '{[^{}]*}' <<<"$flat" | grep -F "\"name\":\"rtmp://127.0.0.1:$bad_port/" || true)
if ! grep -qF '"state":"failed"' <<<"$failed" || ! grep -qE '"error":"[^"]+"' <<<"$failed"; then
    cat "$T/stats.json" >&2
    fail "stats JSON does not list rtmp://127.0.0.1:$bad_port/... as failed with an error"
fi
[ "$(grep -o '"state":"finished"' <<<"$flat" | wc -l)" = 2 ] ||
    { cat "$T/stats.json" >&2; fail "stats JSON: the stream and the recording did not both finish"; }
expect_no_secret "$bad_key" "$T/stdout" "$T/stderr" "$T/stats.json"
expect_no_secret "$key" "$T/stdout" "$T/stderr" "$T/stats.json"
