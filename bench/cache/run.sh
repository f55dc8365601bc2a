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

BENCH_NAME=miro-cache-bench
BASE_PORT=${BASE_PORT:-18500}
# shellcheck source=../lib.sh
source "$(dirname "$0")/../lib.sh"

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

start_gateway GATEWAY_MIRO_BASE_URL="http://127.0.0.1:$MIRO_PORT" \
  GATEWAY_PLUGINS_BOARD_SYNC_FRESH_FOR=PT1H \
  GATEWAY_PLUGINS_BOARD_SYNC_RESYNC_ENABLED=false

PATH_UNDER_TEST="/api/boards/uXjVbench1k%3D/items?limit=10"
wait_for "http://127.0.0.1:$MIRO_PORT/v2/boards/$BOARD/items" "Miro nginx"
wait_for "http://127.0.0.1:$CACHE_PORT$PATH_UNDER_TEST" "cache nginx"
wait_for "http://127.0.0.1:$GATEWAY_PORT/observe/health" "gateway"
require_plugin_started board-sync
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

miro_before=$(curl -sf "http://127.0.0.1:$GATEWAY_PORT/admin/cache")
# shellcheck disable=SC2046 # one argument per pid
measure nginx "$CACHE_PORT" $(nginx_workers cache)
measure gateway "$GATEWAY_PORT" "$GATEWAY_PID"
stats=$(curl -sf "http://127.0.0.1:$GATEWAY_PORT/admin/cache")

echo
echo "wrk $WRK_ARGS -d$DURATION --latency, warm-up $WARMUP; $(nproc) CPUs, load average before: $load"
echo "gateway: $DIST_DIR, JAVA_OPTS: $GATEWAY_JAVA_OPTS"
echo "body: ${#BODY} bytes; GET $PATH_UNDER_TEST"
print_table nginx gateway
echo
echo "gateway/nginx requests/s:  $(ratio "${RPS[gateway]}" "${RPS[nginx]}")   (target >= 1.10)"
echo "gateway/nginx p99:         $(ratio "${P99[gateway]}" "${P99[nginx]}")   (target <= 1.50)"
echo "gateway/nginx CPU/request: $(ratio "${CPU[gateway]}" "${CPU[nginx]}")"
echo "gateway /admin/cache before: $miro_before"
echo "gateway /admin/cache after:  $stats"
