#!/usr/bin/env bash
# Change-feed benchmark: events delivered per second to STREAMS (default 1,000) open streams of one board.
# A Node client (streams.js) holds the streams and counts the events they receive; wrk drives changes through the
# gateway's /v2 (PATCH of an item, answered by an nginx playing Miro), each of which is one event for every stream.
# Prints changes/s (wrk), events delivered/s (all streams together) and the gateway's CPU time per delivered event.
#
# Settings (environment): DURATION, WARMUP, GATEWAY_JAVA_OPTS, DIST_DIR as bench/cache/run.sh;
#   STREAMS       open streams                        (default: 1000)
#   WRK_ARGS      wrk options of the change driver    (default: -t1 -c4)
#   BASE_PORT     first port tried for the servers    (default: 18700)
set -euo pipefail

BENCH_NAME=miro-events-bench
BASE_PORT=${BASE_PORT:-18700}
STREAMS=${STREAMS:-1000}
WRK_ARGS=${WRK_ARGS:--t1 -c4}
NEEDS_NGINX=1
# shellcheck source=../lib.sh
source "$(dirname "$0")/../lib.sh"
command -v node >/dev/null 2>&1 || { echo "bench: node is needed for the stream client" >&2; exit 1; }

take_port MIRO_PORT
take_port GATEWAY_PORT

ITEM='{"id":"3458764517517852411","type":"sticky_note","data":{"content":"Bench note","shape":"square"},"position":{"x":0,"y":0,"origin":"center"},"createdAt":"2026-01-01T00:00:00Z","modifiedAt":"2026-01-02T00:00:00Z"}'
write_nginx_conf miro "
  server {
    listen 127.0.0.1:$MIRO_PORT;
    default_type application/json;
    location /v2/boards/ {
      return 200 '$ITEM';
    }
  }"

start_gateway GATEWAY_MIRO_BASE_URL="http://127.0.0.1:$MIRO_PORT" \
  GATEWAY_PLUGINS_BOARD_SYNC_RESYNC_ENABLED=false \
  GATEWAY_PLUGINS_BOARD_SYNC_EVENTS_MAX_STREAMS=$((STREAMS + 10))
wait_for "http://127.0.0.1:$GATEWAY_PORT/observe/health" "gateway"
require_plugin_started board-sync

COUNTER=$WORK/counter
node "$(dirname "$0")/streams.js" "http://127.0.0.1:$GATEWAY_PORT" uXjVbenchfeed= "$STREAMS" "$COUNTER" \
  >"$WORK/streams.log" 2>&1 &
HELPER_PIDS+=($!)
for i in $(seq 1 300); do
  if [ -f "$COUNTER" ] && [ "$(cut -d' ' -f1 "$COUNTER")" = "$STREAMS" ]; then break; fi
  sleep 0.2
done
echo "bench: streams open: $(cut -d' ' -f1 "$COUNTER") of $STREAMS"

cat >"$WORK/patch.lua" <<'LUA'
wrk.method = "PATCH"
wrk.body = '{"data":{"content":"changed"}}'
wrk.headers["Content-Type"] = "application/json"
LUA
PATH_UNDER_TEST="/v2/boards/uXjVbenchfeed%3D/items/3458764517517852411"
url="http://127.0.0.1:$GATEWAY_PORT$PATH_UNDER_TEST"
echo "bench: warm-up $WARMUP, then wrk $WRK_ARGS -d$DURATION PATCH $url"
# shellcheck disable=SC2086 # WRK_ARGS is a list of options on purpose
wrk $WRK_ARGS -d"$WARMUP" -s "$WORK/patch.lua" "$url" >"$WORK/warmup.txt"
sleep 2
read -r _ events_before _ <"$COUNTER"
cpu_before=$(cpu_ticks "$GATEWAY_PID")
# shellcheck disable=SC2086
wrk $WRK_ARGS -d"$DURATION" --latency -s "$WORK/patch.lua" "$url" >"$WORK/run.txt"
sleep 2 # events of the last changes still on their way
cpu_after=$(cpu_ticks "$GATEWAY_PID")
read -r open events_after failed <"$COUNTER"
seconds=${DURATION%s}
changes=$(awk '/requests in/ { print $1 }' "$WORK/run.txt")
read -r rps p99 non2xx errs _ < <(parse_wrk <"$WORK/run.txt")
delivered=$((events_after - events_before))

echo
echo "$(nproc) CPUs, load average before: $load; gateway JAVA_OPTS: $GATEWAY_JAVA_OPTS"
echo "streams open at the end: $open of $STREAMS (refused or failed: $failed)"
echo "changes (PATCH through /v2): $changes in $DURATION = $rps/s, p99 $p99 ms, non-2xx $non2xx, socket errors $errs"
echo "events delivered: $delivered = $(awk -v d="$delivered" -v s="$seconds" 'BEGIN { printf "%.0f", d / (s + 2) }')/s" \
  "over all streams (expected $((changes * STREAMS)): every change to every stream)"
echo "gateway CPU per delivered event: $(awk -v t=$((cpu_after - cpu_before)) -v hz="$CLK_TCK" -v n="$delivered" \
  'BEGIN { if (n > 0) printf "%.1f us", t * 1000000 / hz / n; else print "n/a" }')"
