#!/usr/bin/env bash
# The studio window as a user starts it: `livemachine` with no flags on an X display (Xvfb),
# first start with empty config folders. It must open, keep running, and on SIGTERM close
# like its Exit (outputs stopped, the default collection and profile saved), exit code 0.
#   window_test.sh LIVEMACHINE PROBE
source "$(dirname "$0")/lib.sh"
e2e_init "$1" "$2"

command -v Xvfb >/dev/null || fail "Xvfb is not installed (packaging/install-deps.sh installs it)"
# -displayfd: Xvfb picks a free display number and writes it when it is ready.
Xvfb -displayfd 6 -screen 0 1600x900x24 -nolisten tcp 6>"$T/display" 2>"$T/xvfb.log" &
xvfb=$!
stop_xvfb() { kill "$xvfb" 2>/dev/null || true; wait "$xvfb" 2>/dev/null || true; e2e_cleanup; }
trap stop_xvfb EXIT
for _ in $(seq 50); do [ -s "$T/display" ] && break; sleep 0.1; done
[ -s "$T/display" ] || { show xvfb "$T/xvfb.log"; fail "Xvfb did not start"; }
export DISPLAY=":$(head -n 1 "$T/display")"
export XDG_CONFIG_HOME="$T/config" HOME="$T/home"
mkdir -p "$HOME"

"$LM" >"$T/stdout" 2>"$T/stderr" &
app=$!
APP_PID=$app  # killed by the cleanup if the test fails midway
sleep 6
kill -0 $app 2>/dev/null || { show stderr "$T/stderr"; fail "the window exited by itself"; }
kill -TERM $app
rc=0
for _ in $(seq 100); do kill -0 $app 2>/dev/null || break; sleep 0.1; done
if kill -0 $app 2>/dev/null; then
    kill -KILL $app
    fail "the window did not close within 10 s of SIGTERM"
fi
wait $app || rc=$?
[ "$rc" = 0 ] || { show stderr "$T/stderr"; fail "exit code $rc after SIGTERM, expected 0"; }
collection="$XDG_CONFIG_HOME/livemachine/scenes/Untitled.json"
[ -s "$collection" ] || fail "the default collection was not saved to $collection"
grep -q '"test_pattern"' "$collection" || { show collection "$collection"; fail "no test pattern"; }
grep -q '"text_source"' "$collection" || { show collection "$collection"; fail "no caption (text overlay)"; }
profile="$XDG_CONFIG_HOME/livemachine/profiles/Untitled/profile.json"
[ -s "$profile" ] || fail "the default profile was not saved to $profile"
[ "$(stat -c %a "$profile")" = 600 ] || fail "the profile is not mode 0600"
echo "ok: the window ran 6 s on $DISPLAY, closed on SIGTERM with 0, saved its collection"
