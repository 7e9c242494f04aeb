#!/usr/bin/env bash
# Choosing the video encoder (docs/command-line.md, docs/encoders.md): --list-encoders tells
# the truth about this machine, an encoder that cannot run here stops the start with one line
# naming the reason, and --encoder-fallback streams with x264 instead, saying why.
#   encoder_choice_test.sh LIVEMACHINE PROBE list|unknown|unavailable|fallback
source "$(dirname "$0")/lib.sh"
e2e_init "$1" "$2"

# The nvenc line of --list-encoders ("nvenc  NVENC (...): available" or ": unavailable: WHY").
nvenc_line() {
    run_app 20 --list-encoders
    expect_exit 0
    grep -E '^nvenc ' "$T/stdout" || { show stdout "$T/stdout"; fail "--list-encoders has no nvenc line"; }
}
# The reason nvenc cannot run here; exits the test (passing) when it can, as then the
# failure cases cannot happen on this machine.
nvenc_reason_or_skip() {
    local line
    line=$(nvenc_line)
    if ! grep -q ': unavailable: ' <<<"$line"; then
        echo "skip: NVENC is available on this machine ($line)"
        exit 0
    fi
    sed 's/.*: unavailable: //' <<<"$line"
}
one_error_line() {
    if [ "$(wc -l <"$T/stderr")" != 1 ] || ! grep -q '^livemachine: ' "$T/stderr"; then
        show stderr "$T/stderr"
        fail "expected exactly one line on stderr, starting with 'livemachine: '"
    fi
}

case $3 in
    list)
        run_app 20 --list-encoders
        expect_exit 0
        grep -qE '^x264 +x264 .*: available$' "$T/stdout" ||
            { show stdout "$T/stdout"; fail "x264 is not listed as available"; }
        grep -qE '^nvenc +NVENC .*: (available|unavailable: .+)$' "$T/stdout" ||
            { show stdout "$T/stdout"; fail "nvenc is not listed with its availability"; }
        # Without the driver's library the reason must say exactly that (what this machine
        # can check by itself; the other reasons need other machines).
        if ! /sbin/ldconfig -p | grep -q 'libcuda\.so\.1 '; then
            grep -qxE 'nvenc +.*: unavailable: no NVIDIA driver \(libcuda\.so\.1 not found\)' \
                "$T/stdout" || { show stdout "$T/stdout"; fail "nvenc should say the driver is missing"; }
        fi
        echo "ok: $(paste -sd'|' "$T/stdout")" ;;
    unknown)
        run_app 20 --headless --encoder bogus --record "$T/x.mkv" --duration 2
        expect_exit 2
        one_error_line
        grep -qF "'bogus'" "$T/stderr" && grep -qF x264 "$T/stderr" ||
            { show stderr "$T/stderr"; fail "the line should name 'bogus' and the encoders there are"; }
        echo "ok: $(cat "$T/stderr")" ;;
    unavailable)
        reason=$(nvenc_reason_or_skip)
        run_app 30 --headless --encoder nvenc --record "$T/x.mkv" --duration 2
        expect_exit 1
        one_error_line
        grep -qF -- "--encoder nvenc" "$T/stderr" && grep -qF -- "$reason" "$T/stderr" ||
            { show stderr "$T/stderr"; fail "the line should name --encoder nvenc and why: $reason"; }
        [ ! -e "$T/x.mkv" ] || fail "nothing should have been recorded"
        echo "ok: $(cat "$T/stderr")" ;;
    fallback)
        reason=$(nvenc_reason_or_skip)
        seconds=4
        default_checks "$seconds"
        run_app 60 --headless --encoder nvenc --encoder-fallback --record "$T/show.mkv" \
            --duration "$seconds" --video-bitrate 2000 --stats-json "$T/stats.json"
        expect_exit 0
        grep -F -- "$reason" "$T/stderr" | grep -F nvenc | grep -qF x264 ||
            { show stderr "$T/stderr"; fail "stderr should say nvenc could not open, why, and that x264 is used"; }
        probe_ok "$T/show.mkv" "${CHECKS[@]}" --expect-container matroska
        expect_outputs_finished "$T/stats.json" 1
        echo "ok: $(grep nvenc "$T/stderr")" ;;
    *) fail "unknown case '$3'" ;;
esac
