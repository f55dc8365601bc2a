#!/usr/bin/env bash
# Footprint benchmark: the built distribution with bin/gateway's default JVM options (no JAVA_OPTS) and its three
# plugins, pointed at an upstream nginx. Measures
#   start to ready: from exec to the first 200 from /observe/health, and the JVM's CPU time until then, for the first
#                   start (no class archive yet; it is written when that run exits) and for RUNS later starts
#   resident memory: VmRSS and its peak (VmHWM) after proxying wrk's load for DURATION
# Everything listens on 127.0.0.1 in a temporary folder and is stopped on exit. See bench/README.md.
#
# Settings (environment): WRK_ARGS (-t2 -c32), DURATION (30s), RUNS (3), GATEWAY_JAVA_OPTS (empty: the script's
# defaults only), DIST_DIR, BASE_PORT (18600).
set -euo pipefail

BENCH_NAME=miro-bench-footprint
BASE_PORT=${BASE_PORT:-18600}
DURATION=${DURATION:-30s}
RUNS=${RUNS:-3}
GATEWAY_JAVA_OPTS=${GATEWAY_JAVA_OPTS:-}
# shellcheck source=../lib.sh
source "$(dirname "$0")/../lib.sh"

take_port UPSTREAM_PORT
take_port GATEWAY_PORT
BODY='{"ok":true,"service":"legacy","items":[1,2,3,4,5,6,7,8]}'
write_nginx_conf upstream "
  server {
    listen 127.0.0.1:$UPSTREAM_PORT;
    location / {
      default_type application/json;
      return 200 '$BODY';
    }
  }"
wait_for "http://127.0.0.1:$UPSTREAM_PORT/" "upstream nginx"
export GATEWAY_CDS_ARCHIVE=$WORK/gateway.jsa

start_and_time() { # label: starts the gateway, prints wall and CPU milliseconds until /observe/health answers 200
  local t0 t1 cpu
  t0=$(date +%s%N)
  start_gateway GATEWAY_LEGACY_BASE_URL="http://127.0.0.1:$UPSTREAM_PORT" >/dev/null
  until curl -sf -o /dev/null "http://127.0.0.1:$GATEWAY_PORT/observe/health"; do
    kill -0 "$GATEWAY_PID" 2>/dev/null || { echo "bench: the gateway exited; see $WORK/gateway.log" >&2; exit 1; }
    sleep 0.01
  done
  t1=$(date +%s%N)
  cpu=$(cpu_ticks "$GATEWAY_PID")
  printf '%-22s %8d ms %8d ms CPU\n' "$1" $(((t1 - t0) / 1000000)) $((cpu * 1000 / CLK_TCK))
}
stop_gateway() {
  kill -TERM "$GATEWAY_PID"
  wait "$GATEWAY_PID" 2>/dev/null || true
  GATEWAY_PID=""
}

echo "bench: $(nproc) CPUs, load average $load; JAVA_OPTS: '${GATEWAY_JAVA_OPTS}' (bin/gateway's defaults apply)"
start_and_time "first start (no CDS)"
require_plugin_started legacy-proxy
require_plugin_started board-sync
require_plugin_started webhooks
stop_gateway
for run in $(seq 1 "$RUNS"); do
  start_and_time "start $run (CDS archive)"
  [ "$run" = "$RUNS" ] || stop_gateway
done
rss() { awk '/^VmRSS|^VmHWM/ { printf "%s %d MB  ", $1, $2 / 1024 }' "/proc/$GATEWAY_PID/status"; echo; }
echo "after start:      $(rss)"
# shellcheck disable=SC2086 # WRK_ARGS is a list of options on purpose
wrk $WRK_ARGS -d"$DURATION" "http://127.0.0.1:$GATEWAY_PORT/api/bench/items" >"$WORK/wrk.txt"
rate=$(awk '/Requests\/sec/ { print $2 }' "$WORK/wrk.txt")
echo "after wrk $WRK_ARGS -d$DURATION through the proxy ($rate req/s): $(rss)"
