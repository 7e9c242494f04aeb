# Helpers of the HLS end-to-end tests, sourced after lib.sh: the packaged nginx configuration
# (packaging/hls/nginx.conf) run as a throw-away server, the player page, and headless Chromium
# driven by playwright-core (hls_player.mjs).

HLS_PACKAGING=$(cd "$E2E_DIR/../../packaging/hls" && pwd)

# Installs hls.js and playwright-core from packaging/hls/package-lock.json into its ignored
# node_modules, unless the same lock is installed already (npm ci would delete and fetch again).
hls_npm_ready() {
    command -v node >/dev/null || fail "node is not installed (bash packaging/install-deps.sh)"
    command -v npm >/dev/null || fail "npm is not installed (bash packaging/install-deps.sh)"
    [ -x /usr/bin/chromium ] || fail "/usr/bin/chromium is missing (bash packaging/install-deps.sh)"
    local modules=$HLS_PACKAGING/node_modules
    if [ -f "$modules/.package-lock.json" ] && [ -f "$modules/hls.js/dist/hls.min.js" ] &&
        [ -d "$modules/playwright-core" ] &&
        [ "$(grep -c '"integrity"' "$modules/.package-lock.json")" = \
            "$(grep -c '"integrity"' "$HLS_PACKAGING/package-lock.json")" ] &&
        [ "$modules/.package-lock.json" -nt "$HLS_PACKAGING/package-lock.json" ]; then
        return 0
    fi
    if ! (cd "$HLS_PACKAGING" && timeout 300 npm ci --no-audit --no-fund --loglevel=error \
        >"$T/npm.log" 2>&1); then
        show "npm ci" "$T/npm.log"
        fail "npm ci in packaging/hls failed (its output is above): hls.js and playwright-core come from the npm registry; is it reachable?"
    fi
}

hls_port_is_free() {
    [ -z "$(ss -Hltn "sport = :$1" 2>/dev/null)" ] &&
        ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# Runs packaging/hls/nginx.conf in $T/NAME with only its documented values replaced: the ports
# (free loopback ones), the stream key, the web root ($T/NAME/www, holding the player page as
# index.html and hls.min.js) and the log folder; `user root` as the tests run as root in CI.
# Sets HLS_RTMP_PORT, HLS_HTTP_PORT, HLS_WWW; stopped at exit like the RTMP test servers.
start_hls_nginx() {  # NAME KEY
    local dir=$T/$1 key=$2 pid
    HLS_WWW=$dir/www
    mkdir -p "$dir/logs" "$HLS_WWW/hls"
    cp "$HLS_PACKAGING/player.html" "$HLS_WWW/index.html"
    cp "$HLS_PACKAGING/node_modules/hls.js/dist/hls.min.js" "$HLS_WWW/"
    for _ in $(seq 1 20); do
        HLS_RTMP_PORT=$((20000 + RANDOM % 30000))
        HLS_HTTP_PORT=$((20000 + RANDOM % 30000))
        if [ "$HLS_RTMP_PORT" = "$HLS_HTTP_PORT" ] || ! hls_port_is_free "$HLS_RTMP_PORT" ||
            ! hls_port_is_free "$HLS_HTTP_PORT"; then
            continue
        fi
        sed -e "s|listen 1935;|listen 127.0.0.1:$HLS_RTMP_PORT;|" \
            -e "s|rtmp://127.0.0.1:1935/|rtmp://127.0.0.1:$HLS_RTMP_PORT/|" \
            -e "s|listen 8080;|listen 127.0.0.1:$HLS_HTTP_PORT;|" \
            -e "s|http://127.0.0.1:8080/|http://127.0.0.1:$HLS_HTTP_PORT/|" \
            -e "s|CHANGE_ME_STREAM_KEY|$key|" \
            -e "s|/var/www/livemachine|$HLS_WWW|g" \
            -e "s|/var/log/nginx|$dir/logs|g" \
            -e "s|^user www-data;|user root;|" \
            "$HLS_PACKAGING/nginx.conf" >"$dir/nginx.conf"
        # Every value must have been replaced: a changed packaged file must fail here, loudly.
        if grep -nE '1935|8080|CHANGE_ME|/var/www|/var/log|www-data' "$dir/nginx.conf" |
            grep -v '^[0-9]*:[[:space:]]*#' >&2; then
            fail "packaging/hls/nginx.conf has values the test does not know how to replace (above)"
        fi
        nginx -p "$dir" -c "$dir/nginx.conf" -e "$dir/logs/startup.log" \
            -g "daemon off; pid $dir/nginx.pid;" </dev/null >"$dir/nginx.stdout" 2>&1 &
        pid=$!
        echo "$pid" >"$dir/nginx.master.pid"
        SERVER_DIRS+=("$dir")  # e2e_cleanup stops it through rtmp_server.sh stop
        for _ in $(seq 1 100); do
            kill -0 "$pid" 2>/dev/null || break
            if (exec 3<>"/dev/tcp/127.0.0.1/$HLS_RTMP_PORT") 2>/dev/null &&
                (exec 3<>"/dev/tcp/127.0.0.1/$HLS_HTTP_PORT") 2>/dev/null; then
                return 0
            fi
            sleep 0.05
        done
        "$E2E_DIR/rtmp_server.sh" stop "$dir" || true
    done
    show "nginx" "$dir/nginx.stdout"
    show "nginx errors" "$dir/logs/livemachine-error.log"
    fail "could not start nginx with packaging/hls/nginx.conf"
}

# Waits up to TIMEOUT_S for FILE to exist and list at least MIN segments.
wait_for_playlist() {  # FILE MIN TIMEOUT_S
    local i
    for i in $(seq 1 $(($3 * 10))); do
        if [ -f "$1" ] && [ "$(grep -c '^#EXTINF' "$1")" -ge "$2" ]; then
            echo "ok: $(basename "$1") lists $(grep -c '^#EXTINF' "$1") segments after $((i / 10)) s"
            return 0
        fi
        if [ -n "${APP_PID:-}" ] && ! kill -0 "$APP_PID" 2>/dev/null; then
            show stderr "$T/stderr"
            fail "livemachine stopped before $1 listed $2 segments"
        fi
        sleep 0.1
    done
    [ -f "$1" ] && show playlist "$1"
    fail "no playlist with $2 segments at $1 after $3 s"
}

# Headless Chromium plays URL; at least SECONDS of media must play. Prints the player's report.
play_in_chromium() {  # URL SECONDS
    if ! NODE_PATH=$HLS_PACKAGING/node_modules timeout 120 node "$E2E_DIR/hls_player.cjs" \
        "$1" "$2" >"$T/player.json" 2>"$T/player.err"; then
        show "player report" "$T/player.json"
        show "player stderr" "$T/player.err"
        fail "headless Chromium did not play $1"
    fi
    echo "ok: chromium played: $(cat "$T/player.json")"
}

# Starts the app in the background like start_app_until_status_lines, without waiting.
start_app_background() {  # ARGS...
    "$LM" "$@" >"$T/stdout" 2>"$T/stderr" &
    APP_PID=$!
}
