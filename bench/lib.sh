#!/usr/bin/env bash
# Shared by the bench/*/run.sh scripts: settings, tool and distribution checks, free ports, nginx
# instances in a temporary folder, the gateway process, wrk runs with CPU time per request, and cleanup on exit.
# Source it after `set -euo pipefail`, with BENCH_NAME (temporary folder name) and BASE_PORT set; list the nginx
# instances to stop in NGINX_INSTANCES as they are written (write_nginx_conf does that). NEEDS_NGINX=0 skips the
# nginx check for scripts that compare against no nginx.

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$REPO"

WRK_ARGS=${WRK_ARGS:--t2 -c32}
DURATION=${DURATION:-15s}
WARMUP=${WARMUP:-20s}
# Fixed heap (no resizing during the run, pre-touched so page faults do not land in the measurement); Parallel GC
# for throughput: every request leaves only short-lived garbage, which a parallel young collection clears with the
# least overhead per request (no G1 write barriers or concurrent marking threads competing for the cores).
GATEWAY_JAVA_OPTS=${GATEWAY_JAVA_OPTS--Xms512m -Xmx512m -XX:+AlwaysPreTouch -XX:+UseParallelGC}

missing=()
command -v wrk >/dev/null 2>&1 || missing+=(wrk)
if [ "${NEEDS_NGINX:-1}" = 1 ]; then
  command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || missing+=(nginx)
fi
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

# wrk, nginx and the gateway share this machine's CPUs: anything else running skews the numbers.
load=$(cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo 0)
if awk -v l="$load" -v n="$(nproc)" 'BEGIN { exit !(l > n / 2) }'; then
  echo "bench: warning: load average $load on $(nproc) CPUs; other work will distort the results" >&2
fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/$BENCH_NAME.XXXXXX")
GATEWAY_PID=""
NGINX_INSTANCES=()
HELPER_PIDS=() # other background processes a script starts (stubs); killed on exit

cleanup() {
  local status=$? name
  trap - EXIT INT TERM
  if [ -n "$GATEWAY_PID" ] && kill -0 "$GATEWAY_PID" 2>/dev/null; then
    kill -TERM "$GATEWAY_PID" 2>/dev/null || true
    wait "$GATEWAY_PID" 2>/dev/null || true
  fi
  for name in "${HELPER_PIDS[@]}"; do
    kill "$name" 2>/dev/null || true
  done
  for name in "${NGINX_INSTANCES[@]}"; do
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

write_nginx_conf() { # name, http-level configuration; starts that nginx as a daemon
  local dir=$WORK/$1
  NGINX_INSTANCES+=("$1")
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

start_gateway() { # extra environment assignments (GATEWAY_*=...) for bin/gateway
  mkdir -p "$WORK/gateway-data"
  echo "bench: starting the gateway from $DIST_DIR (JAVA_OPTS: $GATEWAY_JAVA_OPTS)"
  env JAVA_OPTS="$GATEWAY_JAVA_OPTS" \
    GATEWAY_SERVER_PORT="$GATEWAY_PORT" \
    GATEWAY_SERVER_HOST=127.0.0.1 \
    GATEWAY_GATEWAY_DATA_DIR="$WORK/gateway-data" \
    GATEWAY_SECURITY_ENABLED=false \
    "$@" \
    "$DIST_DIR/bin/gateway" >"$WORK/gateway.log" 2>&1 &
  GATEWAY_PID=$!
}

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

require_plugin_started() { # plugin id
  if ! curl -sf "http://127.0.0.1:$GATEWAY_PORT/admin/plugins" | grep -q "\"id\":\"$1\"[^}]*\"state\":\"STARTED\""; then
    echo "bench: the gateway's $1 plugin is not STARTED:" >&2
    curl -s "http://127.0.0.1:$GATEWAY_PORT/admin/plugins" >&2
    exit 1
  fi
}

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

# Prints "<requests/s> <p99 in ms> <non-2xx> <socket errors> <p50 in ms>" for one wrk run's output.
parse_wrk() {
  awk '
    function ms(v) {
      if (v ~ /us$/) return substr(v, 1, length(v) - 2) / 1000
      if (v ~ /ms$/) return substr(v, 1, length(v) - 2)
      if (v ~ /s$/) return substr(v, 1, length(v) - 1) * 1000
      return v
    }
    /Requests\/sec:/ { rps = $2 }
    $1 == "50%" { p50 = ms($2) }
    $1 == "99%" { p99 = ms($2) }
    /Non-2xx or 3xx responses:/ { non2xx = $NF }
    /Socket errors:/ { errors = $0; sub(/.*Socket errors: */, "", errors); gsub(/ /, "", errors) }
    END { printf "%s %s %s %s %s\n", rps, p99, (non2xx == "" ? 0 : non2xx), (errors == "" ? "none" : errors), p50 }
  '
}

declare -A RPS P99 NON2XX ERRS CPU
measure() { # name, port, pids of the server under test (its CPU per request is reported); GETs PATH_UNDER_TEST
  local name=$1 url="http://127.0.0.1:$2$PATH_UNDER_TEST" before after requests
  shift 2
  echo "bench: $name: warm-up $WARMUP, then wrk $WRK_ARGS -d$DURATION --latency $url"
  # shellcheck disable=SC2086 # WRK_ARGS is a list of options on purpose
  wrk $WRK_ARGS -d"$WARMUP" "$url" >"$WORK/$name.warmup.txt"
  before=$(cpu_ticks "$@")
  # shellcheck disable=SC2086
  wrk $WRK_ARGS -d"$DURATION" --latency "$url" >"$WORK/$name.txt"
  after=$(cpu_ticks "$@")
  read -r "RPS[$name]" "P99[$name]" "NON2XX[$name]" "ERRS[$name]" _ < <(parse_wrk <"$WORK/$name.txt")
  requests=$(awk '/requests in/ { print $1 }' "$WORK/$name.txt")
  CPU[$name]=$(awk -v t=$((after - before)) -v hz="$CLK_TCK" -v n="${requests:-0}" \
    'BEGIN { if (n > 0) printf "%.0f", t * 1000000 / hz / n; else print "n/a" }')
}

print_table() { # target names, in order
  local name
  # cpu us/req: CPU time of the server under test alone (not wrk, not the upstream) per request it served.
  printf '%-10s %12s %10s %12s %8s %s\n' target "requests/s" "p99 ms" "cpu us/req" non-2xx "socket errors"
  for name in "$@"; do
    printf '%-10s %12s %10s %12s %8s %s\n' "$name" "${RPS[$name]}" "${P99[$name]}" "${CPU[$name]}" \
      "${NON2XX[$name]}" "${ERRS[$name]}"
  done
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'; }
