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

BENCH_NAME=miro-bench
BASE_PORT=${BASE_PORT:-18400}
# shellcheck source=../lib.sh
source "$(dirname "$0")/../lib.sh"

take_port UPSTREAM_PORT
take_port PROXY_PORT
take_port GATEWAY_PORT

# A ~200-byte JSON body, the same for every path.
BODY='{"ok":true,"service":"legacy","board":{"id":"uXjVOfjkmAk=","name":"Bench board","description":"A fixed upstream response used to compare proxies","owner":"3458764517517852417"},"items":[1,2,3,4,5,6,7,8]}'

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

start_gateway GATEWAY_LEGACY_BASE_URL="http://127.0.0.1:$UPSTREAM_PORT"

PATH_UNDER_TEST=/api/bench/items?limit=10
wait_for "http://127.0.0.1:$UPSTREAM_PORT$PATH_UNDER_TEST" "upstream nginx"
wait_for "http://127.0.0.1:$PROXY_PORT$PATH_UNDER_TEST" "proxy nginx"
wait_for "http://127.0.0.1:$GATEWAY_PORT/observe/health" "gateway"
require_plugin_started legacy-proxy
for port in "$UPSTREAM_PORT" "$PROXY_PORT" "$GATEWAY_PORT"; do
  answer=$(curl -sf "http://127.0.0.1:$port$PATH_UNDER_TEST")
  if [ "$answer" != "$BODY" ]; then
    echo "bench: port $port answered '$answer' instead of the upstream body" >&2
    exit 1
  fi
done

# shellcheck disable=SC2046 # one argument per pid
measure direct "$UPSTREAM_PORT" $(nginx_workers upstream)
# shellcheck disable=SC2046
measure nginx "$PROXY_PORT" $(nginx_workers proxy)
measure gateway "$GATEWAY_PORT" "$GATEWAY_PID"

echo
echo "wrk $WRK_ARGS -d$DURATION --latency, warm-up $WARMUP; $(nproc) CPUs, load average before: $load"
echo "gateway: $DIST_DIR, JAVA_OPTS: $GATEWAY_JAVA_OPTS"
print_table direct nginx gateway
echo
echo "gateway/nginx requests/s: $(ratio "${RPS[gateway]}" "${RPS[nginx]}")   (target >= 0.80)"
echo "nginx/direct  requests/s: $(ratio "${RPS[nginx]}" "${RPS[direct]}")"
echo "gateway/nginx p99:        $(ratio "${P99[gateway]}" "${P99[nginx]}")   (target: within 1 ms of nginx's)"
echo "gateway/nginx CPU/request: $(ratio "${CPU[gateway]}" "${CPU[nginx]}")"
