#!/usr/bin/env bash
# Cache benchmark: in one run, wrk measures cache-hit reads of the same ~2 KB items page (Miro's cursor envelope)
#   (a) nginx     wrk -> nginx proxy_cache (a HIT from its cache; the upstream is only asked once)
#   (b) gateway   wrk -> bin/gateway, board-sync plugin, GET /api/boards/{id}/items (X-Cache: HIT)
# with an nginx playing Miro behind both, and prints requests/s, p99 latency and CPU time per request of each, and
# the ratio gateway/nginx.
#
# Everything listens on 127.0.0.1 with configuration in a temporary folder; nothing system-wide is touched, and every
# process started here is stopped on exit. The gateway runs without authentication (security.enabled=false) and with
# a freshness window longer than the run, so every measured request is a cache hit (checked before measuring). See
# bench/README.md.
#
# Settings (environment):
#   WRK_ARGS      wrk options used for every run            (default: -t2 -c32)
#   DURATION      length of each measurement                (default: 15s)
#   WARMUP        length of the warm-up run before each one (default: 20s; the JVM needs it to compile hot code)
#   GATEWAY_JAVA_OPTS  JVM options of the gateway          (default: as bench/proxy/run.sh)
#   DIST_DIR      the built distribution                   (default: dist/target/miro-gateway-*/)
#   BASE_PORT     first port tried for the three servers   (default: 18500)
set -euo pipefail

cd "$(dirname "$0")/../.."
REPO=$(pwd)

WRK_ARGS=${WRK_ARGS:--t2 -c32}
DURATION=${DURATION:-15s}
WARMUP=${WARMUP:-20s}
GATEWAY_JAVA_OPTS=${GATEWAY_JAVA_OPTS:--Xms512m -Xmx512m -XX:+AlwaysPreTouch -XX:+UseParallelGC}
BASE_PORT=${BASE_PORT:-18500}

