#!/usr/bin/env bash
# Pausing a recording: 20 s headless, SIGUSR2 at 7 s and at 12 s. The file holds 15 s (+-0.5)
# of picture and of sound, the paused time simply absent: timestamps that only go forward,
# no step longer than a frame, no gap in the sound, every flash/beep pair still within 33 ms.
#   record_pause_test.sh LIVEMACHINE PROBE [EXT]
source "$(dirname "$0")/lib.sh"
e2e_init "$1" "$2"
ext=${3:-mkv}
file=$T/show.$ext
start_app_until_status_lines 1 --headless --record "$file" --duration 20 \
    --stats-json "$T/stats.json"
wait_for_status 00:00:07 30
kill -USR2 "$APP_PID"
wait_for_status 00:00:12 30
kill -USR2 "$APP_PID"
wait_app_exit 30
expect_exit 0
grep -q '^recording paused$' "$T/stdout" || { show stdout "$T/stdout"; fail "no 'recording paused' line"; }
grep -q '^recording resumed$' "$T/stdout" || { show stdout "$T/stdout"; fail "no 'recording resumed' line"; }
paused_lines=$(grep -cE '^[0-9]{2}:[0-9]{2}:[0-9]{2} .*paused' "$T/stdout" || true)
[ "$paused_lines" -ge 3 ] || { show stdout "$T/stdout"; fail "$paused_lines status lines say paused, expected 3 or more"; }
echo "ok: $paused_lines status lines say paused"
probe_ok "$file" --expect-video h264:1280x720@30 --expect-audio aac:48000:2 \
    --max-av-diff-ms 100 --min-sync-pairs 12 --max-sync-offset-ms 33
expect_between "video duration (s)" "$(probe_value "$file" video.duration_s)" 14.5 15.5
expect_between "audio duration (s)" "$(probe_value "$file" audio.duration_s)" 14.5 15.5
expect_between "frames not after the previous one" "$(probe_value "$file" video.non_monotonic)" 0 0
expect_between "longest step between frames (s)" "$(probe_value "$file" video.max_step_s)" 0 0.034
expect_between "gaps in the sound" "$(probe_value "$file" audio.gaps)" 0 0
expect_outputs_finished "$T/stats.json" 1
