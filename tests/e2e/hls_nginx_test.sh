#!/usr/bin/env bash
# Self-hosting through nginx: the headless studio streams RTMP into packaging/hls/nginx.conf
# (real nginx + libnginx-mod-rtmp), which cuts HLS; headless Chromium loads the packaged player
# page (hls.js) from that nginx and plays: currentTime advances by 6 s, 1280x720, no error. A
# wrong key is refused, the key is in no file name, URL or log, and every listed segment decodes.
#   hls_nginx_test.sh LIVEMACHINE PROBE
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/hls_lib.sh"
e2e_init "$1" "$2"
hls_npm_ready
key=$(new_key)
start_hls_nginx web "$key"
playlist=$HLS_WWW/hls/stream.m3u8

# Only the key may publish.
if ffmpeg -nostdin -loglevel quiet -f lavfi -i testsrc2=size=320x240:rate=30 -t 1 \
    -c:v libx264 -f flv "rtmp://127.0.0.1:$HLS_RTMP_PORT/live/wrong-key" 2>/dev/null; then
    fail "nginx accepted a publish with a wrong stream key"
fi
sleep 1
[ ! -e "$playlist" ] || fail "a publish with a wrong key produced $playlist"
echo "ok: a wrong stream key is refused"

start_app_background --headless --stream "rtmp://127.0.0.1:$HLS_RTMP_PORT/live/$key" \
    --duration 24 --stats-json "$T/stats.json"
wait_for_playlist "$playlist" 3 20
play_in_chromium "http://127.0.0.1:$HLS_HTTP_PORT/" 6
wait "$APP_PID" && APP_RC=0 || APP_RC=$?
APP_PID=
expect_exit 0
expect_outputs_finished "$T/stats.json" 1

# Every segment still listed decodes: H.264 1280x720, AAC 48 kHz stereo, ~2 s each. Not with
# lm_media_probe: nginx-rtmp puts the SPS it inserts after x264's buffering-period SEI, which
# FFmpeg reports once per segment (harmless: the SPS follows at once); any other error fails.
segments=$(grep -v '^#' "$playlist")
[ "$(echo "$segments" | wc -l)" -ge 3 ] || { show playlist "$playlist"; fail "the final playlist lists fewer than 3 segments"; }
last=$(tail -n 1 <<<"$segments")
for segment in $segments; do
    file=$HLS_WWW/hls/$segment
    frames='(4[5-9]|[5-9][0-9])'  # ~2 s; the last one ends with the stream, at any length
    [ "$segment" != "$last" ] || frames='[1-9][0-9]*'
    streams=$(ffprobe -v error -count_frames -show_entries \
        stream=codec_name,width,height,sample_rate,channels,nb_read_frames -of csv=p=0 "$file" 2>/dev/null |
        sort -u)
    if ! grep -qE "^h264,1280,720,$frames\$" <<<"$streams" ||
        ! grep -qE '^aac,48000,2,[1-9][0-9]*$' <<<"$streams"; then
        fail "$segment: expected H.264 1280x720 (frames: $frames) and AAC 48000 Hz stereo, got: $(tr '\n' ' ' <<<"$streams")"
    fi
    errors=$(ffmpeg -nostdin -v error -i "$file" -f null - 2>&1 |
        grep -vE 'non-existing SPS 0 referenced in buffering period|Last message repeated' || true)
    [ -z "$errors" ] || fail "$segment does not decode cleanly: $errors"
    echo "ok: $segment: $(tr '\n' ' ' <<<"$streams")(codec, size or rate, frames)"
done
stop_server web
for file in "$HLS_WWW"/hls/*; do
    [[ $file != *"$key"* ]] || fail "a file in the web folder is named after the stream key: $file"
done
expect_no_secret "$key" "$T/stdout" "$T/stderr" "$T/stats.json" "$T/player.json" \
    "$playlist" "$T/web/logs/livemachine-access.log" "$T/web/logs/livemachine-error.log"
