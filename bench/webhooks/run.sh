#!/usr/bin/env bash
# Acknowledged webhook deliveries per second on the default SQLite store: wrk POSTs distinct Miro board events to a
# subscription's callback URL; every 200 means the delivery and the job applying it are committed. Afterwards the
# script checks that every acknowledged delivery is stored and waits until all are applied to the board cache,
# reporting how long that took. Needs wrk and python3 (the Miro stand-in that creates the subscription).
#
#   bench/webhooks/run.sh                      # defaults: wrk -t2 -c32, 10 s warm-up, 15 s measured
#   WRK_ARGS="-t2 -c8" DURATION=30s bench/webhooks/run.sh
set -euo pipefail
BENCH_NAME=bench-webhooks
BASE_PORT=${BASE_PORT:-18600}
NEEDS_NGINX=0
WARMUP=${WARMUP:-10s}
# shellcheck source=../lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
command -v python3 >/dev/null 2>&1 || { echo "bench: python3 is needed for the Miro stand-in" >&2; exit 1; }

BOARD=uXjVbenchWh=
take_port GATEWAY_PORT
take_port MIRO_PORT
python3 "$REPO/bench/webhooks/miro_stub.py" "$MIRO_PORT" "$WORK/callback-url" &
HELPER_PIDS+=($!)
start_gateway GATEWAY_MIRO_BASE_URL="http://127.0.0.1:$MIRO_PORT" \
  GATEWAY_PLUGINS_WEBHOOKS_PUBLIC_BASE_URL=https://gateway.example.com \
  GATEWAY_PLUGINS_BOARD_SYNC_RESYNC_ENABLED=false
BASE="http://127.0.0.1:$GATEWAY_PORT"
wait_for "$BASE/observe/health" gateway
require_plugin_started webhooks
require_plugin_started board-sync

curl -sf -o /dev/null -H 'Content-Type: application/json' -d "{\"boardId\":\"$BOARD\"}" \
  "$BASE/admin/webhooks/subscriptions"
CALLBACK_PATH=/webhooks/miro/$(sed 's|.*/||' "$WORK/callback-url")
URL="$BASE$CALLBACK_PATH"
SCRIPT="$REPO/bench/webhooks/deliveries.lua"

stored() { # deliveries in the inbox, and those applied
  curl -sf "$BASE/admin/webhooks/deliveries?limit=1" | python3 -c '
import json, sys
counts = json.load(sys.stdin)["counts"]
print(sum(counts.values()), counts["applied"] + counts["ignored"])'
}

echo "bench: warm-up $WARMUP, then wrk $WRK_ARGS -d$DURATION --latency (POST $BASE/webhooks/miro/<secret>)"
# shellcheck disable=SC2086 # WRK_ARGS is a list of options on purpose
wrk $WRK_ARGS -d"$WARMUP" -s "$SCRIPT" "$URL" -- warm "$BOARD" >"$WORK/warmup.txt"
read -r warm_stored _ < <(stored)
before=$(cpu_ticks "$GATEWAY_PID")
# shellcheck disable=SC2086
wrk $WRK_ARGS -d"$DURATION" --latency -s "$SCRIPT" "$URL" -- run "$BOARD" >"$WORK/run.txt"
after=$(cpu_ticks "$GATEWAY_PID")
ended=$(date +%s.%N)
read -r rps p99 non2xx errors _ < <(parse_wrk <"$WORK/run.txt")
requests=$(awk '/requests in/ { print $1 }' "$WORK/run.txt")
acked=$((requests - non2xx))

applied=0
for _ in $(seq 1 600); do
  read -r total applied < <(stored)
  [ "$applied" -ge "$total" ] && break
  sleep 0.1
done
drained=$(awk -v a="$(date +%s.%N)" -v b="$ended" 'BEGIN { printf "%.1f", a - b }')
cpu=$(awk -v t=$((after - before)) -v hz="$CLK_TCK" -v n="${requests:-0}" \
  'BEGIN { if (n > 0) printf "%.0f", t * 1000000 / hz / n; else print "n/a" }')

echo
echo "wrk $WRK_ARGS -d$DURATION --latency, warm-up $WARMUP; $(nproc) CPUs, load average before: $load"
echo "gateway: $DIST_DIR, JAVA_OPTS: $GATEWAY_JAVA_OPTS, store: SQLite (default)"
printf 'acknowledged deliveries/s: %s   p99: %s ms   CPU/delivery: %s us   non-2xx: %s   socket errors: %s\n' \
  "$rps" "$p99" "$cpu" "$non2xx" "$errors"
echo "acknowledged in the measured run: $acked; stored by it: $((total - warm_stored)) (more by up to the connections: requests in flight when wrk stopped)"
echo "all $total stored deliveries applied (or ignored as older): $([ "$applied" -ge "$total" ] && echo yes || echo "NO ($applied)"); drained ${drained}s after the run ended"
if [ "$((total - warm_stored))" -lt "$acked" ]; then
  echo "bench: fewer deliveries stored than acknowledged" >&2
  exit 1
fi
