package com.mirogateway.platform.testkit.lifecycle;

import com.mirogateway.platform.testkit.PluginJar;
import com.mirogateway.platform.testkit.TestGateway;
import com.mirogateway.platform.testkit.TestHttp;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Base64;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/** Builds plugin archives as bytes and uploads them through {@code PUT /admin/plugins/{id}}. */
public final class Uploads {
    public static final String ID = "lifecycle";

    private Uploads() {}

    /** The versioned test plugin as a jar. */
    public static byte[] versioned(String version) {
        return bytes(PluginJar.of(ID).version(version).classes(VersionedPlugin.class), version);
    }

    /** The versioned test plugin as a jar to bundle in the plugins folder ({@code TestGateway.Builder#plugin}). */
    static PluginJar bundled(String version) {
        return PluginJar.of(ID)
                .version(version)
                .classes(VersionedPlugin.class)
                .entry("lifecycle-version.txt", version.getBytes(StandardCharsets.UTF_8));
    }

    /** What {@code GET /api/lifecycle/version} answers: the running version, or the fake legacy's echo. */
    static String version(TestGateway gateway) {
        return TestHttp.get(gateway.uri("/api/lifecycle/version")).body();
    }

    /** The picky test plugin as a jar. */
    public static byte[] picky(String version) {
        return bytes(PluginJar.of(PickyPlugin.ID).version(version).classes(PickyPlugin.class), version);
    }

    /** A jar of plugin {@code lifecycle} whose start fails. */
    static byte[] failing(String version) {
        return bytes(PluginJar.of(ID).version(version).classes(FailingStartPlugin.class), version);
    }

    /** The versioned plugin with a descriptor of our own (another id, a {@code requires} range). */
    static byte[] withDescriptor(String descriptor) {
        return bytes(
                PluginJar.of(ID)
                        .classes(VersionedPlugin.class)
                        .entry("plugin.properties", descriptor.getBytes(StandardCharsets.UTF_8)),
                "custom");
    }

    /** Packs a builder into bytes; the jar also carries {@code lifecycle-version.txt}. */
    public static byte[] bytes(PluginJar jar, String version) {
        try {
            Path folder = Files.createTempDirectory("lifecycle-jar");
            Path file = jar.entry("lifecycle-version.txt", version.getBytes(StandardCharsets.UTF_8))
                    .writeTo(folder);
            byte[] bytes = Files.readAllBytes(file);
            Files.delete(file);
            Files.delete(folder);
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The same plugin in PF4J's zip layout: {@code plugin.properties} at the root, everything else under
     * {@code classes/}.
     */
    static byte[] asZip(byte[] jar) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(jar));
                ZipOutputStream zip = new ZipOutputStream(out)) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                byte[] bytes = in.readAllBytes();
                String name =
                        entry.getName().equals("plugin.properties") ? entry.getName() : "classes/" + entry.getName();
                zip.putNextEntry(new ZipEntry(name));
                zip.write(bytes);
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The RFC 9530 header value for a body. */
    public static String digest(byte[] body) {
        try {
            return "sha-256=:"
                    + Base64.getEncoder()
                            .encodeToString(MessageDigest.getInstance("SHA-256").digest(body))
                    + ":";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Uploads with the right digest. */
    public static HttpResponse<String> put(TestGateway gateway, String id, byte[] body) {
        return put(gateway.uri("/admin/plugins/" + id), body, "application/java-archive", digest(body));
    }

    /** Uploads with the given content type and digest header (null: none). */
    public static HttpResponse<String> put(URI uri, byte[] body, String contentType, String digest) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", contentType)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body));
        if (digest != null) {
            request.header("Content-Digest", digest);
        }
        return TestHttp.send(request);
    }

    /** How many archives of plugin {@code lifecycle} the gateway's SQLite store keeps. */
    static int keptArchives(TestGateway gateway) {
        try (Connection connection = sqlite(gateway);
                Statement statement = connection.createStatement();
                ResultSet count = statement.executeQuery(
                        "SELECT COUNT(*) FROM gateway_plugin_archives WHERE plugin_id = '" + ID + "'")) {
            count.next();
            return count.getInt(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs a statement on the gateway's SQLite store, beside the running gateway; returns the rows changed. */
    static int updateStore(TestGateway gateway, String sql) {
        try (Connection connection = sqlite(gateway);
                Statement statement = connection.createStatement()) {
            return statement.executeUpdate(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Connection sqlite(TestGateway gateway) throws SQLException {
        Connection connection =
                DriverManager.getConnection("jdbc:sqlite:" + gateway.home().resolve("data/gateway.db"));
        try (Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA busy_timeout = 5000"); // the gateway may be writing
        }
        return connection;
    }

    public static HttpResponse<String> post(TestGateway gateway, String path) {
        return TestHttp.send(HttpRequest.newBuilder(gateway.uri(path))
                .timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.noBody()));
    }
}
