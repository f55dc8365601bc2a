#!/usr/bin/env bash
# Proxy benchmark: in one run, wrk measures the same small upstream response
#   (a) direct      wrk -> upstream nginx
#   (b) nginx       wrk -> nginx reverse proxy (upstream block, keepalive) -> upstream nginx
#   (c) gateway     wrk -> bin/gateway, legacy-proxy plugin -> upstream nginx
# and prints requests/s and p99 latency of each, and the ratios gateway/nginx and nginx/direct.
#
# Everything listens on 127.0.0.1 with configuration in a temporary folder; nothing system-wide is touched, and
# every process started here is stopped on exit. The gateway runs without authentication (security.enabled=false):
# this measures the proxy, and nothing but wrk can reach it. See bench/README.md.
#
# Settings (environment):
#   WRK_ARGS      wrk options used for every run            (default: -t2 -c32)
#   DURATION      length of each measurement                (default: 15s)
#   WARMUP        length of the warm-up run before each one (default: 20s; the JVM needs it to compile hot code)
#   GATEWAY_JAVA_OPTS  JVM options of the gateway          (default: see below)
#   DIST_DIR      the built distribution                   (default: dist/target/miro-gateway-*/)
#   BASE_PORT     first port tried for the three servers   (default: 18400)
set -euo pipefail

cd "$(dirname "$0")/../.."
REPO=$(pwd)

WRK_ARGS=${WRK_ARGS:--t2 -c32}
DURATION=${DURATION:-15s}
WARMUP=${WARMUP:-20s}
# Fixed heap (no resizing during the run, pre-touched so page faults do not land in the measurement); Parallel GC
# for throughput: every proxied request leaves only short-lived garbage, which a parallel young collection clears
# with the least overhead per request (no G1 write barriers or concurrent marking threads competing for the cores).
GATEWAY_JAVA_OPTS=${GATEWAY_JAVA_OPTS:--Xms512m -Xmx512m -XX:+AlwaysPreTouch -XX:+UseParallelGC}
BASE_PORT=${BASE_PORT:-18400}

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

# wrk, both nginx and the gateway share this machine's CPUs: anything else running skews the numbers.
load=$(cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo 0)
if awk -v l="$load" -v n="$(nproc)" 'BEGIN { exit !(l > n / 2) }'; then
  echo "bench: warning: load average $load on $(nproc) CPUs; other work will distort the results" >&2
fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/miro-bench.XXXXXX")
GATEWAY_PID=""

cleanup() {
  local status=$?
  trap - EXIT INT TERM
  if [ -n "$GATEWAY_PID" ] && kill -0 "$GATEWAY_PID" 2>/dev/null; then
    kill -TERM "$GATEWAY_PID" 2>/dev/null || true
    wait "$GATEWAY_PID" 2>/dev/null || true
  fi
  for name in upstream proxy; do
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
take_port UPSTREAM_PORT
take_port PROXY_PORT
take_port GATEWAY_PORT

# A ~200-byte JSON body, the same for every path.
BODY='{"ok":true,"service":"legacy","board":{"id":"uXjVOfjkmAk=","name":"Bench board","description":"A fixed upstream response used to compare proxies","owner":"3458764517517852417"},"items":[1,2,3,4,5,6,7,8]}'

write_nginx_conf() { # name, server block
  local dir=$WORK/$1
  mkdir -p "$dir/logs" "$dir/temp"
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

write_nginx_conf upstream "
  server {
    listen 127.0.0.1:$UPSTREAM_PORT;
    location / {
      default_type application/json;
      return 200 '$BODY';
    }
  }"

write_nginx_conf proxy "
  upstream legacy {
    server 127.0.0.1:$UPSTREAM_PORT;
    keepalive 64;
  }
  server {
    listen 127.0.0.1:$PROXY_PORT;
    location / {
      proxy_pass http://legacy;
      proxy_http_version 1.1;
      proxy_set_header Connection \"\";
    }
  }"

mkdir -p "$WORK/gateway-data"
echo "bench: starting the gateway from $DIST_DIR (JAVA_OPTS: $GATEWAY_JAVA_OPTS)"
JAVA_OPTS="$GATEWAY_JAVA_OPTS" \
  GATEWAY_SERVER_PORT=$GATEWAY_PORT \
  GATEWAY_SERVER_HOST=127.0.0.1 \
  GATEWAY_LEGACY_BASE_URL="http://127.0.0.1:$UPSTREAM_PORT" \
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

PATH_UNDER_TEST=/api/bench/items?limit=10
wait_for "http://127.0.0.1:$UPSTREAM_PORT$PATH_UNDER_TEST" "upstream nginx"
wait_for "http://127.0.0.1:$PROXY_PORT$PATH_UNDER_TEST" "proxy nginx"
wait_for "http://127.0.0.1:$GATEWAY_PORT/observe/health" "gateway"
if ! curl -sf "http://127.0.0.1:$GATEWAY_PORT/admin/plugins" | grep -q '"id":"legacy-proxy"[^}]*"state":"STARTED"'; then
  echo "bench: the gateway's legacy-proxy plugin is not STARTED:" >&2
  curl -s "http://127.0.0.1:$GATEWAY_PORT/admin/plugins" >&2
  exit 1
fi
for port in "$UPSTREAM_PORT" "$PROXY_PORT" "$GATEWAY_PORT"; do
  answer=$(curl -sf "http://127.0.0.1:$port$PATH_UNDER_TEST")
  if [ "$answer" != "$BODY" ]; then
    echo "bench: port $port answered '$answer' instead of the upstream body" >&2
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

# shellcheck disable=SC2046 # one argument per pid
measure direct "$UPSTREAM_PORT" $(nginx_workers upstream)
# shellcheck disable=SC2046
measure nginx "$PROXY_PORT" $(nginx_workers proxy)
measure gateway "$GATEWAY_PORT" "$GATEWAY_PID"

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'; }

echo
echo "wrk $WRK_ARGS -d$DURATION --latency, warm-up $WARMUP; $(nproc) CPUs, load average before: $load"
echo "gateway: $DIST_DIR, JAVA_OPTS: $GATEWAY_JAVA_OPTS"
# cpu us/req: CPU time of the server under test alone (not wrk, not the upstream) per request it served.
printf '%-10s %12s %10s %12s %8s %s\n' target "requests/s" "p99 ms" "cpu us/req" non-2xx "socket errors"
for name in direct nginx gateway; do
  printf '%-10s %12s %10s %12s %8s %s\n' "$name" "${RPS[$name]}" "${P99[$name]}" "${CPU[$name]}" "${NON2XX[$name]}" \
    "${ERRS[$name]}"
done
echo
echo "gateway/nginx requests/s: $(ratio "${RPS[gateway]}" "${RPS[nginx]}")   (target >= 0.90)"
echo "nginx/direct  requests/s: $(ratio "${RPS[nginx]}" "${RPS[direct]}")"
echo "gateway/nginx p99:        $(ratio "${P99[gateway]}" "${P99[nginx]}")"
echo "gateway/nginx CPU/request: $(ratio "${CPU[gateway]}" "${CPU[nginx]}")"
