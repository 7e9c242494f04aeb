#!/usr/bin/env bash
# A recording split by time or size: each part starts at 0 on a keyframe and passes the probe's
# checks on its own, no frame is lost or repeated at a join (the parts' frames add up to what
# the output wrote), and the test pattern's flashes stay exactly 30 frames apart across joins.
#   record_split_test.sh LIVEMACHINE PROBE EXT time|size
source "$(dirname "$0")/lib.sh"
e2e_init "$1" "$2"
ext=$3
mode=$4
seconds=14
case $mode in
    time) split=(--record-split-time 4) ;;   # keyframes every 2 s: parts of 4, 4, 4 and 2 s
    size) split=(--record-split-size 1) ;;   # 2500 kbps: a part reaches 1 MB in ~3.3 s
    *) fail "unknown mode $mode" ;;
esac
run_app 60 --headless --record "$T/show.$ext" "${split[@]}" --duration "$seconds" \
    --stats-json "$T/stats.json"
expect_exit 0
[ ! -e "$T/show.$ext" ] || fail "a split recording also wrote show.$ext"
mapfile -t parts < <(ls "$T"/show-[0-9][0-9][0-9]."$ext")
[ "${#parts[@]}" -ge 3 ] || fail "${#parts[@]} parts (${parts[*]}), expected at least 3 in $seconds s"
[ "$(basename "${parts[0]}")" = "show-001.$ext" ] || fail "the first part is ${parts[0]}"

total=0
flashes=()
for part in "${parts[@]}"; do
    frames=$(probe_value "$part" video.frames)
    part_s=$((frames / 30))
    # Every part on its own: formats, every packet decodes, A/V within 100 ms, in sync.
    probe_ok "$part" --expect-video h264:1280x720@30 --expect-audio aac:48000:2 \
        --max-av-diff-ms 100 --min-sync-pairs $((part_s - 1)) --max-sync-offset-ms 33 \
        --flash-spacing 30
    first_pts=$(probe_value "$part" video.first_pts_s)
    # Within a frame of 0 (Matroska's first part shows 3 ms, from its 1 ms time base and the
    # AAC priming shift, as an unsplit recording does).
    awk -v p="$first_pts" 'BEGIN { exit !(p >= -0.001 && p < 1 / 30) }' ||
        fail "$(basename "$part") starts at $first_pts s, not 0"
    for f in $(probe_value "$part" sync.flash_frames | tr -d '[],' ); do
        flashes+=($((total + f)))
    done
    total=$((total + frames))
done
written=$(stats_flat "$T/stats.json" | grep -o '"frames_written":[0-9]*' | cut -d: -f2)
[ "$total" = "$written" ] ||
    fail "the parts hold $total frames together, the output wrote $written"
echo "ok: ${#parts[@]} parts, $total frames together = the $written the output wrote"
for ((k = 1; k < ${#flashes[@]}; k++)); do
    gap=$((flashes[k] - flashes[k - 1]))
    [ "$gap" = 30 ] || fail "flashes at frames ${flashes[k - 1]} and ${flashes[k]} of the whole" \
        "recording are $gap apart, expected 30 (frames lost or repeated at a join?)"
done
echo "ok: ${#flashes[@]} flashes, all 30 frames apart across the joins"
expect_outputs_finished "$T/stats.json" 1
