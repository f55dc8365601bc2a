package com.mirogateway.platform.host.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.helidon.config.Config;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteJDBCLoader;
import org.sqlite.util.LibraryLoaderUtil;

class SqliteNativeLibraryTest {
    @Test
    void theDriversNativeLibraryIsKeptBesideTheDatabaseAndNamedToTheDriver(@TempDir Path dataDir) throws Exception {
        String before = System.clearProperty(ConnectionPool.LIB_PATH);
        try {
            try (HostStore store = HostStore.open(StoreConfig.from(Config.empty(), dataDir, Map.of()))) {
                assertThat(store.dialect()).isNotNull();
            }
            String name = LibraryLoaderUtil.getNativeLibName();
            Path folder = dataDir.resolve("native").resolve("sqlite-jdbc-" + SQLiteJDBCLoader.getVersion());
            assertThat(System.getProperty(ConnectionPool.LIB_PATH)).isEqualTo(folder.toString());
            assertThat(System.getProperty("org.sqlite.lib.name")).isEqualTo(name);
            try (InputStream jar = SQLiteJDBCLoader.class.getResourceAsStream(
                    LibraryLoaderUtil.getNativeLibResourcePath() + "/" + name)) {
                assertThat(Files.readAllBytes(folder.resolve(name))).isEqualTo(jar.readAllBytes());
            }
            assertThat(folder).isDirectoryNotContaining("glob:**.partial");
        } finally {
            if (before != null) {
                System.setProperty(ConnectionPool.LIB_PATH, before);
            }
        }
    }
}
