# Shared helpers of the end-to-end tests; sourced by every *_test.sh here.
#
# A test script calls `e2e_init LIVEMACHINE PROBE` first: it gets a private temp dir $T (removed
# at exit unless LM_E2E_KEEP=1), and an EXIT trap that stops the app and the RTMP server it
# started. Failures go through `fail`, which prints one clear line and the evidence.
set -euo pipefail

E2E_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

# Sets CHECKS to what every recording of SECONDS of the default scene must pass (see
# media_probe.cpp): H.264 1280x720@30 with SECONDS*30 frames +-2 %, AAC 48 kHz stereo, audio
# and video durations within 100 ms, a flash/beep pair for all but one second, all within 33 ms.
default_checks() {  # SECONDS
    # shellcheck disable=SC2034  # used by the test scripts
    CHECKS=(--expect-video h264:1280x720@30 --expect-frames $(($1 * 30))
        --frames-tolerance-pct 2 --expect-audio aac:48000:2 --max-av-diff-ms 100
        --min-sync-pairs $(($1 - 1)) --max-sync-offset-ms 33 --flash-spacing 30)
}

e2e_init() {  # LIVEMACHINE PROBE  (LIVEMACHINE "-" for the tests of the tools themselves)
    LM=$1
    PROBE=$2
    [ "$LM" = - ] || LM=$(realpath -- "$LM")
    PROBE=$(realpath -- "$PROBE")
    [ "$LM" = - ] || [ -x "$LM" ] ||
        { echo "FAIL: livemachine binary '$LM' is not executable" >&2; exit 1; }
    [ -x "$PROBE" ] || { echo "FAIL: probe '$PROBE' is not executable" >&2; exit 1; }
    T=$(mktemp -d "${TMPDIR:-/tmp}/lm-e2e.XXXXXX")
    APP_PID=
    RELAY_PID=
    SERVER_DIRS=()
    trap e2e_cleanup EXIT
    # A ctest timeout or Ctrl-C must still stop the server and the app (via the EXIT trap).
    trap 'exit 143' TERM HUP
    trap 'exit 130' INT
    # Run where a stray core file or relative path would land in $T, not in the source tree.
    cd "$T"
}

e2e_cleanup() {
    local rc=$?
    if [ -n "${APP_PID:-}" ] && kill -0 "$APP_PID" 2>/dev/null; then
        kill -KILL "$APP_PID" 2>/dev/null || true
        wait "$APP_PID" 2>/dev/null || true
    fi
    if [ -n "${RELAY_PID:-}" ] && kill -0 "$RELAY_PID" 2>/dev/null; then
        kill -TERM "$RELAY_PID" 2>/dev/null || true
        wait "$RELAY_PID" 2>/dev/null || true
    fi
    local dir
    for dir in "${SERVER_DIRS[@]}"; do
        "$E2E_DIR/rtmp_server.sh" stop "$dir" || true
    done
    if [ "${LM_E2E_KEEP:-0}" = 1 ]; then
        echo "(files of this run kept in $T)" >&2
    else
        rm -rf "$T"
        [ "$rc" = 0 ] || echo "(run again with LM_E2E_KEEP=1 to keep the files of the run)" >&2
    fi
    return "$rc"
}

fail() {
    echo "FAIL: $*" >&2
    exit 1
}

show() {  # LABEL FILE: prints a file (shortened) as evidence for a failure
    echo "---- $1 ($2):" >&2
    tail -n 40 "$2" >&2 2>/dev/null || true
}

# Starts an nginx-rtmp server in $T/NAME; sets SERVER_PORT and remembers it for cleanup.
start_server() {  # NAME
    local dir=$T/$1
    # shellcheck disable=SC2034  # used by the test scripts
    SERVER_PORT=$("$E2E_DIR/rtmp_server.sh" start "$dir")
    SERVER_DIRS+=("$dir")
}

