#!/usr/bin/env bash
# A throw-away RTMP server for the end-to-end tests: nginx with libnginx-mod-rtmp.
#
#   rtmp_server.sh start DIR   picks a free loopback port, starts nginx with its prefix, config,
#                              logs and pid in DIR, records every stream it receives into
#                              DIR/record/<key>-<unix time>.flv, prints the port
#   rtmp_server.sh stop DIR    stops that nginx (QUIT: finish recordings) and waits for it
#
# With RTMP_SERVER_ADDR=A, nginx listens on address A instead of 127.0.0.1 (a server in another
# network namespace, behind a shaped link). With RTMP_SERVER_PORT=N, start uses that port (a server coming back where it was); it fails
# when the port stays taken.
#
# With RTMP_SERVER_TLS=1, the same nginx also terminates TLS on a second free port (written to
# DIR/tls_port) and passes the plain RTMP on to the first: an RTMPS ingest, with a self-signed
# certificate made for the occasion.
#
# The master's pid is kept in DIR/nginx.master.pid; stop kills only that pid.
set -euo pipefail

module=/usr/lib/nginx/modules/ngx_rtmp_module.so

addr=${RTMP_SERVER_ADDR:-127.0.0.1}

port_is_free() {
    # Nothing listens (ss) and nothing answers (a connect attempt) on the port.
    [ -z "$(ss -Hltn "sport = :$1" 2>/dev/null)" ] &&
        ! (exec 3<>"/dev/tcp/$addr/$1") 2>/dev/null
}

write_config() {  # DIR PORT [TLS_PORT]
    local stream_module="" stream_block=""
    if [ -n "${3:-}" ]; then
        stream_module="load_module $(dirname "$module")/ngx_stream_module.so;"
        stream_block="stream { server { listen 127.0.0.1:$3 ssl;
            ssl_certificate $1/cert.pem; ssl_certificate_key $1/key.pem;
            proxy_pass $addr:$2; } }"
    fi
    cat >"$1/nginx.conf" <<CONF
$stream_module
load_module $module;
daemon off;
master_process on;
worker_processes 1;
user root;
pid $1/nginx.pid;
error_log $1/error.log info;
events { worker_connections 64; }
rtmp {
    server {
        listen $addr:$2;
        application live {
            live on;
            record all;
            record_path $1/record;
            record_unique on;
        }
        # Refuses every publish, as a service does for a stream key it does not know.
        application guarded {
            live on;
            deny publish all;
        }
    }
}
$stream_block
CONF
}

start() {
    local dir port pid tls_port
    mkdir -p "$1/record"
    dir=$(cd "$1" && pwd)
    [ -r "$module" ] || { echo "rtmp_server.sh: $module missing (apt-get install libnginx-mod-rtmp)" >&2; exit 1; }
    for _ in $(seq 1 20); do
        port=${RTMP_SERVER_PORT:-$((20000 + RANDOM % 30000))}
        if ! port_is_free "$port"; then
            [ -z "${RTMP_SERVER_PORT:-}" ] || sleep 0.25
            continue
        fi
        tls_port=""
        if [ "${RTMP_SERVER_TLS:-0}" = 1 ]; then
            tls_port=$((20000 + RANDOM % 30000))
            port_is_free "$tls_port" && [ "$tls_port" != "$port" ] || continue
            [ -r "$dir/cert.pem" ] || openssl req -x509 -newkey rsa:2048 -nodes -days 2 \
                -subj /CN=127.0.0.1 -addext "subjectAltName=IP:127.0.0.1" \
                -keyout "$dir/key.pem" -out "$dir/cert.pem" 2>/dev/null
        fi
        write_config "$dir" "$port" "$tls_port"
        # Detached from our stdout/stderr: a caller doing port=$(rtmp_server.sh start ...) must
        # not wait for nginx to close the pipe.
        nginx -p "$dir" -c "$dir/nginx.conf" -e "$dir/error.log" \
            </dev/null >"$dir/nginx.stdout" 2>&1 &
        pid=$!
        echo "$pid" >"$dir/nginx.master.pid"
        for _ in $(seq 1 100); do
            if ! kill -0 "$pid" 2>/dev/null; then
                break  # it died: most likely the port was taken in between; try another
            fi
            if (exec 3<>"/dev/tcp/$addr/$port") 2>/dev/null; then
                echo "$port" >"$dir/port"
                [ -z "$tls_port" ] || echo "$tls_port" >"$dir/tls_port"
                echo "$port"
                return 0
            fi
            sleep 0.05
        done
        kill -QUIT "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
        rm -f "$dir/nginx.master.pid"
    done
    echo "rtmp_server.sh: could not start nginx-rtmp (see $dir/error.log):" >&2
    tail -n 5 "$dir/error.log" >&2 2>/dev/null || true
    exit 1
}

stop() {
    local pidfile=$1/nginx.master.pid pid
    [ -f "$pidfile" ] || return 0
    pid=$(cat "$pidfile")
    # The pid must still be our nginx (not a recycled number) before anything is sent to it.
    if [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = nginx ] && kill -QUIT "$pid" 2>/dev/null; then
        for _ in $(seq 1 100); do
            kill -0 "$pid" 2>/dev/null || break
            sleep 0.05
        done
        if kill -0 "$pid" 2>/dev/null; then
            echo "rtmp_server.sh: nginx $pid ignored QUIT for 5 s, killing it" >&2
            kill -KILL "$pid" 2>/dev/null || true
        fi
    fi
    rm -f "$pidfile"
}

case "${1:-}" in
    start) [ $# -eq 2 ] || { echo "usage: $0 start DIR" >&2; exit 2; }; start "$2" ;;
    stop) [ $# -eq 2 ] || { echo "usage: $0 stop DIR" >&2; exit 2; }; stop "$2" ;;
    *) echo "usage: $0 start DIR | stop DIR" >&2; exit 2 ;;
esac
