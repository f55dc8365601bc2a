#!/usr/bin/env bash
# Cluster benchmark: what one Miro call costs in budget accounting, side by side: the local ledger, the shared
# PostgreSQL row (one UPDATE ... RETURNING per call) with one and three instances, and leases of budget slices.
# Runs com.mirogateway.platform.host.miro.BudgetBenchmark (platform/host test sources) on the test class path.
# PostgreSQL must listen on 127.0.0.1:5432 (user postgres, trust auth); a fresh database is used and dropped.
# Settings (environment): CALLS (calls per shared run, default 5000), SLICE (credits per lease, default 20).
# Propagation and cross-instance enqueue-to-start are printed by the testkit's ClusterNotifyTest/ClusterPollTest.
set -euo pipefail
cd "$(dirname "$0")/../.."

CP_FILE=$(mktemp)
trap 'rm -f "$CP_FILE"' EXIT
# one reactor run (nothing installed into ~/.m2): the last module written, platform/host, leaves its class path
./dev mvn -q -B test-compile dependency:build-classpath -Djacoco.skip=true -Dspotless.check.skip=true \
  -Dcheckstyle.skip=true -pl platform/host -am -Dmdep.includeScope=test -Dmdep.outputFile="$CP_FILE" >/dev/null

JAVA=java
for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/*; do
  if [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] \
    && "$candidate/bin/java" -XshowSettings:properties -version 2>&1 | grep -Eq 'java.specification.version = (2[1-9]|[3-9][0-9])'; then
    JAVA="$candidate/bin/java"; break
  fi
done

# shellcheck disable=SC2086
exec "$JAVA" ${BENCH_JAVA_OPTS:--Xms256m -Xmx256m} \
  -Djava.util.logging.config.file=platform/host/src/test/resources/test-logging.properties \
  -Dcalls="${CALLS:-5000}" -Dslice="${SLICE:-20}" \
  -cp "platform/host/target/test-classes:platform/host/target/classes:$(cat "$CP_FILE")" \
  com.mirogateway.platform.host.miro.BudgetBenchmark
