package com.mirogateway.platform.testkit.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import com.mirogateway.platform.testkit.PluginJar;
import com.mirogateway.platform.testkit.TestGateway;
import com.mirogateway.platform.testkit.TestHttp;
import com.mirogateway.platform.testkit.plugins.FakeLegacyPlugin;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With {@code plugins.signature.required}, only archives signed with {@code jarsigner} by a certificate of the
 * truststore are installed; keys and the truststore are made with the JDK's {@code keytool}.
 */
class SignedPluginTest {
    private static final String STORE_PASSWORD = "signer-secret";

    @TempDir
    static Path keys;

    private static TestGateway gateway;

    @BeforeAll
    static void startWithSignaturesRequired() throws Exception {
        keytool(
                "-genkeypair",
                "-alias",
                "team",
                "-keyalg",
                "EC",
                "-groupname",
                "secp256r1",
                "-dname",
                "CN=Plugin Team",
                "-validity",
                "2",
                "-storetype",
                "PKCS12",
                "-keystore",
                keys.resolve("team.p12").toString(),
                "-storepass",
                STORE_PASSWORD);
        keytool(
                "-genkeypair",
                "-alias",
                "stranger",
                "-keyalg",
                "EC",
                "-groupname",
                "secp256r1",
                "-dname",
                "CN=Stranger",
                "-validity",
                "2",
                "-storetype",
                "PKCS12",
                "-keystore",
                keys.resolve("stranger.p12").toString(),
                "-storepass",
                STORE_PASSWORD);
        keytool(
                "-exportcert",
                "-alias",
                "team",
                "-keystore",
                keys.resolve("team.p12").toString(),
                "-storepass",
                STORE_PASSWORD,
                "-file",
                keys.resolve("team.cer").toString());
        keytool(
                "-importcert",
                "-noprompt",
                "-alias",
                "team",
                "-file",
                keys.resolve("team.cer").toString(),
                "-storetype",
                "PKCS12",
                "-keystore",
                keys.resolve("trust.p12").toString(),
                "-storepass",
                "trust-secret");
        Files.writeString(keys.resolve("trust-password"), "trust-secret\n");
        gateway = requiringSignatures(TestGateway.builder()).build().start();
    }

