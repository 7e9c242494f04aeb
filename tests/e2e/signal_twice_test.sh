#!/usr/bin/env bash
# A second stop signal while stopping quits at once (exit 130, no waiting for the outputs), and
# what was recorded so far still plays: Matroska needs no trailer. SIGTERM then SIGINT: two
# different signals are both delivered even when sent back to back (two SIGINTs may merge into
# one pending signal), and the second is already waiting while the first stop flushes.
#   signal_twice_test.sh LIVEMACHINE PROBE
source "$(dirname "$0")/lib.sh"
e2e_init "$1" "$2"
start_app_until_status_lines 3 --headless --record "$T/show.mkv"
kill -TERM "$APP_PID"
kill -INT "$APP_PID"
for _ in $(seq 1 20); do
    kill -0 "$APP_PID" 2>/dev/null || break
    sleep 0.1
done
kill -0 "$APP_PID" 2>/dev/null && { show stderr "$T/stderr"; fail "livemachine still runs 2 s after the second signal"; }
APP_RC=0
wait "$APP_PID" || APP_RC=$?
APP_PID=
[ "$APP_RC" = 130 ] || { show stderr "$T/stderr"; fail "exit code $APP_RC after SIGTERM and SIGINT, expected 130"; }
grep -q "quitting at once" "$T/stderr" || { show stderr "$T/stderr"; fail "no 'quitting at once' line on stderr"; }
frames=$(probe_value "$T/show.mkv" video.frames 2>/dev/null || echo 0)
# Three seconds ran; what the encoder and the muxer still held (about a second) is lost.
[ "${frames:-0}" -ge 30 ] || fail "the unfinished recording decodes to $frames frames, expected at least 30 (1 s)"
echo "ok: exit 130, the unfinished .mkv decodes to $frames frames"