missing=()
command -v wrk >/dev/null 2>&1 || missing+=(wrk)
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || missing+=(nginx)
command -v curl >/dev/null 2>&1 || missing+=(curl)
if [ ${#missing[@]} -gt 0 ]; then
  echo "bench: missing ${missing[*]}; install with:" >&2
  echo "  sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
NGINX=$(command -v nginx 2>/dev/null || echo /usr/sbin/nginx)

if [ -z "${DIST_DIR:-}" ]; then
  DIST_DIR=$(ls -d "$REPO"/dist/target/miro-gateway-*/ 2>/dev/null | head -n 1 || true)
fi
if [ -z "$DIST_DIR" ] || [ ! -x "$DIST_DIR/bin/gateway" ]; then
  echo "bench: no built distribution under dist/target; build it first:" >&2
  echo "  ./dev mvn -q package -DskipTests -pl dist -am" >&2
  exit 1
fi

load=$(cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo 0)
if awk -v l="$load" -v n="$(nproc)" 'BEGIN { exit !(l > n / 2) }'; then
  echo "bench: warning: load average $load on $(nproc) CPUs; other work will distort the results" >&2
fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/miro-cache-bench.XXXXXX")
GATEWAY_PID=""

cleanup() {
  local status=$?
  trap - EXIT INT TERM
  if [ -n "$GATEWAY_PID" ] && kill -0 "$GATEWAY_PID" 2>/dev/null; then
    kill -TERM "$GATEWAY_PID" 2>/dev/null || true
    wait "$GATEWAY_PID" 2>/dev/null || true
  fi
  for name in miro cache; do
    if [ -f "$WORK/$name/nginx.pid" ]; then
      "$NGINX" -p "$WORK/$name" -c nginx.conf -e error.log -s stop 2>/dev/null || true
    fi
  done
  if [ "$status" -ne 0 ]; then
    echo "bench: failed; logs kept in $WORK" >&2
  else
    rm -rf "$WORK"
  fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

next_port=$BASE_PORT
take_port() { # variable name: set to the next free port from BASE_PORT on
  while ! port_free "$next_port"; do next_port=$((next_port + 1)); done
  printf -v "$1" '%s' "$next_port"
  next_port=$((next_port + 1))
}
take_port MIRO_PORT
take_port CACHE_PORT
take_port GATEWAY_PORT

# One page of a board's items in Miro's cursor envelope, about 2 KB: the response both caches serve.
BOARD=uXjVbench1k=
ITEM() { # id, x
  printf '{"id":"%s","type":"sticky_note","data":{"content":"Bench note %s","shape":"square"},' "$1" "$1"
  printf '"style":{"fillColor":"light_yellow","textAlign":"center"},"position":{"x":%s,"y":0,"origin":"center"},' "$2"
  printf '"geometry":{"width":199,"height":228},"createdAt":"2026-01-01T00:00:00Z","modifiedAt":"2026-01-02T00:00:00Z"}'
}
items=""
for i in 1 2 3 4 5 6; do
  items+="${items:+,}$(ITEM "345876451751785241$i" "$((i * 220))")"
done
BODY="{\"data\":[$items],\"total\":6,\"size\":6,\"limit\":10,\"links\":{\"self\":\"https://api.miro.com/v2/boards/uXjVbench1k%3D/items?limit=10\"}}"
echo "bench: items page body is ${#BODY} bytes"

write_nginx_conf() { # name, http-level configuration
  local dir=$WORK/$1
  mkdir -p "$dir/logs" "$dir/temp" "$dir/cache"
  # Started as root, nginx's workers run as an unprivileged user: they must be able to write the cache and temp files.
  chmod 755 "$WORK" "$dir"
  chmod 777 "$dir/temp" "$dir/cache"
  cat >"$dir/nginx.conf" <<EOF
daemon on;
worker_processes auto;
pid $dir/nginx.pid;
error_log $dir/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  keepalive_requests 1000000;
  keepalive_timeout 75s;
  client_body_temp_path $dir/temp/client;
  proxy_temp_path $dir/temp/proxy;
  fastcgi_temp_path $dir/temp/fastcgi;
  uwsgi_temp_path $dir/temp/uwsgi;
  scgi_temp_path $dir/temp/scgi;
$2
}
EOF
  "$NGINX" -p "$dir" -c nginx.conf -e error.log -t -q
  "$NGINX" -p "$dir" -c nginx.conf -e error.log
}

# Miro: answers the items page (and a board, for completeness) to whoever asks.
write_nginx_conf miro "
  server {
    listen 127.0.0.1:$MIRO_PORT;
    default_type application/json;
    location /v2/boards/ {
      return 200 '$BODY';
    }
  }"

# nginx's proxy_cache in front of Miro, on the gateway's path: keyed by the request URI, valid for an hour, one
# upstream fetch per key (proxy_cache_lock), the status in X-Cache.
write_nginx_conf cache "
  proxy_cache_path $WORK/cache/cache/store levels=1:2 keys_zone=miro:10m max_size=100m inactive=1h use_temp_path=off;
  upstream miro {
    server 127.0.0.1:$MIRO_PORT;
    keepalive 64;
  }
  server {
    listen 127.0.0.1:$CACHE_PORT;
    location ~ ^/api/boards/([^/]+)/items\$ {
      proxy_pass http://miro/v2/boards/\$1/items\$is_args\$args;
      proxy_http_version 1.1;
      proxy_set_header Connection \"\";
      proxy_cache miro;
      proxy_cache_key \$request_uri;
      proxy_cache_valid 200 1h;
      proxy_cache_lock on;
      add_header X-Cache \$upstream_cache_status;
    }
  }"

mkdir -p "$WORK/gateway-data"
echo "bench: starting the gateway from $DIST_DIR (JAVA_OPTS: $GATEWAY_JAVA_OPTS)"
JAVA_OPTS="$GATEWAY_JAVA_OPTS" \
  GATEWAY_SERVER_PORT=$GATEWAY_PORT \
  GATEWAY_SERVER_HOST=127.0.0.1 \
  GATEWAY_MIRO_BASE_URL="http://127.0.0.1:$MIRO_PORT" \
  GATEWAY_PLUGINS_BOARD_SYNC_FRESH_FOR=PT1H \
  GATEWAY_PLUGINS_BOARD_SYNC_RESYNC_ENABLED=false \
  GATEWAY_GATEWAY_DATA_DIR="$WORK/gateway-data" \
  GATEWAY_SECURITY_ENABLED=false \
  "$DIST_DIR/bin/gateway" >"$WORK/gateway.log" 2>&1 &
GATEWAY_PID=$!

wait_for() { # url, what
  local i
  for i in $(seq 1 300); do
    if curl -sf -o /dev/null "$1"; then return 0; fi
    if [ -n "$GATEWAY_PID" ] && ! kill -0 "$GATEWAY_PID" 2>/dev/null; then
      echo "bench: the gateway exited; see $WORK/gateway.log" >&2
      return 1
    fi
    sleep 0.2
  done
  echo "bench: $2 did not come up at $1" >&2
  return 1
}

PATH_UNDER_TEST="/api/boards/uXjVbench1k%3D/items?limit=10"
wait_for "http://127.0.0.1:$MIRO_PORT/v2/boards/$BOARD/items" "Miro nginx"
wait_for "http://127.0.0.1:$CACHE_PORT$PATH_UNDER_TEST" "cache nginx"
wait_for "http://127.0.0.1:$GATEWAY_PORT/observe/health" "gateway"
if ! curl -sf "http://127.0.0.1:$GATEWAY_PORT/admin/plugins" | grep -q '"id":"board-sync"[^}]*"state":"STARTED"'; then
  echo "bench: the gateway's board-sync plugin is not STARTED:" >&2
  curl -s "http://127.0.0.1:$GATEWAY_PORT/admin/plugins" >&2
  exit 1
fi
for port in "$CACHE_PORT" "$GATEWAY_PORT"; do
  curl -s -o /dev/null "http://127.0.0.1:$port$PATH_UNDER_TEST" # fills the cache
  headers=$(curl -s -D - -o "$WORK/answer.json" "http://127.0.0.1:$port$PATH_UNDER_TEST")
  if ! grep -qi '^X-Cache: HIT' <<<"$headers"; then
    echo "bench: port $port did not answer from its cache:" >&2
    echo "$headers" >&2
    cat "$WORK/answer.json" >&2
    exit 1
  fi
  if [ "$(cat "$WORK/answer.json")" != "$BODY" ]; then
    echo "bench: port $port answered another body than Miro's:" >&2
    cat "$WORK/answer.json" >&2
    exit 1
  fi
done

# CPU time (user + system, clock ticks) used so far by the given processes, all their threads included.
cpu_ticks() {
  local pid total=0
  for pid in "$@"; do
    total=$((total + $(awk '{ print $14 + $15 }' "/proc/$pid/stat" 2>/dev/null || echo 0)))
  done
  echo "$total"
}
nginx_workers() { pgrep -P "$(cat "$WORK/$1/nginx.pid")" | tr '\n' ' '; }
CLK_TCK=$(getconf CLK_TCK)

# Prints "<requests/s> <p99 in ms> <non-2xx> <socket errors>" for one wrk run's output.
parse_wrk() {
  awk '
    function ms(v) {
      if (v ~ /us$/) return substr(v, 1, length(v) - 2) / 1000
      if (v ~ /ms$/) return substr(v, 1, length(v) - 2)
      if (v ~ /s$/) return substr(v, 1, length(v) - 1) * 1000
      return v
    }
    /Requests\/sec:/ { rps = $2 }
    $1 == "99%" { p99 = ms($2) }
    /Non-2xx or 3xx responses:/ { non2xx = $NF }
    /Socket errors:/ { errors = $0; sub(/.*Socket errors: */, "", errors); gsub(/ /, "", errors) }
    END { printf "%s %s %s %s\n", rps, p99, (non2xx == "" ? 0 : non2xx), (errors == "" ? "none" : errors) }
  '
}

declare -A RPS P99 NON2XX ERRS CPU
measure() { # name, port, pids of the server under test (its CPU per request is reported)
  local name=$1 url="http://127.0.0.1:$2$PATH_UNDER_TEST" before after requests
  shift 2
  echo "bench: $name: warm-up $WARMUP, then wrk $WRK_ARGS -d$DURATION --latency $url"
  # shellcheck disable=SC2086 # WRK_ARGS is a list of options on purpose
  wrk $WRK_ARGS -d"$WARMUP" "$url" >"$WORK/$name.warmup.txt"
  before=$(cpu_ticks "$@")
  # shellcheck disable=SC2086
  wrk $WRK_ARGS -d"$DURATION" --latency "$url" >"$WORK/$name.txt"
  after=$(cpu_ticks "$@")
  read -r "RPS[$name]" "P99[$name]" "NON2XX[$name]" "ERRS[$name]" < <(parse_wrk <"$WORK/$name.txt")
  requests=$(awk '/requests in/ { print $1 }' "$WORK/$name.txt")
  CPU[$name]=$(awk -v t=$((after - before)) -v hz="$CLK_TCK" -v n="${requests:-0}" \
    'BEGIN { if (n > 0) printf "%.0f", t * 1000000 / hz / n; else print "n/a" }')
}

miro_before=$(curl -sf "http://127.0.0.1:$GATEWAY_PORT/admin/cache")
# shellcheck disable=SC2046 # one argument per pid
measure nginx "$CACHE_PORT" $(nginx_workers cache)
measure gateway "$GATEWAY_PORT" "$GATEWAY_PID"
stats=$(curl -sf "http://127.0.0.1:$GATEWAY_PORT/admin/cache")

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'; }

echo
echo "wrk $WRK_ARGS -d$DURATION --latency, warm-up $WARMUP; $(nproc) CPUs, load average before: $load"
echo "gateway: $DIST_DIR, JAVA_OPTS: $GATEWAY_JAVA_OPTS"
echo "body: ${#BODY} bytes; GET $PATH_UNDER_TEST"
printf '%-10s %12s %10s %12s %8s %s\n' target "requests/s" "p99 ms" "cpu us/req" non-2xx "socket errors"
for name in nginx gateway; do
  printf '%-10s %12s %10s %12s %8s %s\n' "$name" "${RPS[$name]}" "${P99[$name]}" "${CPU[$name]}" "${NON2XX[$name]}" \
    "${ERRS[$name]}"
done
echo
echo "gateway/nginx requests/s:  $(ratio "${RPS[gateway]}" "${RPS[nginx]}")   (target >= 1.00)"
echo "gateway/nginx p99:         $(ratio "${P99[gateway]}" "${P99[nginx]}")"
echo "gateway/nginx CPU/request: $(ratio "${CPU[gateway]}" "${CPU[nginx]}")"
echo "gateway /admin/cache before: $miro_before"
echo "gateway /admin/cache after:  $stats"
