#!/usr/bin/env bash
# A stream through lm_tcp_relay (tcp_relay.cpp), which sits between the studio and nginx-rtmp on
# loopback and misbehaves on command (issue "Outputs that survive a bad network"):
#
#   relay_test.sh LIVEMACHINE PROBE RELAY stall   30 s stream; at 10 s the relay forwards nothing
#       for 5 s. The studio sheds video by priority and never audio: exit 0, the connection
#       survives (no reconnect), the stats count the drops and not one audio packet, the
#       received stream decodes without an error, its audio is continuous for the whole 30 s,
#       and every frame written arrived (the stream goes on after the stall).
#   relay_test.sh LIVEMACHINE PROBE RELAY delay   10 s stream, every byte held 200 ms each way:
#       nothing dropped, the stream arrives whole (the usual 10 s checks: frame count, sync).
#   relay_test.sh LIVEMACHINE PROBE RELAY cap     44 s stream with dynamic bitrate; from 10 s
#       to 30 s the relay carries half of what the stream needs. The video bitrate goes down
#       below what the cap carries, is back at the target within 10 s after the cap ends, no
#       audio is dropped and the received audio is continuous. Frames dropped are reported,
#       not judged (docs/network.md).
#
# With LM_RELAY_PLOT=FILE.svg the cap case also draws its timeline there (plot_timeline.sh).
source "$(dirname "$0")/lib.sh"
RELAY=$(realpath -- "$3")  # before e2e_init, which changes into the test's temp dir
e2e_init "$1" "$2"
mode=${4:?stall, delay or cap}
[ -x "$RELAY" ] || fail "relay '$RELAY' is not executable"

target_kbps=2500
audio_kbps=160

status_seconds() { grep -cE '^[0-9]{2}:[0-9]{2}:[0-9]{2} ' "$T/stdout" || true; }
wait_for_second() {  # N: until N status lines were printed (or the app stopped)
    while [ "$(status_seconds)" -lt "$1" ] && kill -0 "$APP_PID" 2>/dev/null; do sleep 0.1; done
}
wait_app() {  # waits for the app started in the background; it must exit 0
    local rc=0
    wait "$APP_PID" || rc=$?
    APP_PID=
    [ "$rc" = 0 ] || { show stderr "$T/stderr"; fail "livemachine exited with $rc, expected 0"; }
}
stat() {  # KEY: the value of KEY for the (one) output in the stats JSON
    stats_flat "$T/stats.json" | grep -o "\"$1\":[-0-9.e+]*" | head -n 1 | cut -d: -f2
}
# One row a second from the status lines: second, out kbps, video kbps asked of the encoder
# (the target unless the line says "video N kbps"), queue ms (congestion x 3000: with dynamic
# bitrate on, as here, congestion 1 is 3 s queued; core/output_group.cpp), dropped total.
timeline() {
    awk -v target="$target_kbps" '
        /^[0-9][0-9]:[0-9][0-9]:[0-9][0-9] / {
            out = 0; dropped = 0; video = target; congestion = 0
            for (i = 1; i <= NF; i++) {
                if ($i == "out") out = $(i + 1)
                if ($i == "dropped") dropped = $(i + 1)
                if ($i == "congestion") { congestion = $(i + 1); sub(",", "", congestion) }
                if ($i == "video" && $(i + 2) == "kbps") video = $(i + 1)
            }
            printf "%d %d %d %d %d\n", ++n, out, video, congestion * 3000, dropped
        }' "$T/stdout"
}

