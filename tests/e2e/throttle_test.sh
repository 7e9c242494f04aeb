#!/usr/bin/env bash
# A stream on a link that falls to half its bitrate for 30 s (issue #5). The RTMP server runs in
# its own network namespace behind a veth pair whose sending side is shaped with `tc ... tbf`
# (this kernel has no netem); the test creates and removes the namespace and the link.
#
#   throttle_test.sh LIVEMACHINE PROBE dynamic   dynamic bitrate on: under 1 % of the frames
#                                                dropped, the bitrate follows the link down and
#                                                is back at the target within 10 s of recovery
#   throttle_test.sh LIVEMACHINE PROBE fixed     --no-dynamic-bitrate: frames are dropped by
#                                                priority, the stream still decodes, and not one
#                                                audio packet is lost
#
# With LM_THROTTLE_PLOT=FILE.svg it also draws the timeline (link, bitrate, queue, drops) there;
# docs/network/ holds the plots of a reference run.
source "$(dirname "$0")/lib.sh"
e2e_init "$1" "$2"
mode=${3:?dynamic or fixed}
# Without root, network namespaces or tbf this cannot run: say so and exit 77, which ctest
# reports as skipped (visible in its summary), rather than pass or fail on something untested.
skip() { echo "SKIP: $*" >&2; exit 77; }
[ "$(id -u)" = 0 ] || skip "needs root (network namespaces and tc)"
command -v tc >/dev/null || skip "no tc (iproute2)"

target_kbps=2500
audio_kbps=160
fast_kbit=20000
slow_kbit=$(((target_kbps + audio_kbps) / 2))  # half of what the stream needs
before_s=10
slow_s=30
after_s=20
total_s=$((before_s + slow_s + after_s))

ns=lmthr$$
veth=lmt$$
net=10.$((RANDOM % 200 + 20)).$((RANDOM % 250)).
host_ip=${net}1
server_ip=${net}2
cleanup_network() {
    ip link del "$veth-h" 2>/dev/null || true
    ip netns del "$ns" 2>/dev/null || true
}
e2e_cleanup_throttle() {
    local rc=$?
    # The server runs inside the namespace: stop it before the namespace goes.
    "$E2E_DIR/rtmp_server.sh" stop "$T/rtmp" 2>/dev/null || true
    cleanup_network
    SERVER_DIRS=()
    return $rc
}
trap 'e2e_cleanup_throttle; e2e_cleanup' EXIT

ip netns add "$ns" 2>/dev/null || skip "cannot create a network namespace here"
ip link add "$veth-h" type veth peer name "$veth-n" 2>/dev/null || skip "cannot create a veth pair here"
ip link set "$veth-n" netns "$ns"
ip addr add "$host_ip/30" dev "$veth-h"
ip link set "$veth-h" up
ip netns exec "$ns" ip addr add "$server_ip/30" dev "$veth-n"
ip netns exec "$ns" ip link set "$veth-n" up
ip netns exec "$ns" ip link set lo up
shape() {  # KBIT: what the link from the studio to the server carries
    tc qdisc replace dev "$veth-h" root tbf rate "${1}kbit" burst 32kb latency 100ms
}
shape "$fast_kbit" 2>/dev/null || skip "the kernel has no tbf queueing discipline"

port=$(RTMP_SERVER_ADDR=$server_ip ip netns exec "$ns" "$E2E_DIR/rtmp_server.sh" start "$T/rtmp")
key=$(new_key)
extra=()
[ "$mode" = fixed ] && extra=(--no-dynamic-bitrate)
# Queued media time at congestion 1 (every non-key frame shed): the status line's congestion
# times this is the queue (core/output_group.cpp).
shed_ms=3000
[ "$mode" = fixed ] && shed_ms=900
start_app_until_status_lines 1 --headless --stream "rtmp://$server_ip:$port/live/$key" \
    --video-bitrate "$target_kbps" --audio-bitrate "$audio_kbps" --duration "$total_s" \
    --stats-json "$T/stats.json" "${extra[@]}"

status_seconds() { grep -cE '^[0-9]{2}:[0-9]{2}:[0-9]{2} ' "$T/stdout" || true; }
wait_for_second() {  # N: until N status lines were printed
    while [ "$(status_seconds)" -lt "$1" ] && kill -0 "$APP_PID" 2>/dev/null; do sleep 0.1; done
}
wait_for_second "$before_s"
shape "$slow_kbit"
slow_from=$(status_seconds)
echo "link down to $slow_kbit kbit/s at ${slow_from} s"
wait_for_second $((slow_from + slow_s))
shape "$fast_kbit"
slow_until=$(status_seconds)
echo "link back to $fast_kbit kbit/s at ${slow_until} s"
rc=0
wait "$APP_PID" || rc=$?
APP_PID=
[ "$rc" = 0 ] || { show stderr "$T/stderr"; fail "livemachine exited with $rc, expected 0"; }

