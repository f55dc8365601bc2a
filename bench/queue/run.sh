#!/usr/bin/env bash
# Queue benchmark: no-op jobs/s and enqueue-to-start p50/p99 on SQLite and PostgreSQL, with 1 and 2 workers, and the
# claim batch size sweep (1, 10, 50). Runs com.mirogateway.platform.host.jobs.QueueBenchmark (platform/host test
# sources) on the test class path. See bench/queue/README.md.
#
# Arguments: the databases to run, "sqlite" and/or "postgresql" (default: both). PostgreSQL must listen on
# 127.0.0.1:5432 (user postgres, trust auth; .ci/services starts it); each run uses a fresh database, dropped after.
# Settings (environment): JOBS (backlog per throughput run, default 20000), RATE (jobs/s enqueued for the latency run,
# default 500), RUN_SECONDS (length of the latency run, default 5), CONCURRENCY (handlers per worker, default 16),
# BENCH_JAVA_OPTS (JVM options, default -Xms512m -Xmx512m).
set -euo pipefail
cd "$(dirname "$0")/../.."

CP_FILE=$(mktemp)
trap 'rm -f "$CP_FILE"' EXIT
# One reactor build (platform-api from its target/classes), so nothing is installed into the local repository.
./dev mvn -q -B test-compile dependency:build-classpath -pl platform/host -am -Djacoco.skip=true \
  -Dspotless.check.skip=true -Dcheckstyle.skip=true -Dmdep.includeScope=test -Dmdep.outputFile="$CP_FILE" >/dev/null

JAVA=java
for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/*; do
  if [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] \
    && "$candidate/bin/java" -XshowSettings:properties -version 2>&1 | grep -Eq 'java.specification.version = (2[1-9]|[3-9][0-9])'; then
    JAVA="$candidate/bin/java"; break
  fi
done

load=$(cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo 0)
if awk -v l="$load" -v n="$(nproc)" 'BEGIN { exit !(l > n / 2) }'; then
  echo "bench: warning: load average $load on $(nproc) CPUs; other work will distort the results" >&2
fi

# shellcheck disable=SC2086
exec "$JAVA" ${BENCH_JAVA_OPTS:--Xms512m -Xmx512m} \
  -Djava.util.logging.config.file=platform/host/src/test/resources/test-logging.properties \
  -Djobs="${JOBS:-20000}" -Drate="${RATE:-500}" -Dseconds="${RUN_SECONDS:-5}" \
  -Dconcurrency="${CONCURRENCY:-16}" -Druns="${RUNS:-1x50,2x50,1x1,1x10}" \
  -cp "platform/host/target/test-classes:platform/host/target/classes:$(cat "$CP_FILE")" \
  com.mirogateway.platform.host.jobs.QueueBenchmark "$@" 2> >(grep --line-buffered -v '^WARNING' >&2) | grep --line-buffered -v '^{'