# The same with an RTMPS front (TLS terminated by nginx): sets SERVER_PORT and TLS_PORT.
start_tls_server() {  # NAME
    local dir=$T/$1
    SERVER_PORT=$(RTMP_SERVER_TLS=1 "$E2E_DIR/rtmp_server.sh" start "$dir")
    SERVER_DIRS+=("$dir")
    # shellcheck disable=SC2034  # used by the test scripts
    TLS_PORT=$(cat "$dir/tls_port")
}

# Starts lm_tcp_relay (tcp_relay.cpp) in front of the loopback port TARGET_PORT; sets
# RELAY_PORT. Its commands go through a FIFO (relay_command); its log is $T/relay.log.
start_relay() {  # RELAY_BINARY TARGET_PORT [RELAY OPTIONS...]
    local relay=$1 target=$2
    shift 2
    rm -f "$T/relay.ctl"
    mkfifo "$T/relay.ctl"
    "$relay" --to "127.0.0.1:$target" "$@" <"$T/relay.ctl" >"$T/relay.port" 2>"$T/relay.log" &
    RELAY_PID=$!
    # Held open for the test's life: the relay reads commands until it sees the end of it.
    exec {RELAY_CTL}>"$T/relay.ctl"
    for _ in $(seq 1 100); do
        [ -s "$T/relay.port" ] && break
        kill -0 "$RELAY_PID" 2>/dev/null || break
        sleep 0.05
    done
    # shellcheck disable=SC2034  # used by the test scripts
    RELAY_PORT=$(head -n 1 "$T/relay.port" 2>/dev/null || true)
    [ -n "$RELAY_PORT" ] || { show "relay log" "$T/relay.log"; fail "lm_tcp_relay did not start"; }
}

relay_command() {  # COMMAND...: "stall SECONDS", "delay MS", "rate KBIT" (see tcp_relay.cpp)
    echo "$*" >&"$RELAY_CTL"
}

# After the app has stopped: waits (at most 10 s) until the relay has passed on everything it
# held and every connection through it closed, then ends it.
stop_relay() {
    local opened closed
    for _ in $(seq 1 200); do
        opened=$(grep -c ' opened$' "$T/relay.log" || true)
        closed=$(grep -c ' closed$' "$T/relay.log" || true)
        [ "$closed" -ge "$opened" ] && break
        sleep 0.05
    done
    relay_command quit
    wait "$RELAY_PID" 2>/dev/null || true
    RELAY_PID=
}

stop_server() {  # NAME: waits until nginx has closed its recordings
    "$E2E_DIR/rtmp_server.sh" stop "$T/$1"
}

# A loopback port where nothing listens.
closed_port() {
    local port
    while :; do
        port=$((20000 + RANDOM % 30000))
        if [ -z "$(ss -Hltn "sport = :$port" 2>/dev/null)" ] &&
            ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
            echo "$port"
            return
        fi
    done
}

# A stream key nobody could guess and that cannot appear by chance in any output.
new_key() {
    echo "sk$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"
}

# Runs the app to completion: stdout -> $T/stdout, stderr -> $T/stderr, exit code -> APP_RC.
# A hang is cut by `timeout` (APP_RC 124 or 137).
run_app() {  # TIMEOUT_S ARGS...
    local limit=$1
    shift
    APP_RC=0
    timeout -k 5 "$limit" "$LM" "$@" >"$T/stdout" 2>"$T/stderr" || APP_RC=$?
}

expect_exit() {  # CODE
    if [ "$APP_RC" = 124 ] || [ "$APP_RC" = 137 ]; then
        show stdout "$T/stdout"
        show stderr "$T/stderr"
        fail "livemachine did not exit in time (killed by timeout), expected exit code $1"
    fi
    if [ "$APP_RC" -ge 128 ]; then
        show stderr "$T/stderr"
        fail "livemachine died of signal $((APP_RC - 128)) (exit $APP_RC), expected exit code $1"
    fi
    if [ "$APP_RC" != "$1" ]; then
        show stdout "$T/stdout"
        show stderr "$T/stderr"
        fail "livemachine exited with $APP_RC, expected $1"
    fi
}

