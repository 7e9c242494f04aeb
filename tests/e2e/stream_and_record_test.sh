#!/usr/bin/env bash
# One encode, several destinations: --stream + --record, or two --stream at once. Every
# destination gets a complete, correct copy with the same number of frames.
#   stream_and_record_test.sh LIVEMACHINE PROBE record|two-streams
source "$(dirname "$0")/lib.sh"
e2e_init "$1" "$2"
default_checks 10
start_server srv
key1=$(new_key)
key2=$(new_key)
url1="rtmp://127.0.0.1:$SERVER_PORT/live/$key1"
case $3 in
    record) run_app 60 --headless --stream "$url1" --record "$T/show.mkv" --duration 10 \
        --stats-json "$T/stats.json" ;;
    two-streams) run_app 60 --headless --stream "$url1" \
        --stream "rtmp://127.0.0.1:$SERVER_PORT/live/$key2" --duration 10 \
        --stats-json "$T/stats.json" ;;
    *) fail "unknown mode $3" ;;
esac
expect_exit 0
stop_server srv
first=$(recorded_flv srv "$key1")
if [ "$3" = record ]; then
    second=$T/show.mkv
else
    second=$(recorded_flv srv "$key2")
fi
probe_ok "$first" "${CHECKS[@]}" --expect-container flv
probe_ok "$second" "${CHECKS[@]}"
n1=$(probe_value "$first" video.frames)
n2=$(probe_value "$second" video.frames)
[ "$n1" = "$n2" ] || fail "one encode, but the destinations got $n1 and $n2 frames"
echo "ok: both destinations got $n1 frames"
expect_status_lines 8 12
expect_outputs_finished "$T/stats.json" 2
expect_no_secret "$key1" "$T/stdout" "$T/stderr" "$T/stats.json"
expect_no_secret "$key2" "$T/stdout" "$T/stderr" "$T/stats.json"
