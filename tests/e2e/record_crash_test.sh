#!/usr/bin/env bash
# A crash loses at most the last second or two of a recording: the studio records the default
# scene, gets kill -9 when its status line says 00:00:20, and the file it leaves must open in
# ffprobe and hold at least 18 s of video and audio that decode, in sync.
#   record_crash_test.sh LIVEMACHINE PROBE EXT     (EXT: mkv or mp4)
source "$(dirname "$0")/lib.sh"
e2e_init "$1" "$2"
ext=$3
file=$T/show.$ext
container=$(case $ext in mkv) echo matroska ;; mp4) echo mp4 ;; *) fail "unknown EXT $ext" ;; esac)
start_app_until_status_lines 1 --headless --record "$file"
# A deadline on the clock, not a count of polls: a poll's own cost varies with the load.
deadline=$((SECONDS + 40))
while [ "$SECONDS" -lt "$deadline" ]; do
    grep -q '^00:00:20 ' "$T/stdout" && break
    kill -0 "$APP_PID" 2>/dev/null || break
    sleep 0.05
done
grep -q '^00:00:20 ' "$T/stdout" || { show stdout "$T/stdout"; fail "no status line 00:00:20 within 40 s"; }
kill -KILL "$APP_PID"
wait "$APP_PID" 2>/dev/null || true
APP_PID=
# Shown for every run: on a busy machine missed (rendering lag) and skipped (encoding lag)
# frames are what makes the sync and frame checks below fail, not the crash.
echo "ok: kill -9 after status line $(grep -E '^00:00:20 ' "$T/stdout")"

# ffprobe, as a user would: the file opens and shows both streams.
streams=$(ffprobe -v error -show_entries stream=codec_type,codec_name -of csv=p=0 "$file" |
    sort | paste -sd' ') || fail "ffprobe cannot open $file after kill -9"
[ "$streams" = "aac,audio h264,video" ] || fail "ffprobe sees streams '$streams' in $file"
echo "ok: ffprobe opens it: $streams"

# At least 18 s (540 frames) of each stream, every packet decodes, flashes and beeps in sync.
probe_ok "$file" --expect-container "$container" --expect-video h264:1280x720@30 \
    --expect-audio aac:48000:2 --min-frames 540 --max-av-diff-ms 200 --min-sync-pairs 17 \
    --max-sync-offset-ms 33 --flash-spacing 30
video_s=$(probe_value "$file" video.duration_s)
audio_s=$(probe_value "$file" audio.duration_s)
awk -v v="$video_s" -v a="$audio_s" 'BEGIN { exit !(v >= 18 && a >= 18) }' ||
    fail "only ${video_s} s of video and ${audio_s} s of audio survived (expected >= 18 s each)"
echo "ok: after kill -9 at 20 s: ${video_s} s of video, ${audio_s} s of audio recovered"
