#!/usr/bin/env bash
# Bad input gets exactly what docs/command-line.md promises: one line on stderr, starting with
# "livemachine: " and naming the culprit, the documented exit code (2: bad command line,
# 1: could not start), no crash and no hang.
#   bad_input_test.sh LIVEMACHINE PROBE CASE      (CASE: see the list below)
source "$(dirname "$0")/lib.sh"
e2e_init "$1" "$2"
case_name=$3
out=(--record "$T/show.mkv" --duration 2)  # a valid output, so only the culprit is wrong
secret=
case $case_name in
    unknown-flag) code=2 culprit=--bogus-flag args=(--headless --bogus-flag "${out[@]}") ;;
    url-http) code=2 culprit=http://x args=(--headless --stream http://x --duration 2) ;;
    url-empty) code=2 culprit=rtmp:// args=(--headless --stream rtmp:// --duration 2) ;;
    url-no-key) code=2 culprit=rtmp://host args=(--headless --stream rtmp://host --duration 2) ;;
    closed-port)
        port=$(closed_port)
        secret=$(new_key)
        code=1 culprit=127.0.0.1:$port
        args=(--headless --stream "rtmp://127.0.0.1:$port/live/$secret" --duration 2) ;;
    record-proc) code=1 culprit=/proc/x.mkv args=(--headless --record /proc/x.mkv --duration 2) ;;
    record-no-dir)
        code=1 culprit=$T/no-such-dir/x.mkv
        args=(--headless --record "$T/no-such-dir/x.mkv" --duration 2) ;;
    hls-no-dir)
        code=1 culprit=$T/no-such-dir
        args=(--headless --hls "$T/no-such-dir" --duration 2) ;;
    collection-missing)
        code=1 culprit=$T/missing.json
        args=(--headless --collection "$T/missing.json" "${out[@]}") ;;
    collection-malformed)
        # The second comma on line 4 is at column 21 (1-based).
        printf '{\n  "version": 1,\n  "scenes": [\n    {"name": "Main",, "items": []}\n  ]\n}\n' \
            >"$T/bad.json"
        code=1 culprit=bad.json:4:21
        args=(--headless --collection "$T/bad.json" "${out[@]}") ;;
    video-0x0) code=2 culprit=0x0@30 args=(--headless --video 0x0@30 "${out[@]}") ;;
    video-odd) code=2 culprit=1281x720@30 args=(--headless --video 1281x720@30 "${out[@]}") ;;
    video-fps0) code=2 culprit=1280x720@0 args=(--headless --video 1280x720@0 "${out[@]}") ;;
    video-fps1000) code=2 culprit=1280x720@1000 args=(--headless --video 1280x720@1000 "${out[@]}") ;;
    video-bitrate0) code=2 culprit=--video-bitrate args=(--headless --video-bitrate 0 "${out[@]}") ;;
    no-output) code=2 culprit=--stream args=(--headless --duration 2) ;;
    stream-bitrate-first)
        code=2 culprit=--stream-bitrate args=(--headless --stream-bitrate 800 "${out[@]}") ;;
    *) fail "unknown case '$case_name'" ;;
esac
run_app 30 "${args[@]}"
expect_exit "$code"
lines=$(wc -l <"$T/stderr")
if [ "$lines" != 1 ] || [ -z "$(tr -d '[:space:]' <"$T/stderr")" ]; then
    show stderr "$T/stderr"
    fail "$lines lines on stderr, expected exactly one error line"
fi
grep -q '^livemachine: ' "$T/stderr" || { show stderr "$T/stderr"; fail "the error line does not start with 'livemachine: '"; }
grep -qF -- "$culprit" "$T/stderr" || { show stderr "$T/stderr"; fail "the error line does not name '$culprit'"; }
[ -z "$secret" ] || expect_no_secret "$secret" "$T/stdout" "$T/stderr"
for f in "$T"/core*; do
    [ -e "$f" ] && fail "a core file was left: $f"
done
echo "ok: exit $code: $(cat "$T/stderr")"
