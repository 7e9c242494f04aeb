#!/usr/bin/env bash
# Makes a clip that imitates the default scene's sync marker, for testing lm_media_probe:
# testsrc2 1280x720@30 with a full-frame white frame at every whole second, and a 1 kHz beep at
# -6 dBFS (amplitude 0.5) lasting 100 ms at every whole second, silence otherwise.
#
#   make_sync_clip.sh OUT SECONDS [AUDIO_SHIFT_MS [NO_FLASH_FRAME [EXTRA_WHITE_FRAME]]]
#
# AUDIO_SHIFT_MS > 0 makes the beeps late (< 0 early); NO_FLASH_FRAME leaves out one flash;
# EXTRA_WHITE_FRAME makes one more frame white (a flash that lasts two frames, say).
# The container follows OUT's extension; the encoders are libx264 and FFmpeg's aac.
set -euo pipefail
out=$1
seconds=$2
shift_s=$(awk -v ms="${3:-0}" 'BEGIN { printf "%.4f", ms / 1000 }')
skip=${4:--1}
extra=${5:--1}
flash="eq(mod(n\\,30)\\,0)*not(eq(n\\,$skip))+eq(n\\,$extra)"
beep="0.5*sin(2*PI*1000*t)*lt(mod(t-($shift_s)\\,1)\\,0.1)*gte(t\\,$shift_s)"
ffmpeg -v error -nostdin -y \
    -f lavfi -i "testsrc2=size=1280x720:rate=30,drawbox=x=0:y=0:w=iw:h=ih:color=white:t=fill:enable='$flash'" \
    -f lavfi -i "aevalsrc=exprs='$beep':c=stereo:s=48000" \
    -t "$seconds" -c:v libx264 -preset ultrafast -b:v 2500k -g 60 -pix_fmt yuv420p \
    -c:a aac -b:a 160k "$out"
