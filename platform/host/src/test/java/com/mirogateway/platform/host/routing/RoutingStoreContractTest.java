package com.mirogateway.platform.host.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mirogateway.platform.host.cluster.ChangeChannel;
import com.mirogateway.platform.host.store.Databases;
import com.mirogateway.platform.host.store.HostStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The migration controls' tables, run against each database by a subclass: modes ops set, comparison counts summed
 * by upsert, reports pruned to the latest, a second gateway on the same database seeing a change. Every test uses its
 * own route ids.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class RoutingStoreContractTest {
    private Databases.TestDatabase database;
    private HostStore store;

    abstract Databases.TestDatabase createDatabase();

    @BeforeAll
    void open() {
        database = createDatabase();
        store = HostStore.open(database.config());
        store.forOwner(MigrationControls.STORE_OWNER, MigrationControls.class.getClassLoader())
                .migrate("com/mirogateway/platform/host/routing/migration");
    }

    @AfterAll
    void close() {
        store.close();
        database.close();
    }

    private static final ConfiguredModes NONE = new ConfiguredModes(Map.of(), Map.of(), RouteMode.PLUGIN);

    @Test
    void modesAreStoredReplacedAndRemoved() {
        RouteModeStore modes = new RouteModeStore(store);
        RouteMode canary = RouteMode.of("canary", 12.5, true, List.of("$.a", "b"));

        modes.transaction(tx -> {
            modes.put(tx, RouteModeStore.ROUTE, "GET:/m/{id}", RouteMode.of("legacy", null, false, List.of()));
            return null;
        });
        modes.transaction(tx -> {
            modes.put(tx, RouteModeStore.ROUTE, "GET:/m/{id}", canary);
            return null;
        });
        modes.transaction(tx -> {
            modes.put(tx, RouteModeStore.PLUGIN, "m-plugin", RouteMode.of("shadow", null, false, List.of()));
            return null;
        });

        assertThat(modes.all())
                .contains(
                        new RouteModeStore.Row(RouteModeStore.ROUTE, "GET:/m/{id}", canary),
                        new RouteModeStore.Row(
                                RouteModeStore.PLUGIN, "m-plugin", RouteMode.of("shadow", null, false, List.of())));
        assertThat(modes.<Boolean>transaction(tx -> modes.delete(tx, RouteModeStore.ROUTE, "GET:/m/{id}")))
                .isTrue();
        assertThat(modes.<Boolean>transaction(tx -> modes.delete(tx, RouteModeStore.ROUTE, "GET:/m/{id}")))
                .isFalse();
        assertThat(modes.<Boolean>transaction(tx -> modes.delete(tx, RouteModeStore.PLUGIN, "m-plugin")))
                .isTrue();
    }

    @Test
    void aChangeThroughOneGatewayReachesAnotherSharingTheDatabase() {
        try (RouteModes here = new RouteModes(new RouteModeStore(store), NONE, Duration.ZERO, ChangeChannel.alone());
                RouteModes there = new RouteModes(
                        new RouteModeStore(store), NONE, Duration.ofMillis(100), ChangeChannel.alone())) {
            long before = there.revision();

            here.setRoute("GET:/shared", RouteMode.of("legacy", null, false, List.of()));

            await().atMost(Duration.ofSeconds(10))
                    .until(() -> there.effective("GET:/shared", "p").mode().mode() == Mode.LEGACY);
            assertThat(there.revision()).isGreaterThan(before);
            here.setPlugin("p", RouteMode.of("shadow", null, false, List.of()), List.of("GET:/shared"));
            assertThat(here.effective("GET:/shared", "p").source()).isEqualTo(Effective.Source.PLUGIN);
            assertThat(here.pluginSetting("p")).isPresent();
            assertThat(here.clearPlugin("p")).isTrue();
            assertThat(here.clearRoute("GET:/shared")).isFalse();
        }
    }

    @Test
    void countsAreSummedAndReportsKeptToTheLatest() {
        DiffStore diffs = new DiffStore(store, 3);
        DiffRecorder.Key key = new DiffRecorder.Key("GET:/c", "shadow");
        for (int i = 0; i < 5; i++) {
            diffs.write(
                    Map.of(key, new DiffCounts(2, 1, 1, 0, 1, 1)),
                    List.of(new DiffStore.Report(
                            String.format("%013d-%010d", 1000 + i, i),
                            "GET:/c",
                            "shadow",
                            1000 + i,
                            "{\"n\":" + i + "}")));
        }

        assertThat(diffs.countsOf("GET:/c")).containsEntry("shadow", new DiffCounts(10, 5, 5, 0, 5, 5));
        assertThat(diffs.counts("shadow")).containsEntry("GET:/c", new DiffCounts(10, 5, 5, 0, 5, 5));
        assertThat(diffs.reports("GET:/c", "shadow", 10)).containsExactly("{\"n\":4}", "{\"n\":3}", "{\"n\":2}");
        assertThat(diffs.reports("GET:/c", "legacy-vs-legacy", 10)).isEmpty();

        diffs.reset("GET:/c");

        assertThat(diffs.countsOf("GET:/c")).isEmpty();
        assertThat(diffs.reports("GET:/c", "shadow", 10)).isEmpty();
    }

    @Test
    void theRecorderBatchesOutcomesIntoTheStore() {
        DiffStore diffs = new DiffStore(store, 10);
        try (DiffRecorder recorder = new DiffRecorder(diffs, Duration.ofHours(1))) {
            recorder.compared("GET:/r", Mode.SHADOW, true, false, true, null);
            recorder.compared("GET:/r", Mode.SHADOW, false, true, false, "{\"report\":1}");
            recorder.timedOut("GET:/r", Mode.SHADOW);
            recorder.skipped("GET:/r", Mode.LEGACY_VS_LEGACY);

            assertThat(diffs.countsOf("GET:/r")).isEmpty();
            recorder.flush();

            assertThat(diffs.countsOf("GET:/r"))
                    .containsEntry("shadow", new DiffCounts(2, 1, 1, 2, 1, 0))
                    .containsEntry("legacy-vs-legacy", new DiffCounts(0, 0, 0, 0, 0, 1));
            assertThat(diffs.reports("GET:/r", "shadow", 10)).containsExactly("{\"report\":1}");
            assertThat(new DiffCounts(2, 1, 1, 2, 1, 0).matchRate()).hasValue(0.5);
            assertThat(DiffCounts.ZERO.matchRate()).isEmpty();
        }
    }
}
