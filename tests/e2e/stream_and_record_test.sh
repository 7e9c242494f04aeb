#!/usr/bin/env bash
# One encode, several destinations: --stream + --record, or two --stream at once. Every
# destination gets a complete, correct copy with the same number of frames.
# second-encoder: --stream, --record, and a second --stream with --stream-bitrate 800: that
# one gets its own encode at 800 kbps, the others the main one at 2500, all complete and in
# sync, the recording the same frames as the first stream.
#   stream_and_record_test.sh LIVEMACHINE PROBE record|two-streams|second-encoder
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
    second-encoder) run_app 60 --headless --stream "$url1" \
        --stream "rtmp://127.0.0.1:$SERVER_PORT/live/$key2" --stream-bitrate 800 \
        --record "$T/show.mkv" --duration 10 --stats-json "$T/stats.json" ;;
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
if [ "$3" = second-encoder ]; then
    probe_ok "$T/show.mkv" "${CHECKS[@]}"
    nr=$(probe_value "$T/show.mkv" video.frames)
    [ "$nr" = "$n1" ] || fail "one encode, but the stream got $n1 frames and the recording $nr"
    # Each encode's own rate, measured on what arrived (CBR, within 15 %; x264 undershoots a
    # little on the test pattern).
    kbps1=$(probe_value "$first" video.kbps)
    kbps2=$(probe_value "$second" video.kbps)
    expect_between "main encode's video kbps" "$kbps1" 2125 2875
    expect_between "second encode's video kbps" "$kbps2" 680 920
    echo "ok: the main encode at $kbps1 kbps ($n1 frames, the recording the same), the second at $kbps2 kbps ($n2 frames)"
    expect_outputs_finished "$T/stats.json" 3
else
    [ "$n1" = "$n2" ] || fail "one encode, but the destinations got $n1 and $n2 frames"
    echo "ok: both destinations got $n1 frames"
    expect_outputs_finished "$T/stats.json" 2
fi
expect_status_lines 8 12
expect_no_secret "$key1" "$T/stdout" "$T/stderr" "$T/stats.json"
expect_no_secret "$key2" "$T/stdout" "$T/stderr" "$T/stats.json"
