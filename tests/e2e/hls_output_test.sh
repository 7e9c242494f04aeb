#!/usr/bin/env bash
# Self-hosting without a media server: `livemachine --hls DIR` writes the playlist and segments
# into the folder the packaged nginx configuration serves; headless Chromium loads the player
# page from it and plays (currentTime advances by 6 s, 1280x720, no error). The finished
# playlist is closed, lists 2 s segments that exist (older ones deleted), and plays back through
# FFmpeg's HLS demuxer with picture and sound in sync.
#   hls_output_test.sh LIVEMACHINE PROBE
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/hls_lib.sh"
e2e_init "$1" "$2"
hls_npm_ready
start_hls_nginx web "$(new_key)"
playlist=$HLS_WWW/hls/stream.m3u8

start_app_background --headless --hls "$HLS_WWW/hls" --duration 24 --stats-json "$T/stats.json"
wait_for_playlist "$playlist" 3 20
play_in_chromium "http://127.0.0.1:$HLS_HTTP_PORT/" 6
wait "$APP_PID" && APP_RC=0 || APP_RC=$?
APP_PID=
expect_exit 0
expect_outputs_finished "$T/stats.json" 1

for tag in '#EXT-X-TARGETDURATION:2' '#EXT-X-ENDLIST' '#EXT-X-PROGRAM-DATE-TIME:'; do
    grep -qF "$tag" "$playlist" || { show playlist "$playlist"; fail "the playlist has no $tag"; }
done
listed=$(grep -c '^stream-[0-9]*\.ts$' "$playlist")
[ "$listed" = 6 ] || { show playlist "$playlist"; fail "the playlist lists $listed segments, expected 6"; }
for segment in $(grep -v '^#' "$playlist"); do
    [ -s "$HLS_WWW/hls/$segment" ] || fail "listed segment $segment is missing"
done
on_disk=$(find "$HLS_WWW/hls" -name '*.ts' | wc -l)
[ "$on_disk" -le $((listed + 1)) ] || fail "$on_disk segments on disk for $listed listed: old ones were not deleted"
if grep '^#EXTINF:' "$playlist" | head -n -1 | grep -vqE '^#EXTINF:(1\.9[0-9]*|2\.0[0-9]*|2),'; then
    show playlist "$playlist"
    fail "a segment other than the last is not 2 s long"
fi
echo "ok: playlist closed, $listed segments of 2 s listed, $on_disk on disk"

# The last 12 s as a player gets them: 360 frames, in sync (flash/beep each second).
probe_ok "$playlist" --expect-container hls --expect-video h264:1280x720@30 \
    --expect-audio aac:48000:2 --min-frames 330 --max-av-diff-ms 100 --min-sync-pairs 10 \
    --max-sync-offset-ms 33 --flash-spacing 30
