#!/usr/bin/env bash
# Shadow-mode benchmark: what shadow mode costs the client. wrk measures one route of the built distribution,
#   legacy   route mode legacy: the legacy-proxy plugin answers from an upstream nginx (the baseline)
#   shadow   route mode shadow: the same answer, and every request also runs the plugin on a copy and compares
#   plugin   route mode plugin: the plugin answers (for reference)
# in one gateway, switching the mode through the ops API between runs, and prints requests/s, p50, p99 and CPU time
# per request of each, the ratios shadow/legacy, and the comparison counts of the shadow run.
#
# The plugin (bench/shadow/BenchPlugin.java, compiled here against the distribution's lib/) answers the upstream's
# JSON with its members in another order, so each comparison parses both bodies and matches. Everything listens on
# 127.0.0.1 with configuration in a temporary folder; every process started here is stopped on exit. The gateway runs
# without authentication (security.enabled=false). See bench/README.md.
#
# Settings (environment):
#   WRK_ARGS      wrk options used for every run            (default: -t2 -c32)
#   DURATION      length of each measurement                (default: 15s)
#   WARMUP        length of the warm-up run before each one (default: 20s)
#   GATEWAY_JAVA_OPTS  JVM options of the gateway          (default: as bench/proxy/run.sh)
#   DIST_DIR      the built distribution                   (default: dist/target/miro-gateway-*/)
#   BASE_PORT     first port tried                          (default: 18500)
#   MODES         the modes measured, in order              (default: legacy shadow plugin)
set -euo pipefail

cd "$(dirname "$0")/../.."
REPO=$(pwd)

WRK_ARGS=${WRK_ARGS:--t2 -c32}
DURATION=${DURATION:-15s}
WARMUP=${WARMUP:-20s}
GATEWAY_JAVA_OPTS=${GATEWAY_JAVA_OPTS:--Xms512m -Xmx512m -XX:+AlwaysPreTouch -XX:+UseParallelGC}
BASE_PORT=${BASE_PORT:-18500}
MODES=${MODES:-legacy shadow plugin}
ROUTE_PATH=/api/bench/items
ROUTE_ID_ENCODED='GET%3A%2Fapi%2Fbench%2Fitems'

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
  DIST_DIR=$(ls -d "$REPO"/dist/target/miro-gateway-*/ 2>/dev/null | grep -v '\.tar' | head -n 1 || true)
fi
if [ -z "$DIST_DIR" ] || [ ! -x "$DIST_DIR/bin/gateway" ]; then
  echo "bench: no built distribution under dist/target; build it first:" >&2
  echo "  ./dev mvn -q package -DskipTests -pl dist -am" >&2
  exit 1
fi

