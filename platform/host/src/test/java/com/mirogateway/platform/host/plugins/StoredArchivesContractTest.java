package com.mirogateway.platform.host.plugins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mirogateway.platform.api.Store;
import com.mirogateway.platform.host.store.Databases;
import com.mirogateway.platform.host.store.HostStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The archives kept in the store, run against each database by a subclass: install and the previous slot, rollback
 * swapping back and forth, removal, the digest checked on every copy, the announcement inside the change's
 * transaction, and archives of the table's first version moved in from their files. Every test uses its own plugin id.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class StoredArchivesContractTest {
    private Databases.TestDatabase database;
    private HostStore hostStore;
    private Store store;
    private final List<String> announced = new CopyOnWriteArrayList<>();

    @TempDir
    Path folder;

    abstract Databases.TestDatabase createDatabase();

    @BeforeAll
    void open() {
        database = createDatabase();
        hostStore = HostStore.open(database.config());
        store = hostStore.forOwner(StoredArchives.STORE_OWNER, StoredArchives.class.getClassLoader());
    }

    @AfterAll
    void close() {
        hostStore.close();
        database.close();
    }

    private StoredArchives archives(BiConsumer<io.helidon.dbclient.DbExecute, String> announce) {
        return StoredArchives.open(store, folder.resolve("plugin-archives"), announce);
    }

    private StoredArchives archives() {
        return archives((tx, id) -> announced.add(id));
    }

    @Test
    void anUpgradeKeepsTheVersionBeforeAsThePreviousOneAndEveryChangeIsAnnounced() throws IOException {
        StoredArchives archives = archives();
        archives.install(upload("up", "1.0.0"), Optional.empty());
        archives.install(upload("up", "2.0.0"), Optional.empty());
        archives.install(upload("up", "3.0.0"), Optional.empty());

        assertThat(archives.current("up").orElseThrow().version()).isEqualTo("3.0.0");
        assertThat(archives.previous("up").orElseThrow().version()).isEqualTo("2.0.0");
        assertThat(content(archives, archives.current("up").orElseThrow())).isEqualTo("up 3.0.0");
        assertThat(archives.installed())
                .extracting(PluginArchives.Archive::pluginId)
                .containsOnlyOnce("up");
        assertThat(announced.stream().filter("up"::equals)).hasSize(3);
    }

    @Test
    void rollbackSwapsCurrentAndPreviousSoASecondOneSwapsBack() throws IOException {
        StoredArchives archives = archives();
        assertThatThrownBy(() -> archives.rollback("back")).isInstanceOf(NoSuchElementException.class);
        archives.install(upload("back", "1.0.0"), Optional.empty());
        archives.install(upload("back", "2.0.0"), Optional.empty());

        archives.rollback("back");
        assertThat(archives.current("back").orElseThrow().version()).isEqualTo("1.0.0");
        assertThat(archives.previous("back").orElseThrow().version()).isEqualTo("2.0.0");
        assertThat(content(archives, archives.current("back").orElseThrow())).isEqualTo("back 1.0.0");

        archives.rollback("back");
        assertThat(archives.current("back").orElseThrow().version()).isEqualTo("2.0.0");
        assertThat(archives.previous("back").orElseThrow().version()).isEqualTo("1.0.0");
    }

    @Test
    void theFirstUploadOverABundledJarKeepsTheJarAsThePreviousOne() throws IOException {
        StoredArchives archives = archives();
        archives.install(upload("bundled", "2.0.0"), Optional.of(upload("bundled", "1.0.0")));

        PluginArchives.Archive previous = archives.previous("bundled").orElseThrow();
        assertThat(previous.version()).isEqualTo("1.0.0");
        assertThat(content(archives, previous)).isEqualTo("bundled 1.0.0");
    }

    @Test
    void removalForgetsBothArchives() throws IOException {
        StoredArchives archives = archives();
        archives.install(upload("gone", "1.0.0"), Optional.empty());
        PluginArchives.Archive first = archives.current("gone").orElseThrow();
        archives.install(upload("gone", "2.0.0"), Optional.empty());

        archives.remove("gone");

        assertThat(archives.current("gone")).isEmpty();
        assertThat(archives.previous("gone")).isEmpty();
        assertThatThrownBy(() -> archives.copy(first)).isInstanceOf(NoSuchElementException.class);
        assertThat(announced.stream().filter("gone"::equals)).hasSize(3);
    }

    @Test
    void aChangeWhoseAnnouncementFailsIsNotKept() throws IOException {
        StoredArchives archives = archives((tx, id) -> {
            throw new IllegalStateException("the channel is down");
        });

        assertThatThrownBy(() -> archives.install(upload("unannounced", "1.0.0"), Optional.empty()))
                .hasStackTraceContaining("the channel is down");

        assertThat(archives.current("unannounced")).isEmpty();
    }

    @Test
    void aCopyIsAFreshFileAndAlteredBytesAreRefused() throws IOException {
        StoredArchives archives = archives();
        archives.install(upload("altered", "1.0.0"), Optional.empty());
        PluginArchives.Archive kept = archives.current("altered").orElseThrow();
        assertThat(archives.copy(kept)).isNotEqualTo(archives.copy(kept));

        store.db()
                .execute()
                .dml(
                        "UPDATE gateway_plugin_archives SET content = ? WHERE plugin_id = 'altered'",
                        "tampered".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> archives.copy(kept)).hasMessageContaining("does not match its digest");
    }

    @Test
    void archivesTheFirstVersionKeptAsFilesMoveIntoTheStoreAndTheFolderIsEmptied() throws IOException {
        archives().install(upload("old", "1.0.0"), Optional.empty());
        byte[] bytes = "old 1.0.0".getBytes(StandardCharsets.UTF_8);
        Path file =
                Files.createDirectories(folder.resolve("plugin-archives/old")).resolve("1.0.0.jar");
        Files.write(file, bytes);
        Path stray = Files.write(folder.resolve("plugin-archives/old/stray.jar"), bytes);
        store.db().execute().dml("UPDATE gateway_plugin_archives SET content = NULL WHERE plugin_id = 'old'");

        StoredArchives reopened = archives();

        assertThat(content(reopened, reopened.current("old").orElseThrow())).isEqualTo("old 1.0.0");
        assertThat(file).doesNotExist();
        assertThat(stray).doesNotExist();
    }

    /** An archive whose bytes are {@code "<id> <version>"} (the store does not look inside). */
    private VerifiedArchive upload(String id, String version) throws IOException {
        byte[] bytes = (id + " " + version).getBytes(StandardCharsets.UTF_8);
        Path file = Files.write(Files.createTempFile(folder, id, ".jar"), bytes);
        return new VerifiedArchive(id, version, List.of(), ContentDigest.of(bytes), file);
    }

    private static String content(StoredArchives archives, PluginArchives.Archive archive) throws IOException {
        return Files.readString(archives.copy(archive));
    }
}
