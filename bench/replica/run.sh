#!/usr/bin/env bash
# Replica benchmark: list reads of a synced board against nginx proxy_cache serving the same bytes.
#   (a) nginx     wrk -> nginx proxy_cache (a HIT from its cache) in front of an nginx answering the page
#   (b) gateway   wrk -> bin/gateway, GET /api/boards/{id}/items of a synced board (X-Cache: HIT from the replica)
# The gateway syncs the board from an nginx playing Miro; its replica page is then what both serve (so the body
# sizes are equal, checked). Prints requests/s, p99 and CPU time per request of each and the ratio gateway/nginx.
#
# Settings (environment): WRK_ARGS, DURATION, WARMUP, GATEWAY_JAVA_OPTS, DIST_DIR as bench/cache/run.sh;
#   BASE_PORT     first port tried for the servers   (default: 18600)
set -euo pipefail

BENCH_NAME=miro-replica-bench
BASE_PORT=${BASE_PORT:-18600}
# shellcheck source=../lib.sh
source "$(dirname "$0")/../lib.sh"

take_port MIRO_PORT
take_port ORIGIN_PORT
take_port CACHE_PORT
take_port GATEWAY_PORT

# The board's items in Miro's cursor envelope (one page, as bench/cache/run.sh): what the sync reads.
BOARD=uXjVbenchrep=
ITEM() { # id, x
  printf '{"id":"%s","type":"sticky_note","data":{"content":"Bench note %s","shape":"square"},' "$1" "$1"
  printf '"style":{"fillColor":"light_yellow","textAlign":"center"},"position":{"x":%s,"y":0,"origin":"center"},' "$2"
  printf '"geometry":{"width":199,"height":228},"createdAt":"2026-01-01T00:00:00Z","modifiedAt":"2026-01-02T00:00:00Z"}'
}
items=""
for i in 1 2 3 4 5 6; do
  items+="${items:+,}$(ITEM "345876451751785241$i" "$((i * 220))")"
done
MIRO_BODY="{\"data\":[$items],\"total\":6,\"size\":6,\"limit\":50,\"links\":{}}"

write_nginx_conf miro "
  server {
    listen 127.0.0.1:$MIRO_PORT;
    default_type application/json;
    location /v2/boards/ {
      return 200 '$MIRO_BODY';
    }
  }"

start_gateway GATEWAY_MIRO_BASE_URL="http://127.0.0.1:$MIRO_PORT" \
  GATEWAY_PLUGINS_BOARD_SYNC_RESYNC_ENABLED=false
wait_for "http://127.0.0.1:$GATEWAY_PORT/observe/health" "gateway"
require_plugin_started board-sync

location=$(curl -sf -D - -o /dev/null -X POST "http://127.0.0.1:$GATEWAY_PORT/api/boards/uXjVbenchrep%3D/sync" |
  tr -d '\r' | sed -n 's/^[Ll]ocation: //p')
for i in $(seq 1 300); do
  if curl -sf "http://127.0.0.1:$GATEWAY_PORT$location" | grep -q '"state":"succeeded"'; then break; fi
  sleep 0.2
done
PATH_UNDER_TEST="/api/boards/uXjVbenchrep%3D/items?limit=10"
headers=$(curl -s -D - -o "$WORK/replica.json" "http://127.0.0.1:$GATEWAY_PORT$PATH_UNDER_TEST")
if ! grep -qi '^X-Cache: HIT' <<<"$headers"; then
  echo "bench: the synced board was not listed from the replica:" >&2
  echo "$headers" >&2
  exit 1
fi
BODY=$(cat "$WORK/replica.json")
echo "bench: replica page body is ${#BODY} bytes"

# nginx: an origin answering exactly the replica's page, and proxy_cache in front of it on the same path.
write_nginx_conf origin "
  server {
    listen 127.0.0.1:$ORIGIN_PORT;
    default_type application/json;
    location / {
      return 200 '$BODY';
    }
  }"
write_nginx_conf cache "
  proxy_cache_path $WORK/cache/cache/store levels=1:2 keys_zone=miro:10m max_size=100m inactive=1h use_temp_path=off;
  upstream origin {
    server 127.0.0.1:$ORIGIN_PORT;
    keepalive 64;
  }
  server {
    listen 127.0.0.1:$CACHE_PORT;
    location /api/boards/ {
      proxy_pass http://origin;
      proxy_http_version 1.1;
      proxy_set_header Connection \"\";
      proxy_cache miro;
      proxy_cache_key \$request_uri;
      proxy_cache_valid 200 1h;
      proxy_cache_lock on;
      add_header X-Cache \$upstream_cache_status;
    }
  }"
wait_for "http://127.0.0.1:$CACHE_PORT$PATH_UNDER_TEST" "cache nginx"
curl -s -o /dev/null "http://127.0.0.1:$CACHE_PORT$PATH_UNDER_TEST" # fills the cache
headers=$(curl -s -D - -o "$WORK/cached.json" "http://127.0.0.1:$CACHE_PORT$PATH_UNDER_TEST")
if ! grep -qi '^X-Cache: HIT' <<<"$headers" || ! cmp -s "$WORK/cached.json" "$WORK/replica.json"; then
  echo "bench: nginx did not serve the replica's page from its cache:" >&2
  echo "$headers" >&2
  exit 1
fi

miro_requests() { curl -sf "http://127.0.0.1:$GATEWAY_PORT/admin/cache" | sed -n 's/.*"misses":\([0-9]*\).*/\1/p'; }
misses_before=$(miro_requests)
# shellcheck disable=SC2046 # one argument per pid
measure nginx "$CACHE_PORT" $(nginx_workers cache)
measure gateway "$GATEWAY_PORT" "$GATEWAY_PID"
misses_after=$(miro_requests)

echo
echo "wrk $WRK_ARGS -d$DURATION --latency, warm-up $WARMUP; $(nproc) CPUs, load average before: $load"
echo "gateway: $DIST_DIR, JAVA_OPTS: $GATEWAY_JAVA_OPTS"
echo "body: ${#BODY} bytes (both); GET $PATH_UNDER_TEST"
print_table nginx gateway
echo
echo "gateway/nginx requests/s:  $(ratio "${RPS[gateway]}" "${RPS[nginx]}")"
echo "gateway/nginx p99:         $(ratio "${P99[gateway]}" "${P99[nginx]}")"
echo "gateway/nginx CPU/request: $(ratio "${CPU[gateway]}" "${CPU[nginx]}")"
echo "gateway read-through misses during the runs: $((misses_after - misses_before)) (0: no Miro call)"