JAVA_HOME_FOUND=""
for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/*; do
  if [ -n "$candidate" ] && [ -x "$candidate/bin/javac" ] \
    && "$candidate/bin/java" -XshowSettings:properties -version 2>&1 | grep -Eq 'java.specification.version = (2[1-9]|[3-9][0-9])'; then
    JAVA_HOME_FOUND=$candidate; break
  fi
done
if [ -z "$JAVA_HOME_FOUND" ]; then
  echo "bench: no JDK 21+ with javac found (JAVA_HOME, /usr/lib/jvm/*)" >&2
  exit 1
fi

load=$(cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo 0)
if awk -v l="$load" -v n="$(nproc)" 'BEGIN { exit !(l > n / 2) }'; then
  echo "bench: warning: load average $load on $(nproc) CPUs; other work will distort the results" >&2
fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/miro-bench-shadow.XXXXXX")
GATEWAY_PID=""

cleanup() {
  local status=$?
  trap - EXIT INT TERM
  if [ -n "$GATEWAY_PID" ] && kill -0 "$GATEWAY_PID" 2>/dev/null; then
    kill -TERM "$GATEWAY_PID" 2>/dev/null || true
    wait "$GATEWAY_PID" 2>/dev/null || true
  fi
  if [ -f "$WORK/upstream/nginx.pid" ]; then
    "$NGINX" -p "$WORK/upstream" -c nginx.conf -e error.log -s stop 2>/dev/null || true
  fi
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
take_port() {
  while ! port_free "$next_port"; do next_port=$((next_port + 1)); done
  printf -v "$1" '%s' "$next_port"
  next_port=$((next_port + 1))
}
take_port UPSTREAM_PORT
take_port GATEWAY_PORT

# The upstream's ~200-byte JSON body (the same as bench/proxy/run.sh's).
BODY='{"ok":true,"service":"legacy","board":{"id":"uXjVOfjkmAk=","name":"Bench board","description":"A fixed upstream response used to compare proxies","owner":"3458764517517852417"},"items":[1,2,3,4,5,6,7,8]}'

mkdir -p "$WORK/upstream/logs" "$WORK/upstream/temp"
cat >"$WORK/upstream/nginx.conf" <<NGINX
daemon on;
worker_processes auto;
pid $WORK/upstream/nginx.pid;
error_log $WORK/upstream/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  keepalive_requests 1000000;
  keepalive_timeout 75s;
  client_body_temp_path $WORK/upstream/temp/client;
  proxy_temp_path $WORK/upstream/temp/proxy;
  fastcgi_temp_path $WORK/upstream/temp/fastcgi;
  uwsgi_temp_path $WORK/upstream/temp/uwsgi;
  scgi_temp_path $WORK/upstream/temp/scgi;
  server {
    listen 127.0.0.1:$UPSTREAM_PORT;
    location / {
      default_type application/json;
      return 200 '$BODY';
    }
  }
}
NGINX
"$NGINX" -p "$WORK/upstream" -c nginx.conf -e error.log -t -q
"$NGINX" -p "$WORK/upstream" -c nginx.conf -e error.log

# The bench plugin: compiled against the distribution's jars, packed with its PF4J descriptor and extension index.
mkdir -p "$WORK/plugin/classes/META-INF" "$WORK/plugins"
"$JAVA_HOME_FOUND/bin/javac" -proc:none --release 21 -nowarn -cp "$DIST_DIR/lib/*" -d "$WORK/plugin/classes" \
  bench/shadow/BenchPlugin.java
printf 'plugin.id=bench\nplugin.version=1.0.0\nplugin.provider=bench\nplugin.dependencies=\n' \
  >"$WORK/plugin/classes/plugin.properties"
echo bench.BenchPlugin >"$WORK/plugin/classes/META-INF/extensions.idx"
"$JAVA_HOME_FOUND/bin/jar" cf "$WORK/plugins/bench.jar" -C "$WORK/plugin/classes" .
cp "$DIST_DIR"/plugins/legacy-proxy*.jar "$WORK/plugins/"

mkdir -p "$WORK/gateway-data"
echo "bench: starting the gateway from $DIST_DIR (JAVA_OPTS: $GATEWAY_JAVA_OPTS)"
JAVA_OPTS="$GATEWAY_JAVA_OPTS" \
  GATEWAY_SERVER_PORT=$GATEWAY_PORT \
  GATEWAY_SERVER_HOST=127.0.0.1 \
  GATEWAY_LEGACY_BASE_URL="http://127.0.0.1:$UPSTREAM_PORT" \
  GATEWAY_GATEWAY_DATA_DIR="$WORK/gateway-data" \
  GATEWAY_GATEWAY_PLUGINS_DIR="$WORK/plugins" \
  GATEWAY_SECURITY_ENABLED=false \
  "$DIST_DIR/bin/gateway" >"$WORK/gateway.log" 2>&1 &
GATEWAY_PID=$!

for i in $(seq 1 300); do
  if curl -sf -o /dev/null "http://127.0.0.1:$GATEWAY_PORT/observe/health"; then break; fi
  if ! kill -0 "$GATEWAY_PID" 2>/dev/null; then
    echo "bench: the gateway exited; see $WORK/gateway.log" >&2
    exit 1
  fi
  sleep 0.2
done
MODE_URL="http://127.0.0.1:$GATEWAY_PORT/admin/routes/$ROUTE_ID_ENCODED/mode"
DIFFS_URL="http://127.0.0.1:$GATEWAY_PORT/admin/routes/$ROUTE_ID_ENCODED/diffs?limit=1"
if ! curl -sf "$MODE_URL" | grep -q '"claimed":true'; then
  echo "bench: the bench plugin's route is not claimed:" >&2
  curl -s "http://127.0.0.1:$GATEWAY_PORT/admin/plugins" >&2
  exit 1
fi

cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
CLK_TCK=$(getconf CLK_TCK)

# Prints "<requests/s> <p50 ms> <p99 ms> <non-2xx> <socket errors>" for one wrk run's output.
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
    END { printf "%s %s %s %s %s\n", rps, p50, p99, (non2xx == "" ? 0 : non2xx), (errors == "" ? "none" : errors) }
  '
}

declare -A RPS P50 P99 NON2XX ERRS CPU
url="http://127.0.0.1:$GATEWAY_PORT$ROUTE_PATH"
for mode in $MODES; do
  curl -sf -X PUT -H 'Content-Type: application/json' -d "{\"mode\":\"$mode\"}" "$MODE_URL" >/dev/null
  answer=$(curl -sf "$url")
  case "$mode" in
    plugin) expected_start='{"items"' ;;
    *) expected_start='{"ok"' ;;
  esac
  if [ "${answer#"$expected_start"}" = "$answer" ]; then
    echo "bench: in mode $mode the route answered '$answer'" >&2
    exit 1
  fi
  echo "bench: $mode: warm-up $WARMUP, then wrk $WRK_ARGS -d$DURATION --latency $url"
  # shellcheck disable=SC2086 # WRK_ARGS is a list of options on purpose
  wrk $WRK_ARGS -d"$WARMUP" "$url" >"$WORK/$mode.warmup.txt"
  curl -sf -X DELETE "http://127.0.0.1:$GATEWAY_PORT/admin/routes/$ROUTE_ID_ENCODED/diffs" >/dev/null
  before=$(cpu_ticks "$GATEWAY_PID")
  # shellcheck disable=SC2086
  wrk $WRK_ARGS -d"$DURATION" --latency "$url" >"$WORK/$mode.txt"
  after=$(cpu_ticks "$GATEWAY_PID")
  read -r "RPS[$mode]" "P50[$mode]" "P99[$mode]" "NON2XX[$mode]" "ERRS[$mode]" < <(parse_wrk <"$WORK/$mode.txt")
  requests=$(awk '/requests in/ { print $1 }' "$WORK/$mode.txt")
  CPU[$mode]=$(awk -v t=$((after - before)) -v hz="$CLK_TCK" -v n="${requests:-0}" \
    'BEGIN { if (n > 0) printf "%.0f", t * 1000000 / hz / n; else print "n/a" }')
  if [ "$mode" = shadow ]; then
    sleep 2 # the last comparisons finish and are flushed
    curl -sf "$DIFFS_URL" >"$WORK/shadow.diffs.json"
  fi
done

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'; }

echo
echo "wrk $WRK_ARGS -d$DURATION --latency, warm-up $WARMUP; $(nproc) CPUs, load average before: $load"
echo "gateway: $DIST_DIR, JAVA_OPTS: $GATEWAY_JAVA_OPTS"
printf '%-8s %12s %9s %9s %12s %8s %s\n' mode "requests/s" "p50 ms" "p99 ms" "cpu us/req" non-2xx "socket errors"
for mode in $MODES; do
  printf '%-8s %12s %9s %9s %12s %8s %s\n' "$mode" "${RPS[$mode]}" "${P50[$mode]}" "${P99[$mode]}" "${CPU[$mode]}" \
    "${NON2XX[$mode]}" "${ERRS[$mode]}"
done
if [ -n "${RPS[shadow]:-}" ] && [ -n "${RPS[legacy]:-}" ]; then
  echo
  echo "shadow/legacy p50:        $(ratio "${P50[shadow]}" "${P50[legacy]}")"
  echo "shadow/legacy p99:        $(ratio "${P99[shadow]}" "${P99[legacy]}")"
  echo "shadow/legacy requests/s: $(ratio "${RPS[shadow]}" "${RPS[legacy]}")"
  echo "shadow/legacy CPU/request: $(ratio "${CPU[shadow]}" "${CPU[legacy]}")"
  echo "shadow comparisons: $(sed -n 's/.*"shadow":{\("compared":[0-9]*,"matching":[0-9]*,"mismatching":[0-9]*,"pluginErrors":[0-9]*,"pluginSlower":[0-9]*,"skipped":[0-9]*\).*/\1/p' "$WORK/shadow.diffs.json")"
fi
