#!/usr/bin/env bash
# --version and --help exit 0 and say something useful; without --headless the app says the
# window is not built yet and exits 2 (docs/command-line.md).
#   cli_info_test.sh LIVEMACHINE PROBE version|help|no-headless
source "$(dirname "$0")/lib.sh"
e2e_init "$1" "$2"
case $3 in
    version)
        run_app 10 --version
        expect_exit 0
        grep -qiE 'live ?machine.*[0-9]+\.[0-9]+\.[0-9]+' "$T/stdout" ||
            { show stdout "$T/stdout"; fail "--version does not print the name and an x.y.z version"; }
        echo "ok: $(head -n 1 "$T/stdout")" ;;
    help)
        run_app 10 --help
        expect_exit 0
        for option in --headless --stream --record --record-split-time --record-split-size \
            --hls --duration --collection --video --video-bitrate --audio-bitrate --encoder \
            --encoder-fallback --preset --tune --keyint --reconnect-attempts --reconnect-delay \
            --reconnect-max-delay --no-dynamic-bitrate --follow-slowest --stats-json \
            --plugin-dir --list-encoders --monitor-device --list-monitor-devices --version --help; do
            grep -qE -- "$option([^-a-z]|$)" "$T/stdout" ||
                { show stdout "$T/stdout"; fail "--help does not mention $option"; }
        done
        echo "ok: --help lists every documented option ($(wc -l <"$T/stdout") lines)" ;;
    no-headless)
        # Without a display the window cannot open: one clear line, pointing to --headless.
        DISPLAY= WAYLAND_DISPLAY= QT_QPA_PLATFORM= run_app 10
        expect_exit 2
        [ "$(wc -l <"$T/stderr")" = 1 ] || { show stderr "$T/stderr"; fail "expected one line on stderr"; }
        if ! grep -qiE 'window|gui' "$T/stderr" || ! grep -qF -- --headless "$T/stderr"; then
            show stderr "$T/stderr"
            fail "the message should say the window cannot open and point to --headless"
        fi
        echo "ok: $(cat "$T/stderr")" ;;
    *) fail "unknown case '$3'" ;;
esac
