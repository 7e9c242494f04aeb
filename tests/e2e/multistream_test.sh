#!/usr/bin/env bash
# Multistream (issue #5): one encode to three nginx-rtmp servers and a recording; one server is
# killed mid-stream. The other two and the recording get every frame, complete and in sync,
# and drop nothing; the third destination reconnects on its own (its server stays away) and
# the stop stays clean.
#   multistream_test.sh LIVEMACHINE PROBE
source "$(dirname "$0")/lib.sh"
e2e_init "$1" "$2"
seconds=12
default_checks "$seconds"
declare -A port key
for name in a b c; do
    start_server "$name"
    port[$name]=$SERVER_PORT
    key[$name]=$(new_key)
done
url() { echo "rtmp://127.0.0.1:${port[$1]}/live/${key[$1]}"; }

start_app_until_status_lines 2 --headless --stream "$(url a)" --stream "$(url b)" \
    --stream "$(url c)" --record "$T/show.mkv" --duration "$seconds" --stats-json "$T/stats.json"
wait_for_status 00:00:04 10
# Server b dies (connections cut, as in a crash or a network loss) and stays away.
pid=$(cat "$T/b/nginx.master.pid")
kill -TERM "$pid"
for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.05; done
kill -0 "$pid" 2>/dev/null && fail "nginx $pid did not stop"
rm -f "$T/b/nginx.master.pid"
echo "server b killed at $(grep -cE '^[0-9]{2}:[0-9]{2}:[0-9]{2} ' "$T/stdout") s"

rc=0
wait "$APP_PID" || rc=$?
APP_PID=
# 3: a destination failed on the way (docs/command-line.md); b was still reconnecting.
[ "$rc" = 0 ] || [ "$rc" = 3 ] || { show stderr "$T/stderr"; fail "livemachine exited with $rc"; }
grep -q reconnecting "$T/stdout" ||
    { show stdout "$T/stdout"; fail "the status line never said the lost destination was reconnecting"; }
stop_server a
stop_server c

first=$(recorded_flv a "${key[a]}")
third=$(recorded_flv c "${key[c]}")
probe_ok "$first" "${CHECKS[@]}" --expect-container flv
probe_ok "$third" "${CHECKS[@]}" --expect-container flv
probe_ok "$T/show.mkv" "${CHECKS[@]}"
n_a=$(probe_value "$first" video.frames)
n_c=$(probe_value "$third" video.frames)
n_r=$(probe_value "$T/show.mkv" video.frames)
[ "$n_a" = "$n_c" ] && [ "$n_a" = "$n_r" ] ||
    fail "one encode, but a got $n_a frames, c $n_c and the recording $n_r"
n_b=$(probe_value "$(ls "$T"/b/record/"${key[b]}"-*.flv | head -n 1)" video.frames)
[ "$n_b" -lt "$n_a" ] || fail "the killed server got all $n_b frames: it was not killed mid-stream"

# Per output: a, c and the recording dropped nothing; b is the one that is not finished.
flat=$(stats_flat "$T/stats.json")
entries=$(grep -oE '\{[^{}]*"frames_dropped":[0-9]+[^{}]*\}' <<<"$flat")
outputs=$(grep -oE '"(state|frames_dropped)":("[a-z]+"|[0-9]+)' <<<"$entries" | paste -sd' ')
clean=$(grep '"state":"finished"' <<<"$entries" | grep -c '"frames_dropped":0[,}]' || true)
[ "$(wc -l <<<"$entries")" = 4 ] && [ "$clean" = 3 ] ||
    { cat "$T/stats.json" >&2; fail "expected 4 outputs, three finished with 0 dropped: $outputs"; }
echo "ok: a, c and the recording got all $n_a frames, 0 dropped; the killed server's got $n_b ($outputs)"
for name in a b c; do expect_no_secret "${key[$name]}" "$T/stdout" "$T/stderr" "$T/stats.json"; done
