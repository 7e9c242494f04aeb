#!/usr/bin/env bash
# A media file looping through the whole chain: a 4 s clip with a white flash and a 1 kHz beep
# at every whole second (make_sync_clip.sh) is the only item of a scene; the studio records it
# for SECONDS while it loops, and the recording must keep picture and sound within one frame
# (33 ms) of each other at every flash, with flashes exactly 30 frames apart across the loops.
#   media_sync_test.sh LIVEMACHINE PROBE [SECONDS]
here=$(cd "$(dirname "$0")" && pwd)
source "$here/lib.sh"
e2e_init "$1" "$2"
seconds=${3:-60}
default_checks "$seconds"
bash "$here/make_sync_clip.sh" "$T/clip.mp4" 4
cat > "$T/media.json" <<JSON
{
  "format": "livemachine-scene-collection",
  "version": 1,
  "name": "Media sync",
  "sources": [
    {"name": "Clip", "type": "media_source", "settings": {"file": "$T/clip.mp4", "loop": true}}
  ],
  "scenes": [{"name": "Main", "items": [{"source": "Clip"}]}]
}
JSON
run_app $((seconds + 40)) --headless --collection "$T/media.json" --record "$T/show.mkv" \
    --duration "$seconds" --stats-json "$T/stats.json"
expect_exit 0
probe_ok "$T/show.mkv" "${CHECKS[@]}" --expect-container matroska
expect_outputs_finished "$T/stats.json" 1