# The timeline, one row a second: time, link kbit/s, out kbps, video kbps, queue ms, dropped.
awk -v target="$target_kbps" -v slow_from="$slow_from" -v slow_until="$slow_until" -v shed_ms="$shed_ms" \
    -v fast="$fast_kbit" -v slow="$slow_kbit" '
    /^[0-9][0-9]:[0-9][0-9]:[0-9][0-9] / {
        split($1, hms, ":"); t = hms[1] * 3600 + hms[2] * 60 + hms[3]
        out = 0; dropped = 0; video = target; congestion = 0
        for (i = 1; i <= NF; i++) {
            if ($i == "out") out = $(i + 1)
            if ($i == "dropped") dropped = $(i + 1)
            if ($i == "congestion") { congestion = $(i + 1); sub(",", "", congestion) }
            if ($i == "video" && $(i + 2) == "kbps") video = $(i + 1)
        }
        n++
        link = (n > slow_from && n <= slow_until) ? slow : fast
        printf "%d %d %d %d %d %d\n", t, link, out, video, congestion * shed_ms, dropped
    }' "$T/stdout" >"$T/timeline.txt"
cat "$T/timeline.txt" | awk '{printf "t=%ss link=%s out=%s video=%s queue=%sms dropped=%s\n", $1, $2, $3, $4, $5, $6}' |
    sed -n "$((slow_from - 1)),$((slow_until + 12))p"

flat=$(stats_flat "$T/stats.json")
dropped=$(echo "$flat" | grep -o '"frames_dropped":[0-9]*' | head -n 1 | cut -d: -f2)
written=$(echo "$flat" | grep -o '"frames_written":[0-9]*' | head -n 1 | cut -d: -f2)
audio_dropped=$(echo "$flat" | grep -o '"audio_packets_dropped":[0-9]*' | head -n 1 | cut -d: -f2)
echo "frames written $written, dropped $dropped; audio packets dropped $audio_dropped"
[ "$audio_dropped" = 0 ] || fail "$audio_dropped audio packets were dropped: audio must never be"
RTMP_SERVER_ADDR=$server_ip "$E2E_DIR/rtmp_server.sh" stop "$T/rtmp"
file=$(recorded_flv rtmp "$key")

if [ -n "${LM_THROTTLE_PLOT:-}" ]; then
    bash "$E2E_DIR/plot_timeline.sh" "$T/timeline.txt" "$mode" "$shed_ms" >"$LM_THROTTLE_PLOT"
    echo "plot: $LM_THROTTLE_PLOT"
fi

if [ "$mode" = dynamic ]; then
    [ $((dropped * 100)) -lt $((written + dropped)) ] ||
        fail "dynamic bitrate dropped $dropped of $((written + dropped)) frames (limit 1 %)"
    lowest=$(awk -v a="$slow_from" -v b="$slow_until" 'NR > a && NR <= b {print $4}' "$T/timeline.txt" | sort -n | head -n 1)
    [ "$lowest" -lt $((slow_kbit - audio_kbps)) ] ||
        fail "the video bitrate never went below what the half link carries (lowest $lowest kbps)"
    back=$(awk -v b="$slow_until" -v target="$target_kbps" 'NR > b && $4 >= target {print NR - b; exit}' "$T/timeline.txt")
    [ -n "$back" ] || fail "the bitrate never came back to $target_kbps kbps after the link recovered"
    [ "$back" -le 10 ] || fail "the bitrate came back to $target_kbps kbps $back s after the link recovered (limit 10 s)"
    echo "ok: lowest video bitrate $lowest kbps on the half link; back to $target_kbps kbps $back s after it recovered; $dropped frames dropped"
    probe_ok "$file" --expect-audio aac:48000:2 --min-frames $(((total_s - 2) * 30)) \
        --min-sync-pairs $((total_s - 5)) --max-sync-offset-ms 33
else
    [ "$dropped" -gt 0 ] || fail "no frame was dropped on a link at half the bitrate"
    probe_ok "$file" --expect-audio aac:48000:2 --min-frames $((total_s * 30 / 3))
    gaps=$(probe_value "$file" audio.gaps)
    [ "$gaps" = 0 ] || fail "the received audio has $gaps gaps"
    echo "ok: $dropped frames dropped by priority, the stream decodes, audio without a gap"
fi
