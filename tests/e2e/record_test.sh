#!/usr/bin/env bash
# Records the default scene into a file and checks the file plays: every frame decodes, H.264
# 1280x720@30, AAC 48 kHz stereo, A/V sync within 33 ms, durations within 100 ms.
#   record_test.sh LIVEMACHINE PROBE EXT [SECONDS]
# EXT is mkv, mp4 or flv; "none" records to a name without extension, which must get ".mkv".
source "$(dirname "$0")/lib.sh"
e2e_init "$1" "$2"
ext=$3
seconds=${4:-10}
default_checks "$seconds"
if [ "$ext" = none ]; then
    target=$T/show
    file=$T/show.mkv
    container=matroska
else
    target=$T/show.$ext
    file=$target
    container=$(case $ext in mkv) echo matroska ;; mp4) echo mp4 ;; flv) echo flv ;; esac)
fi
run_app 60 --headless --record "$target" --duration "$seconds" --stats-json "$T/stats.json"
expect_exit 0
[ "$ext" != none ] || [ ! -e "$target" ] || fail "--record $target wrote $target, not $file"
probe_ok "$file" "${CHECKS[@]}" --expect-container "$container"
expect_status_lines $((seconds - 2)) $((seconds + 2))
expect_outputs_finished "$T/stats.json" 1
