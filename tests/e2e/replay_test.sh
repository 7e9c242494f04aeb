#!/usr/bin/env bash
# The replay buffer: 25 s headless with --replay-buffer 10, SIGUSR1 at 15 s and at 22 s. Two
# files, each H.264 1280x720@30 + AAC that plays from a keyframe at 0, at least 10 s and less
# than 10 s + the keyframe interval (2 s) long, picture and sound in sync; exit code 0.
#   replay_test.sh LIVEMACHINE PROBE [EXT]
source "$(dirname "$0")/lib.sh"
e2e_init "$1" "$2"
ext=${3:-mkv}
mkdir "$T/replays"
format=()
[ "$ext" = mkv ] || format=(--replay-format "$ext")
start_app_until_status_lines 1 --headless --replay-buffer 10 --replay-folder "$T/replays" \
    "${format[@]}" --duration 25 --stats-json "$T/stats.json"
wait_for_status 00:00:15 30
kill -USR1 "$APP_PID"
wait_for_status 00:00:22 30
kill -USR1 "$APP_PID"
wait_app_exit 30
expect_exit 0
mapfile -t files < <(ls "$T"/replays/replay-*."$ext" 2>/dev/null)
[ "${#files[@]}" = 2 ] || { show stdout "$T/stdout"; show stderr "$T/stderr"; fail "${#files[@]} replay files (${files[*]}), expected 2"; }
saved=$(grep -c '^replay saved: ' "$T/stdout" || true)
[ "$saved" = 2 ] || { show stdout "$T/stdout"; fail "$saved 'replay saved' lines, expected 2"; }
grep '^replay saved: ' "$T/stdout"
while read -r _ _ path _; do
    [ -s "$path" ] || fail "'replay saved: $path' but the file is not there"
done < <(grep '^replay saved: ' "$T/stdout")
for file in "${files[@]}"; do
    probe_ok "$file" --expect-video h264:1280x720@30 --expect-audio aac:48000:2 \
        --max-av-diff-ms 100 --min-sync-pairs 9 --max-sync-offset-ms 33 --flash-spacing 30
    [ "$(probe_value "$file" video.first_packet_keyframe)" = true ] ||
        fail "$(basename "$file") does not start with a keyframe"
    expect_between "$(basename "$file") video duration (s)" \
        "$(probe_value "$file" video.duration_s)" 10 12
    expect_between "$(basename "$file") first picture (s)" \
        "$(probe_value "$file" video.first_pts_s)" -0.001 0.033
done
n=$(stats_flat "$T/stats.json" | grep -o '"saved":[0-9]*' | cut -d: -f2)
[ "$n" = 2 ] || { cat "$T/stats.json" >&2; fail "stats JSON: saved $n, expected 2"; }
expect_outputs_finished "$T/stats.json" 1