start_server rtmp
key=$(new_key)
case $mode in
    stall)
        total_s=30
        stall_at=10
        stall_s=5
        start_relay "$RELAY" "$SERVER_PORT"
        start_app_until_status_lines 1 --headless --stream "rtmp://127.0.0.1:$RELAY_PORT/live/$key" \
            --duration "$total_s" --stats-json "$T/stats.json"
        wait_for_second "$stall_at"
        relay_command stall "$stall_s"
        echo "relay stalls for $stall_s s at $(status_seconds) s"
        wait_app
        stop_relay
        stop_server rtmp
        timeline | awk -v a="$stall_at" -v b="$((stall_at + stall_s + 5))" \
            '$1 >= a && $1 <= b {printf "t=%ss out=%s kbps video=%s kbps queue=%sms dropped=%s\n", $1, $2, $3, $4, $5}'
        dropped=$(stat frames_dropped)
        written=$(stat frames_written)
        audio_dropped=$(stat audio_packets_dropped)
        echo "stats: frames written $written, dropped $dropped; audio packets dropped" \
            "$audio_dropped; reconnects $(stat reconnects)"
        [ "$dropped" -gt 0 ] || fail "a 5 s stall dropped no frame (stats frames_dropped 0)"
        [ "$audio_dropped" = 0 ] || fail "$audio_dropped audio packets were dropped: audio must never be"
        [ "$(stat reconnects)" = 0 ] || fail "the connection was re-established during a 5 s stall"
        [ $((written + dropped)) -ge $((total_s * 30 - 2)) ] ||
            fail "written + dropped = $((written + dropped)), expected the $((total_s * 30)) frames encoded"
        file=$(recorded_flv rtmp "$key")
        # No frame-rate check: frames shed in the stall leave the video short of 30 per second.
        probe_ok "$file" --expect-audio aac:48000:2 --min-frames $((written - 2))
        frames=$(probe_value "$file" video.frames)
        [ "$frames" -le $((written + 2)) ] ||
            fail "the server got $frames frames, more than the $written the stats say were written"
        gaps=$(probe_value "$file" audio.gaps)
        [ "$gaps" = 0 ] || fail "the received audio has $gaps gaps"
        audio_s=$(probe_value "$file" audio.duration_s)
        last_video_s=$(probe_value "$file" video.last_pts_s)
        awk -v a="$audio_s" -v t="$total_s" 'BEGIN { exit !(a >= t - 0.5) }' ||
            fail "the received audio lasts $audio_s s, expected the whole $total_s s"
        awk -v v="$last_video_s" -v t="$total_s" 'BEGIN { exit !(v >= t - 1) }' ||
            fail "the last video frame received is at $last_video_s s: the stream did not go on to $total_s s"
        echo "ok: a ${stall_s} s stall: $dropped frames dropped by priority, 0 audio packets;" \
            "$frames frames and $audio_s s of gap-free audio received, video to $last_video_s s"
        ;;
    delay)
        default_checks 10
        start_relay "$RELAY" "$SERVER_PORT" --delay-ms 200
        run_app 60 --headless --stream "rtmp://127.0.0.1:$RELAY_PORT/live/$key" --duration 10 \
            --stats-json "$T/stats.json"
        expect_exit 0
        stop_relay
        stop_server rtmp
        if ! grep -q 'delay 200 ms' "$T/relay.log" || ! grep -q 'connection 1 opened' "$T/relay.log"; then
            show "relay log" "$T/relay.log"
            fail "the stream did not go through the relay with 200 ms of delay"
        fi
        probe_ok "$(recorded_flv rtmp "$key")" "${CHECKS[@]}" --expect-container flv
        expect_outputs_finished "$T/stats.json" 1
        printf "ok: 200 ms each way: nothing dropped; render-to-socket latency avg %.1f ms, max %.1f ms\n" \
            "$(stat latency_ms_avg)" "$(stat latency_ms_max)"
        ;;
    cap)
        before_s=10
        cap_s=20
        after_s=14
        total_s=$((before_s + cap_s + after_s))
        cap_kbit=$(((target_kbps + audio_kbps) / 2))  # half of what the stream needs
        start_relay "$RELAY" "$SERVER_PORT"
        start_app_until_status_lines 1 --headless --stream "rtmp://127.0.0.1:$RELAY_PORT/live/$key" \
            --video-bitrate "$target_kbps" --audio-bitrate "$audio_kbps" --duration "$total_s" \
            --stats-json "$T/stats.json"
        wait_for_second "$before_s"
        relay_command rate "$cap_kbit"
        cap_from=$(status_seconds)
        echo "relay capped at $cap_kbit kbit/s at $cap_from s"
        wait_for_second $((cap_from + cap_s))
        relay_command rate 0
        cap_until=$(status_seconds)
        echo "cap lifted at $cap_until s"
        wait_app
        stop_relay
        stop_server rtmp
        timeline >"$T/timeline.txt"
        awk -v a="$cap_from" -v b="$cap_until" '$1 >= a - 1 && $1 <= b + 12 {
            printf "t=%ss%s out=%s kbps video=%s kbps queue=%sms dropped=%s\n", $1,
                ($1 > a && $1 <= b) ? " [cap]" : "", $2, $3, $4, $5 }' "$T/timeline.txt"
        if [ -n "${LM_RELAY_PLOT:-}" ]; then
            # plot_timeline.sh wants: time link out video queue dropped.
            awk -v a="$cap_from" -v b="$cap_until" -v cap="$cap_kbit" '{
                print $1, ($1 > a && $1 <= b) ? cap : 20000, $2, $3, $4, $5 }' \
                "$T/timeline.txt" >"$T/plot.txt"
            bash "$E2E_DIR/plot_timeline.sh" "$T/plot.txt" \
                "relay capped at $cap_kbit kbit/s for $cap_s s, dynamic bitrate" 3000 >"$LM_RELAY_PLOT"
            echo "plot: $LM_RELAY_PLOT"
        fi
        dropped=$(stat frames_dropped)
        written=$(stat frames_written)
        audio_dropped=$(stat audio_packets_dropped)
        echo "stats: frames written $written, dropped $dropped" \
            "($(awk -v d="$dropped" -v w="$written" 'BEGIN { printf "%.1f", 100 * d / (d + w) }') %);" \
            "audio packets dropped $audio_dropped"
        [ "$audio_dropped" = 0 ] || fail "$audio_dropped audio packets were dropped: audio must never be"
        lowest=$(awk -v a="$cap_from" -v b="$cap_until" '$1 > a && $1 <= b {print $3}' \
            "$T/timeline.txt" | sort -n | head -n 1)
        [ "${lowest:-999999}" -lt $((cap_kbit - audio_kbps)) ] ||
            fail "the video bitrate never went below what the capped relay carries (lowest ${lowest:-?} kbps)"
        back=$(awk -v b="$cap_until" -v target="$target_kbps" '$1 > b && $3 >= target {print $1 - b; exit}' \
            "$T/timeline.txt")
        [ -n "$back" ] || fail "the bitrate never came back to $target_kbps kbps after the cap was lifted"
        [ "$back" -le 10 ] ||
            fail "the bitrate came back to $target_kbps kbps $back s after the cap was lifted (limit 10 s)"
        file=$(recorded_flv rtmp "$key")
        probe_ok "$file" --expect-audio aac:48000:2 --min-frames $((written - 2))
        gaps=$(probe_value "$file" audio.gaps)
        [ "$gaps" = 0 ] || fail "the received audio has $gaps gaps"
        echo "ok: lowest video bitrate $lowest kbps under the cap; back to $target_kbps kbps" \
            "$back s after it was lifted; audio intact; $dropped frames dropped (reported only)"
        ;;
    *) fail "unknown case '$mode' (stall, delay or cap)" ;;
esac
