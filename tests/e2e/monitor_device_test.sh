#!/usr/bin/env bash
# --monitor-device: the headless studio plays an item set to "monitor_only" on the output named
# on the command line, of a private PulseAudio server with two null outputs, and not on the
# default one; the recording leaves the item out; --list-monitor-devices lists the outputs.
#   monitor_device_test.sh LIVEMACHINE PROBE
source "$(dirname "$0")/lib.sh"
e2e_init "$1" "$2"

# The private sound server (this test's own, reached through PULSE_SERVER only).
mkdir -m 700 "$T/xdg"
export XDG_RUNTIME_DIR="$T/xdg" PULSE_SERVER="unix:$T/native"
cat >"$T/default.pa" <<PA
load-module module-native-protocol-unix auth-anonymous=1 socket=$T/native
load-module module-null-sink sink_name=speakers rate=48000 channels=2
load-module module-null-sink sink_name=headphones rate=48000 channels=2
set-default-sink speakers
PA
pulseaudio -n -F "$T/default.pa" --exit-idle-time=-1 --daemonize=no --use-pid-file=no \
    --disallow-exit --log-target="file:$T/pulse.log" &
PULSE_PID=$!
CAPTURES=()
stop_sound() {
    local rc=$?
    kill "${CAPTURES[@]}" "$PULSE_PID" 2>/dev/null || true
    wait "${CAPTURES[@]}" "$PULSE_PID" 2>/dev/null || true
    (exit "$rc")
    e2e_cleanup
}
trap stop_sound EXIT
for _ in $(seq 100); do pactl info >/dev/null 2>&1 && break; sleep 0.1; done
pactl info >/dev/null 2>&1 || { show log "$T/pulse.log"; fail "the test PulseAudio server did not start"; }

run_app 20 --list-monitor-devices
expect_exit 0
[ "$(head -n 1 "$T/stdout" | awk '{print $1}')" = default ] ||
    { show stdout "$T/stdout"; fail "--list-monitor-devices does not list 'default' first"; }
grep -q '^headphones ' "$T/stdout" ||
    { show stdout "$T/stdout"; fail "--list-monitor-devices does not list the 'headphones' output"; }
echo "ok: --list-monitor-devices: $(tr '\n' ';' <"$T/stdout")"

cat >"$T/show.json" <<JSON
{"format": "livemachine-scene-collection", "version": 1, "name": "Monitoring",
 "sources": [{"name": "Tone", "type": "tone_source",
              "settings": {"frequency_hz": 440, "level_dbfs": -12}}],
 "scenes": [{"name": "Main", "items": [{"source": "Tone", "monitoring": "monitor_only"}]}],
 "current_scene": "Main"}
JSON
# Both outputs' monitors are captured while the studio runs; 20 ms reads, so a null output
# does not idle in 2 s blocks.
for sink in speakers headphones; do
    parec -d "$sink.monitor" --format=s16le --rate=48000 --channels=2 --latency-msec=20 \
        --raw >"$T/$sink.raw" &
    CAPTURES+=($!)
done
run_app 30 --headless --collection "$T/show.json" --monitor-device headphones \
    --record "$T/show.mkv" --duration 6
expect_exit 0
kill "${CAPTURES[@]}"
wait "${CAPTURES[@]}" 2>/dev/null || true
CAPTURES=()

volume() {  # FILE ffmpeg-input-options...: "mean max" in dB of the middle seconds
    local file=$1
    shift
    ffmpeg -nostdin -hide_banner "$@" -ss 2 -t 3 -i "$file" -af volumedetect -f null - 2>&1 |
        awk '/mean_volume/ {m = $(NF - 1)} /max_volume/ {x = $(NF - 1)} END {print m, x}'
}
read -r heard_mean heard_max < <(volume "$T/headphones.raw" -f s16le -ar 48000 -ac 2)
read -r _ speakers_max < <(volume "$T/speakers.raw" -f s16le -ar 48000 -ac 2)
read -r _ recorded_max < <(volume "$T/show.mkv")
echo "headphones: mean ${heard_mean} dB, max ${heard_max} dB; speakers: max ${speakers_max} dB; recording: max ${recorded_max} dB"
# A -12 dBFS sine has an RMS of -15 dB.
awk -v m="$heard_mean" 'BEGIN { exit !(m > -17 && m < -13) }' ||
    { show stderr "$T/stderr"; fail "the monitored tone is not on 'headphones' at about -15 dB RMS (got ${heard_mean:-nothing})"; }
awk -v x="$speakers_max" 'BEGIN { exit !(x == "" || x < -60) }' ||
    fail "the default output 'speakers' plays the monitor too (max ${speakers_max} dB)"
awk -v x="$recorded_max" 'BEGIN { exit !(x < -60) }' ||
    fail "a monitor-only item is in the recording (max ${recorded_max} dB)"
echo "ok: the tone is heard on --monitor-device headphones only, and left out of the recording"
