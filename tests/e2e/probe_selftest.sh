#!/usr/bin/env bash
# The measuring tool is tested before it is trusted: lm_media_probe on clips made by the ffmpeg
# CLI (make_sync_clip.sh) must pass where the clip is right and fail where it is wrong.
#   probe_selftest.sh PROBE
source "$(dirname "$0")/lib.sh"
e2e_init - "$1"
default_checks 4
clip() { "$E2E_DIR/make_sync_clip.sh" "$@"; }

# In range: min <= value <= max (decimals allowed).
in_range() { awk -v v="$1" -v lo="$2" -v hi="$3" 'BEGIN { exit !(v >= lo && v <= hi) }'; }

# 1. A correct clip passes in every container, with the priming handled (offsets ~0 ms).
for ext in mkv mp4 flv; do
    clip "good.$ext" 4
    probe_ok "$T/good.$ext" "${CHECKS[@]}" --expect-container "$(
        case $ext in mkv) echo matroska ;; mp4) echo mp4 ;; flv) echo flv ;; esac)"
    offset=$(probe_value "good.$ext" sync.max_abs_offset_ms)
    in_range "$offset" 0 2 || fail "good.$ext: max offset $offset ms, expected ~0"
done
# FFmpeg writes the AAC priming into MP4 as an edit list: the probe must see it and start the
# audio at 0 like a player, not 21 ms early.
[ "$(probe_value good.mp4 audio.skip_samples_signalled)" = 1024 ] ||
    fail "good.mp4: the edit list's 1024 priming samples were not seen"
in_range "$(probe_value good.mp4 av_start_diff_ms)" -1 1 ||
    fail "good.mp4: audio does not start with the video once the priming is skipped"

# 2. Late and early audio are measured with the right sign and size, and fail the 33 ms check.
clip late.mkv 4 60
if "$PROBE" late.mkv "${CHECKS[@]}" >/dev/null 2>late.err; then
    fail "audio 60 ms late passed the sync check"
fi
grep -q "A/V offset" late.err || { cat late.err >&2; fail "late audio: wrong failure"; }
in_range "$(probe_value late.mkv sync.mean_offset_ms)" 57 63 ||
    fail "late audio measured at $(probe_value late.mkv sync.mean_offset_ms) ms, expected +60"
clip early.mp4 4 -45
"$PROBE" early.mp4 "${CHECKS[@]}" >/dev/null 2>&1 && fail "audio 45 ms early passed the sync check"
offsets=$(probe_value early.mp4 sync.offsets_ms)
grep -qE -- '-4[2-8]\.[0-9]' <<<"$offsets" || fail "early audio measured as $offsets, expected -45"
echo "ok: late audio +$(probe_value late.mkv sync.mean_offset_ms) ms, early audio $offsets"

# 3. A missing flash is caught (unpaired beep, broken spacing).
clip noflash.flv 4 0 60
"$PROBE" noflash.flv "${CHECKS[@]}" >/dev/null 2>noflash.err &&
    fail "a clip without its flash at frame 60 passed"
grep -q "beeps without a flash" noflash.err || { cat noflash.err >&2; fail "missing flash not named"; }
grep -q "expected every 30 frames" noflash.err || { cat noflash.err >&2; fail "spacing not checked"; }

# A flash that lasts two frames (a missed frame repeats the picture) is one flash, seen at its
# first frame; the repeat is counted.
clip long.mkv 4 0 -1 61
probe_ok "$T/long.mkv" "${CHECKS[@]}"
[ "$(probe_value long.mkv sync.repeated_flash_frames)" = 1 ] || fail "long.mkv: repeat not counted"

# 4. Frame counts are checked; a wrong expectation fails.
"$PROBE" good.mkv --expect-frames 300 >/dev/null 2>&1 && fail "120 frames passed as 300"
[ "$(probe_value good.mkv video.frames)" = 120 ] || fail "good.mkv: frame count is not 120"

# 5. An MP4 cut before its moov (what a crash leaves behind) cannot be read: exit 2.
head -c 300000 good.mp4 >cut.mp4
rc=0
"$PROBE" cut.mp4 >/dev/null 2>cut.err || rc=$?
[ "$rc" = 2 ] || fail "an MP4 without its moov gave exit $rc, expected 2"
# A damaged FLV (bytes overwritten in the middle) must not decode cleanly.
cp good.flv bad.flv
dd if=/dev/urandom of=bad.flv bs=1 seek=400000 count=20000 conv=notrunc status=none
"$PROBE" bad.flv "${CHECKS[@]}" >/dev/null 2>&1 && fail "a corrupted FLV passed"
echo "ok: the probe measures sync, frames and damage as expected"
