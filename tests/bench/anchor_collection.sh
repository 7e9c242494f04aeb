#!/usr/bin/env bash
# Writes a scene collection that composes the same picture as ../shared/bench's anchors (ffmpeg
# and OBS): a colour full frame, the looping 10 s clip at half size at (320,43), the RGBA
# overlay PNG full frame, and a white title at (40,30); the audio is the clip's 440 Hz sine.
# So stream_bench.sh --scene anchor measures Live Machine on the same job as the others.
#
#   tests/bench/anchor_collection.sh ASSETS_DIR OUT.json
set -euo pipefail
ASSETS=$(cd "$1" && pwd)
OUT=$2
[ -s "$ASSETS/clip.mp4" ] && [ -s "$ASSETS/overlay.png" ] ||
  { echo "anchor_collection.sh: $ASSETS lacks clip.mp4 or overlay.png (run ../shared/bench/make_assets.sh)" >&2; exit 1; }
cat > "$OUT" <<JSON
{
  "format": "livemachine-scene-collection",
  "version": 1,
  "name": "Benchmark anchor scene",
  "sources": [
    {"name": "Background", "type": "color_source",
     "settings": {"color": $((0xFF203040)), "width": 1280, "height": 720}},
    {"name": "Clip", "type": "media_source",
     "settings": {"file": "$ASSETS/clip.mp4", "loop": true}},
    {"name": "Overlay", "type": "image_source", "settings": {"file": "$ASSETS/overlay.png"}},
    {"name": "Title", "type": "text_source",
     "settings": {"text": "Live studio benchmark - Live Machine", "size": 48,
                  "color": $((0xFFFFFFFF)), "outline": true, "outline_width": 1}}
  ],
  "scenes": [
    {"name": "Benchmark", "items": [
      {"source": "Background"},
      {"source": "Clip", "position": [320, 43], "bounds": {"type": "scale_inner", "size": [640, 360]}},
      {"source": "Overlay"},
      {"source": "Title", "position": [40, 30]}
    ]}
  ],
  "current_scene": "Benchmark"
}
JSON
