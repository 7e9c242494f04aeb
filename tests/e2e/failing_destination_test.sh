#!/usr/bin/env bash
# A destination that fails does not stop the others. Beside a good --stream and a --record, one
# bad output (CASE below) fails at start. The good stream and the recording are complete and
# correct, stderr names the failed destination (key masked) with the reason a user can act on,
# the stats JSON marks it failed with that error, and the exit code is 3.
#   failing_destination_test.sh LIVEMACHINE PROBE CASE
# CASE: closed-port (nothing listens), wrong-key (the server refuses the publish), dns (the host
# name does not exist), tls-untrusted (an RTMPS server with a self-signed certificate),
# tls-wrong-name (a trusted certificate, but for another host name), hls-unwritable (HLS into a
# folder nobody can write).
source "$(dirname "$0")/lib.sh"
e2e_init "$1" "$2"
case_name=${3:-closed-port}
default_checks 10
if [[ $case_name == tls-* ]]; then start_tls_server srv; else start_server srv; fi
bad_key=$(new_key)
key=$(new_key)
extra=()
case $case_name in
    closed-port)
        bad_port=$(closed_port)
        bad=(--stream "rtmp://127.0.0.1:$bad_port/live/$bad_key")
        name="rtmp://127.0.0.1:$bad_port/" reason="is the server running?" ;;
    wrong-key)
        # The server's "guarded" application refuses every publish, as a service does for a
        # key it does not know.
        bad=(--stream "rtmp://127.0.0.1:$SERVER_PORT/guarded/$bad_key")
        name="rtmp://127.0.0.1:$SERVER_PORT/guarded/" reason="check the application name 'guarded' and the stream key" ;;
    dns)
        bad=(--stream "rtmp://no-such-host.invalid/live/$bad_key")
        name="rtmp://no-such-host.invalid/" reason="the host name 'no-such-host.invalid' was not found" ;;
    tls-untrusted)
        bad=(--stream "rtmps://127.0.0.1:$TLS_PORT/live/$bad_key")
        name="rtmps://127.0.0.1:$TLS_PORT/" reason="not signed by an authority this machine trusts" ;;
    tls-wrong-name)
        # The certificate names 127.0.0.1; "localhost" reaches the same server by another name.
        extra=(--trust-cert "$T/srv/cert.pem")
        bad=(--stream "rtmps://localhost:$TLS_PORT/live/$bad_key")
        name="rtmps://localhost:$TLS_PORT/" reason="was issued for another name, not 'localhost'" ;;
    hls-unwritable)
        # /proc exists, but nobody, root included, can create files there.
        bad=(--hls /proc)
        name="/proc" reason="/proc" ;;
    *) fail "unknown case '$case_name'" ;;
esac
run_app 60 --headless "${bad[@]}" --record "$T/show.mkv" \
    --stream "rtmp://127.0.0.1:$SERVER_PORT/live/$key" --duration 10 --stats-json "$T/stats.json" \
    "${extra[@]}"
expect_exit 3
stop_server srv
probe_ok "$(recorded_flv srv "$key")" "${CHECKS[@]}" --expect-container flv
probe_ok "$T/show.mkv" "${CHECKS[@]}" --expect-container matroska
grep -qF "$name" "$T/stderr" || { show stderr "$T/stderr"; fail "stderr does not name the failed destination $name..."; }
line=$(grep -F "$name" "$T/stderr" | grep -F -- "$reason" | head -n 1 || true)
[ -n "$line" ] || { show stderr "$T/stderr"; fail "no line on stderr names $name and says '$reason'"; }
echo "ok: stderr names the failed destination and why: $line"
flat=$(stats_flat "$T/stats.json")
# Each output is an innermost {...} of the JSON; keys may come in any order.
failed=$(grep -o '{[^{}]*}' <<<"$flat" | grep -F "\"name\":\"$name" || true)
if ! grep -qF '"state":"failed"' <<<"$failed" || ! grep -qE '"error":"[^"]+"' <<<"$failed"; then
    cat "$T/stats.json" >&2
    fail "stats JSON does not list $name... as failed with an error"
fi
[ "$(grep -o '"state":"finished"' <<<"$flat" | wc -l)" = 2 ] ||
    { cat "$T/stats.json" >&2; fail "stats JSON: the stream and the recording did not both finish"; }
expect_no_secret "$bad_key" "$T/stdout" "$T/stderr" "$T/stats.json"
expect_no_secret "$key" "$T/stdout" "$T/stderr" "$T/stats.json"
