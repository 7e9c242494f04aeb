#!/usr/bin/env bash
# The shipped example collection (resources/collections/example.json, one source of every
# type) loads with every plugin and records: each source is instantiated, and those whose file
# or device is not on this machine say so by name and let the show go on.
#   example_collection_test.sh LIVEMACHINE PROBE
source "$(dirname "$0")/lib.sh"
e2e_init "$1" "$2"
example=$(dirname "$0")/../../resources/collections/example.json
run_app 60 --headless --collection "$example" --record "$T/example.mkv" --duration 3 \
    --stats-json "$T/stats.json"
expect_exit 0
probe_ok "$T/example.mkv" --expect-video h264:1280x720@30 --expect-frames 90 \
    --frames-tolerance-pct 5 --expect-audio aac:48000:2
expect_outputs_finished "$T/stats.json" 1
# No type is unknown to the plugins (a typo or a missing module would say "unknown").
if grep -qi "unknown" "$T/stderr"; then
    show stderr "$T/stderr"
    fail "the example names a type no plugin registers"
fi
# The missing picture file is reported with its name, as a creator would need to fix it.
grep -qF "/home/me/Pictures/logo.png" "$T/stderr" ||
    { show stderr "$T/stderr"; fail "the missing image file is not reported by name"; }
echo "ok: the example collection records with every plugin ($(wc -l <"$T/stderr") source problems reported)"