# Starts the app in the background (stdout/stderr in $T, pid in APP_PID) with default signal
# handling, as from a terminal: without job control bash starts background jobs with SIGINT
# ignored. Then waits until it has printed MIN status lines (at most 8 s) and fails if it
# stopped by itself.
start_app_until_status_lines() {  # MIN ARGS...
    local min=$1
    shift
    set -m
    "$LM" "$@" >"$T/stdout" 2>"$T/stderr" &
    APP_PID=$!
    set +m
    for _ in $(seq 1 80); do
        kill -0 "$APP_PID" 2>/dev/null || break
        [ "$(grep -cE '^[0-9]{2}:[0-9]{2}:[0-9]{2} ' "$T/stdout" || true)" -ge "$min" ] && break
        sleep 0.1
    done
    if ! kill -0 "$APP_PID" 2>/dev/null; then
        wait "$APP_PID" || true
        show stderr "$T/stderr"
        fail "livemachine stopped by itself before it was signalled"
    fi
}

# The one recording nginx made of stream KEY in server NAME.
recorded_flv() {  # NAME KEY
    local files
    files=$(ls "$T/$1/record/$2"-*.flv 2>/dev/null || true)
    [ -n "$files" ] || fail "the RTMP server received nothing for this stream (no $T/$1/record/$2-*.flv)"
    [ "$(echo "$files" | wc -l)" = 1 ] || fail "the RTMP server recorded several publishes of one stream: $files"
    echo "$files"
}

# Probes FILE with checks; the JSON report goes to FILE.probe.json.
probe_ok() {  # FILE CHECKS...
    local file=$1
    shift
    [ -s "$file" ] || fail "$file was not written (or is empty)"
    if ! "$PROBE" "$file" "$@" >"$file.probe.json" 2>"$file.probe.err"; then
        cat "$file.probe.json" >&2
        cat "$file.probe.err" >&2
        explain_missed
        fail "$(basename "$file") does not pass the checks (see above)"
    fi
    echo "ok: $(basename "$file"): $("$PROBE" "$file" --print container --print video.frames \
        --print audio.duration_s --print sync.pairs --print sync.max_abs_offset_ms \
        --print sync.repeated_flash_frames | paste -sd' ')" \
        "(container, frames, audio s, sync pairs, max offset ms, repeated flash frames)"
}

# Missed frames (rendering lag) repeat the previous frame, so a flash can be lost or doubled:
# say so next to a failure, with the load, as that is the usual cause on a busy machine.
explain_missed() {
    local missed
    [ -s "$T/stats.json" ] || return 0
    missed=$(stats_flat "$T/stats.json" | grep -o '"frames_missed":[0-9]*' | cut -d: -f2)
    if [ -n "$missed" ] && [ "$missed" != 0 ]; then
        echo "note: the app reports frames_missed=$missed (rendering lag; load average:" \
            "$(cut -d' ' -f1-3 /proc/loadavg)): missed frames repeat the previous picture" >&2
    fi
}

probe_value() {  # FILE KEY
    "$PROBE" "$1" --print "$2"
}

# Status lines as in docs/command-line.md: "00:00:07  fps 30.00  render 4.1 ms  out ...".
expect_status_lines() {  # MIN MAX
    local n
    n=$(grep -cE '^[0-9]{2}:[0-9]{2}:[0-9]{2} +fps [0-9.]+ +render [0-9.]+ ms +out [0-9.]+ kbps +missed [0-9]+ +skipped [0-9]+ +dropped [0-9]+ +cpu [0-9.]+%' "$T/stdout" || true)
    if [ "$n" -lt "$1" ] || [ "$n" -gt "$2" ]; then
        show stdout "$T/stdout"
        fail "$n status lines on stdout, expected $1 to $2 (one per second)"
    fi
    echo "ok: $n status lines"
}

