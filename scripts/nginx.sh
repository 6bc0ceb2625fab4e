#!/usr/bin/env bash
# Debian's nginx in front of Wren processes, with deploy/nginx/wren.conf used as it is: only its
# placeholders and upstream ports are filled in. A private prefix under NGINX_DIR (config, pid,
# logs, temp files); nginx binds loopback only.
#
#   NGINX_DIR=... NGINX_HTTPS_PORT=... NGINX_HTTP_PORT=... NGINX_UPSTREAMS="3001 3002" \
#   NGINX_CERT=... NGINX_KEY=... [NGINX_STATIC_DIR=.next/standalone/.next/static] scripts/nginx.sh start|stop
#
# Needs Debian's nginx package (scripts/test.sh installs it with ensure_debs); the workers run as
# the user who starts it.
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"

DIR="${NGINX_DIR:?NGINX_DIR is required}"
NGINX="${NGINX_BIN:-/usr/sbin/nginx}"

start() {
  local https="${NGINX_HTTPS_PORT:?}" http="${NGINX_HTTP_PORT:?}" upstreams="${NGINX_UPSTREAMS:?}"
  mkdir -p "$DIR/logs" "$DIR/temp"
  # The upstream block's two example lines become one line per port given.
  local servers=""
  for port in $upstreams; do servers+="    server 127.0.0.1:${port};\n"; done
  sed -e "s|@SERVER_NAME@|127.0.0.1 localhost|g" \
      -e "s|@HTTPS_LISTEN@|127.0.0.1:${https}|g" \
      -e "s|@HTTP_LISTEN@|127.0.0.1:${http}|g" \
      -e "s|@CERT@|${NGINX_CERT:?}|g" \
      -e "s|@KEY@|${NGINX_KEY:?}|g" \
      -e "s|@LOG_DIR@|${DIR}/logs|g" \
      -e "s|@STATIC_DIR@|${NGINX_STATIC_DIR:-$ROOT/.next/standalone/.next/static}|g" \
      -e "/^    server 127\.0\.0\.1:3002;$/d" \
      -e "s|^    server 127\.0\.0\.1:3001;$|${servers%\\n}|" \
      "$ROOT/deploy/nginx/wren.conf" > "$DIR/wren.conf"
  cat > "$DIR/nginx.conf" <<CONF
worker_processes 1;
pid $DIR/nginx.pid;
error_log $DIR/logs/error.log;
user $(id -un) $(id -gn);
events { worker_connections 512; }
http {
  include /etc/nginx/mime.types;
  client_body_temp_path $DIR/temp/body;
  proxy_temp_path $DIR/temp/proxy;
  fastcgi_temp_path $DIR/temp/fastcgi;
  uwsgi_temp_path $DIR/temp/uwsgi;
  scgi_temp_path $DIR/temp/scgi;
  include $DIR/wren.conf;
}
CONF
  stop
  "$NGINX" -p "$DIR" -c "$DIR/nginx.conf" -t -q
  # Its own output closed: a daemon that keeps the caller's pipe open hangs the caller.
  "$NGINX" -p "$DIR" -c "$DIR/nginx.conf" </dev/null >/dev/null 2>&1
}

stop() {
  if [ -f "$DIR/nginx.pid" ]; then
    local pid; pid="$(cat "$DIR/nginx.pid")"
    kill -QUIT "$pid" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    rm -f "$DIR/nginx.pid"
  fi
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
