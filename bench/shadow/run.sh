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
BENCH_NAME=miro-bench-shadow
BASE_PORT=${BASE_PORT:-18500}
MODES=${MODES:-legacy shadow plugin}
ROUTE_PATH=/api/bench/items
ROUTE_ID_ENCODED='GET%3A%2Fapi%2Fbench%2Fitems'
# shellcheck source=../lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

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

take_port UPSTREAM_PORT
take_port GATEWAY_PORT

# The upstream's ~200-byte JSON body (the same as bench/proxy/run.sh's).
BODY='{"ok":true,"service":"legacy","board":{"id":"uXjVOfjkmAk=","name":"Bench board","description":"A fixed upstream response used to compare proxies","owner":"3458764517517852417"},"items":[1,2,3,4,5,6,7,8]}'
write_nginx_conf upstream "
  server {
    listen 127.0.0.1:$UPSTREAM_PORT;
    location / {
      default_type application/json;
      return 200 '$BODY';
    }
  }"

# The bench plugin: compiled against the distribution's jars, packed with its PF4J descriptor and extension index.
mkdir -p "$WORK/plugin/classes/META-INF" "$WORK/plugins"
"$JAVA_HOME_FOUND/bin/javac" -proc:none --release 21 -nowarn -cp "$DIST_DIR/lib/*" -d "$WORK/plugin/classes" \
  bench/shadow/BenchPlugin.java
printf 'plugin.id=bench\nplugin.version=1.0.0\nplugin.provider=bench\nplugin.dependencies=\n' \
  >"$WORK/plugin/classes/plugin.properties"
echo bench.BenchPlugin >"$WORK/plugin/classes/META-INF/extensions.idx"
"$JAVA_HOME_FOUND/bin/jar" cf "$WORK/plugins/bench.jar" -C "$WORK/plugin/classes" .
cp "$DIST_DIR"/plugins/legacy-proxy*.jar "$WORK/plugins/"

start_gateway GATEWAY_LEGACY_BASE_URL="http://127.0.0.1:$UPSTREAM_PORT" GATEWAY_GATEWAY_PLUGINS_DIR="$WORK/plugins"
wait_for "http://127.0.0.1:$GATEWAY_PORT/observe/health" gateway
MODE_URL="http://127.0.0.1:$GATEWAY_PORT/admin/routes/$ROUTE_ID_ENCODED/mode"
DIFFS_URL="http://127.0.0.1:$GATEWAY_PORT/admin/routes/$ROUTE_ID_ENCODED/diffs?limit=1"
if ! curl -sf "$MODE_URL" | grep -q '"claimed":true'; then
  echo "bench: the bench plugin's route is not claimed:" >&2
  curl -s "http://127.0.0.1:$GATEWAY_PORT/admin/plugins" >&2
  exit 1
fi

declare -A P50
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
  read -r "RPS[$mode]" "P99[$mode]" "NON2XX[$mode]" "ERRS[$mode]" "P50[$mode]" < <(parse_wrk <"$WORK/$mode.txt")
  requests=$(awk '/requests in/ { print $1 }' "$WORK/$mode.txt")
  CPU[$mode]=$(awk -v t=$((after - before)) -v hz="$CLK_TCK" -v n="${requests:-0}" \
    'BEGIN { if (n > 0) printf "%.0f", t * 1000000 / hz / n; else print "n/a" }')
  if [ "$mode" = shadow ]; then
    sleep 2 # the last comparisons finish and are flushed
    curl -sf "$DIFFS_URL" >"$WORK/shadow.diffs.json"
  fi
done

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