    private static TestGateway.Builder requiringSignatures(TestGateway.Builder builder) {
        return builder.plugin(PluginJar.of("fake-legacy").classes(FakeLegacyPlugin.class))
                .config("plugins.signature.required", "true")
                .config(
                        "plugins.signature.truststore",
                        keys.resolve("trust.p12").toString())
                .config(
                        "plugins.signature.truststore-password-file",
                        keys.resolve("trust-password").toString());
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Test
    void jarSignedByATrustedCertificateIsInstalled() throws Exception {
        byte[] signed = sign(Uploads.versioned("1.0.0"), "team.p12", "team");

        assertThat(Uploads.put(gateway, Uploads.ID, signed).statusCode()).isEqualTo(201);
        assertThat(TestHttp.get(gateway.uri("/api/lifecycle/version")).body()).isEqualTo("1.0.0");
        assertThat(TestHttp.delete(gateway.uri("/admin/plugins/lifecycle")).statusCode())
                .isEqualTo(204);
    }

    @Test
    void unsignedJarIsRefused() {
        PluginUploadRefusalsTest.assertProblem(
                Uploads.put(gateway, Uploads.ID, Uploads.versioned("1.0.0")),
                422,
                "plugin-signature-invalid",
                "is not signed");
        assertNotInstalled();
    }

    @Test
    void jarWithAnEntryChangedAfterSigningIsRefused() throws Exception {
        byte[] tampered =
                rewrite(sign(Uploads.versioned("1.0.0"), "team.p12", "team"), "lifecycle-version.txt", "6.6.6", false);

        PluginUploadRefusalsTest.assertProblem(
                Uploads.put(gateway, Uploads.ID, tampered), 422, "plugin-signature-invalid", "altered after signing");
        assertNotInstalled();
    }

    @Test
    void jarWithAnEntryAddedAfterSigningIsRefused() throws Exception {
        byte[] added = rewrite(sign(Uploads.versioned("1.0.0"), "team.p12", "team"), "extra.txt", "smuggled", true);

        PluginUploadRefusalsTest.assertProblem(
                Uploads.put(gateway, Uploads.ID, added), 422, "plugin-signature-invalid", "extra.txt is not signed");
        assertNotInstalled();
    }

    @Test
    void jarSignedByAnUntrustedCertificateIsRefused() throws Exception {
        byte[] signed = sign(Uploads.versioned("1.0.0"), "stranger.p12", "stranger");

        PluginUploadRefusalsTest.assertProblem(
                Uploads.put(gateway, Uploads.ID, signed), 422, "plugin-signature-invalid", "signed by nobody");
        assertNotInstalled();
    }

    @Test
    void keptArchivesAreCheckedAgainWhenLoadedFromTheStore() throws Exception {
        try (TestGateway own = requiringSignatures(TestGateway.builder())
                .plugin(Uploads.bundled("1.0.0"))
                .build()
                .start()) {
            byte[] signed = sign(Uploads.versioned("2.0.0"), "team.p12", "team");
            assertThat(Uploads.put(own, Uploads.ID, signed).statusCode()).isEqualTo(200);

            own.restart();

            assertThat(Uploads.version(own)).isEqualTo("2.0.0"); // signed: checked again and loaded
            assertThat(Uploads.post(own, "/admin/plugins/lifecycle/rollback").statusCode())
                    .isEqualTo(200);
            assertThat(Uploads.version(own)).isEqualTo("1.0.0"); // the bundled jar, unsigned like every bundled jar
            assertThat(Uploads.post(own, "/admin/plugins/lifecycle/rollback").statusCode())
                    .isEqualTo(200);
            assertThat(Uploads.version(own)).isEqualTo("2.0.0");

            // someone with write access to the store swaps the installed archive for an unsigned one
            byte[] unsigned = Uploads.versioned("6.6.6");
            assertThat(Uploads.updateStore(
                            own,
                            "UPDATE gateway_plugin_archives SET content = X'"
                                    + HexFormat.of().formatHex(unsigned)
                                    + "', digest = '" + Uploads.digest(unsigned) + "' WHERE plugin_id = '"
                                    + Uploads.ID + "' AND version = '2.0.0'"))
                    .isEqualTo(1);

            own.restart();

            assertThat(Uploads.version(own)).isEqualTo("1.0.0"); // refused; the bundled jar runs instead
        }
    }

    private static void assertNotInstalled() {
        assertThat(Uploads.version(gateway)).isEqualTo("legacy GET /api/lifecycle/version");
    }

    private static byte[] sign(byte[] jar, String keystore, String alias) throws Exception {
        Path file = Files.createTempFile(keys, "plugin", ".jar");
        Files.write(file, jar);
        run(
                tool("jarsigner"),
                "-keystore",
                keys.resolve(keystore).toString(),
                "-storetype",
                "PKCS12",
                "-storepass",
                STORE_PASSWORD,
                file.toString(),
                alias);
        return Files.readAllBytes(file);
    }

    /** Copies a zip entry by entry, replacing (or adding) one entry's content. */
    private static byte[] rewrite(byte[] jar, String name, String content, boolean add) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(jar));
                ZipOutputStream zip = new ZipOutputStream(out)) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                byte[] bytes = in.readAllBytes();
                zip.putNextEntry(new ZipEntry(entry.getName()));
                zip.write(!add && entry.getName().equals(name) ? content.getBytes(StandardCharsets.UTF_8) : bytes);
                zip.closeEntry();
            }
            if (add) {
                zip.putNextEntry(new ZipEntry(name));
                zip.write(content.getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }

    private static void keytool(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(tool("keytool")));
        command.addAll(List.of(args));
        run(command.toArray(String[]::new));
    }

    private static String tool(String name) {
        return Path.of(System.getProperty("java.home"), "bin", name).toString();
    }

    private static void run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue())
                .as(String.join(" ", command) + "\n" + output)
                .isZero();
    }
}