# The stats JSON without whitespace, for grep.
stats_flat() {  # FILE
    [ -s "$1" ] || fail "--stats-json file $1 was not written"
    tr -d ' \n\t\r' <"$1"
}

# Every output in the stats JSON finished, dropped nothing and sent bytes; COUNT outputs.
expect_outputs_finished() {  # STATS_FILE COUNT
    local flat n
    flat=$(stats_flat "$1")
    n=$(grep -o '"state":"[a-z]*"' <<<"$flat" | wc -l)
    [ "$n" = "$2" ] || { cat "$1" >&2; fail "stats JSON lists $n outputs, expected $2"; }
    if grep -o '"state":"[a-z]*"' <<<"$flat" | grep -vq '"finished"'; then
        cat "$1" >&2
        fail "stats JSON: an output did not finish"
    fi
    if grep -o '"frames_dropped":[0-9]*' <<<"$flat" | grep -vq ':0$'; then
        cat "$1" >&2
        fail "stats JSON: an output dropped frames"
    fi
    [ "$(grep -o '"frames_dropped":[0-9]*' <<<"$flat" | wc -l)" = "$2" ] ||
        { cat "$1" >&2; fail "stats JSON: not every output reports frames_dropped"; }
    if grep -o '"bytes":[0-9]*' <<<"$flat" | grep -q ':0$' ||
        [ "$(grep -o '"bytes":[0-9]*' <<<"$flat" | wc -l)" != "$2" ]; then
        cat "$1" >&2
        fail "stats JSON: an output reports no bytes"
    fi
    echo "ok: stats JSON: $2 outputs finished, 0 dropped, bytes > 0" \
        "($(grep -oE '"frames_(rendered|missed|skipped)":[0-9]*' <<<"$flat" | paste -sd' '))"
}

# The secret never appears in anything the app printed or wrote as stats.
expect_no_secret() {  # SECRET FILES...
    local secret=$1 f
    shift
    for f in "$@"; do
        if [ -e "$f" ] && grep -qF "$secret" "$f"; then
            grep -nF "$secret" "$f" >&2
            fail "the stream key appears in $(basename "$f")"
        fi
    done
    echo "ok: the stream key appears in none of: $(for f in "$@"; do basename "$f"; done | paste -sd' ')"
}

# Waits (at most TIMEOUT_S) until the app started by start_app_until_status_lines printed the
# status line of elapsed time STAMP ("00:00:15"); fails if it stopped by itself.
wait_for_status() {  # STAMP TIMEOUT_S
    local deadline=$((SECONDS + $2))
    while ! grep -q "^$1 " "$T/stdout"; do
        kill -0 "$APP_PID" 2>/dev/null || { show stderr "$T/stderr"; fail "livemachine stopped before $1"; }
        [ "$SECONDS" -lt "$deadline" ] || { show stdout "$T/stdout"; fail "no status line $1 within $2 s"; }
        sleep 0.05
    done
}

# Waits (at most TIMEOUT_S) for the app started by start_app_until_status_lines to exit by
# itself; its exit code goes to APP_RC (124 when it did not).
wait_app_exit() {  # TIMEOUT_S
    local deadline=$((SECONDS + $1))
    while kill -0 "$APP_PID" 2>/dev/null && [ "$SECONDS" -lt "$deadline" ]; do
        sleep 0.1
    done
    APP_RC=0
    if kill -0 "$APP_PID" 2>/dev/null; then
        APP_RC=124
        kill -KILL "$APP_PID" 2>/dev/null || true
    fi
    local rc=0
    wait "$APP_PID" || rc=$?
    [ "$APP_RC" = 124 ] || APP_RC=$rc
    APP_PID=
}

# Checks a number from the probe is within [MIN, MAX].
expect_between() {  # LABEL VALUE MIN MAX
    awk -v v="$2" -v lo="$3" -v hi="$4" 'BEGIN { exit !(v >= lo && v <= hi) }' ||
        fail "$1 is $2, expected $3 to $4"
    echo "ok: $1 $2 (expected $3 to $4)"
}
