#!/usr/bin/env bash
# A stream survives its server going away (issue #5): nginx-rtmp is killed, stays away for 5 s
# and comes back on the same port, CYCLES times (default 10). Each time the stream must be back
# within 3 s of the server, starting with a keyframe, in sync; the app must not grow (memory,
# file descriptors) from one outage to the next; at the end it stops cleanly with every
# reconnect counted.
#
#   reconnect_test.sh LIVEMACHINE PROBE [CYCLES]
source "$(dirname "$0")/lib.sh"
e2e_init "$1" "$2"
cycles=${3:-10}
down_s=5
up_s=4

start_server rtmp
port=$SERVER_PORT
key=$(new_key)
server_dir=$T/rtmp

start_app_until_status_lines 2 --headless --stream "rtmp://127.0.0.1:$port/live/$key" \
    --stats-json "$T/stats.json"
sleep 1

now_ms() { date +%s%3N; }
files_of_key() { ls "$server_dir/record/$key"-*.flv 2>/dev/null | wc -l; }
rss_kb() { awk '/^VmRSS/ {print $2}' "/proc/$APP_PID/status"; }
fd_count() { ls "/proc/$APP_PID/fd" | wc -l; }

worst_ms=0
for cycle in $(seq 1 "$cycles"); do
    before=$(files_of_key)
    # The server dies (fast shutdown: connections are cut, as in a crash or a network loss).
    pid=$(cat "$server_dir/nginx.master.pid")
    kill -TERM "$pid"
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.05; done
    kill -0 "$pid" 2>/dev/null && fail "nginx $pid did not stop"
    rm -f "$server_dir/nginx.master.pid"
    sleep "$down_s"
    grep -q reconnecting "$T/stdout" ||
        { show stdout "$T/stdout"; fail "cycle $cycle: the status line never said 'reconnecting'"; }
    RTMP_SERVER_PORT=$port "$E2E_DIR/rtmp_server.sh" start "$server_dir" >/dev/null
    up_at=$(now_ms)
    # Back when the server has a new recording of the stream with media in it.
    back_ms=
    while [ $(($(now_ms) - up_at)) -lt 10000 ]; do
        newest=$(ls -t "$server_dir/record/$key"-*.flv 2>/dev/null | head -n 1)
        if [ "$(files_of_key)" -gt "$before" ] && [ "$(stat -c %s "$newest")" -gt 20000 ]; then
            back_ms=$(($(now_ms) - up_at))
            break
        fi
        sleep 0.05
    done
    [ -n "$back_ms" ] || { show stderr "$T/stderr"; fail "cycle $cycle: the stream did not come back within 10 s of the server"; }
    echo "cycle $cycle: stream back $back_ms ms after the server"
    [ "$back_ms" -gt "$worst_ms" ] && worst_ms=$back_ms
    [ "$cycle" = 2 ] && { rss_2=$(rss_kb); fds_2=$(fd_count); }
    sleep "$up_s"
done
rss_end=$(rss_kb)
fds_end=$(fd_count)

kill -TERM "$APP_PID"
rc=0
wait "$APP_PID" || rc=$?
APP_PID=
[ "$rc" = 0 ] || { show stderr "$T/stderr"; fail "livemachine exited with $rc after SIGTERM, expected 0"; }
stop_server rtmp

[ "$worst_ms" -le 3000 ] || fail "the stream came back up to $worst_ms ms after the server (limit 3000 ms)"
if [ "$cycles" -ge 3 ]; then
    echo "memory: ${rss_2} kB after cycle 2, ${rss_end} kB after cycle $cycles; fds $fds_2 -> $fds_end"
    [ $((rss_end - rss_2)) -le 20480 ] || fail "memory grew by $(((rss_end - rss_2) / 1024)) MB from cycle 2 to $cycles"
    [ $((fds_end - fds_2)) -le 2 ] || fail "open file descriptors grew from $fds_2 to $fds_end"
fi

flat=$(stats_flat "$T/stats.json")
echo "$flat" | grep -q "\"reconnects\":$cycles" ||
    fail "stats: expected \"reconnects\":$cycles in $flat"
echo "$flat" | grep -q '"state":"finished"' || fail "stats: the stream did not finish cleanly: $flat"
grep -q "$key" "$T/stdout" "$T/stderr" "$T/stats.json" && fail "the stream key appears in the output"

# Every publish after a reconnect: starts with a keyframe, decodes, and is in sync.
n=0
for file in $(ls -tr "$server_dir/record/$key"-*.flv | tail -n +2); do
    n=$((n + 1))
    first_key=$(ffprobe -v error -select_streams v -show_entries frame=key_frame \
        -read_intervals '%+#1' -of csv=p=0 "$file" | head -n 1)
    [ "$first_key" = 1 ] || fail "$(basename "$file"): the first video frame is not a keyframe"
    # The last one ends with the app's stop. The others end with the server's death, which
    # can cut a B-frame group in half (its last P frame arrived, the B frames shown before it
    # did not): their frame rate cannot be measured from the last timestamps.
    video_check=()
    [ "$n" = "$cycles" ] && video_check=(--expect-video h264:1280x720@30)
    probe_ok "$file" "${video_check[@]}" --expect-audio aac:48000:2 \
        --min-frames $((up_s * 30)) --min-sync-pairs $((up_s - 1)) --max-sync-offset-ms 33
done
[ "$n" = "$cycles" ] || fail "expected $cycles recordings after reconnects, found $n"
echo "ok: $cycles outages of ${down_s} s: back within $worst_ms ms each time, keyframe first, in sync"
