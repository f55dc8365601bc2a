package com.mirogateway.platform.testkit;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.mirogateway.platform.host.Gateway;
import com.mirogateway.platform.host.config.GatewayConfig;
import io.helidon.config.Config;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real gateway host for a test: own home folder, chosen plugins, configuration overrides, free port, and optionally
 * a WireMock server playing the legacy service.
 *
 * <p>Register it as a static JUnit 5 extension ({@code @RegisterExtension static TestGateway gateway =
 * TestGateway.builder()...build();}) to start it before the class's tests and stop it after; or call {@link #start()}
 * and {@link #close()} yourself. Not thread-safe for start/stop; the running gateway is.
 *
 * <p>Unlike a real deployment, a test gateway runs with {@code security.enabled=false} (no bearer tokens needed, the
 * ops API answers loopback clients) unless the test sets {@code config("security.enabled", "true")} together with
 * {@code security.issuer} and {@code security.audience}.
 */
public final class TestGateway implements BeforeAllCallback, AfterAllCallback, AutoCloseable {
    private final Path home;
    private final List<PluginJar> plugins;
    private final Map<String, String> config;
    private final boolean legacyStub;
    private WireMockServer legacy;
    private Gateway gateway;

    private TestGateway(Builder builder) {
        this.home = builder.home;
        this.plugins = List.copyOf(builder.plugins);
        this.config = new LinkedHashMap<>(builder.config);
        this.legacyStub = builder.legacyStub;
    }

    /**
     * Starts building a test gateway.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Writes the plugins, starts the legacy stub (if asked for) and the gateway. Does nothing if already started.
     *
     * @return this gateway
     */
    public TestGateway start() {
        if (gateway != null) {
            return this;
        }
        try {
            Path home = home();
            Files.createDirectories(home.resolve("plugins"));
            for (PluginJar plugin : plugins) {
                plugin.writeTo(home.resolve("plugins"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (legacyStub && legacy == null) {
            legacy = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
            legacy.start();
            config.putIfAbsent("legacy.base-url", legacy.baseUrl());
        }
        startGateway();
        return this;
    }

    /**
     * Stops the gateway and starts it again on the same home folder (plugins, data, plugin states), on a new port.
     *
     * @return this gateway
     */
    public TestGateway restart() {
        if (gateway != null) {
            gateway.close();
            gateway = null;
        }
        startGateway();
        return this;
    }

    private void startGateway() {
        Map<String, String> overrides = new LinkedHashMap<>();
        overrides.put("server.port", "0");
        overrides.put("server.host", "127.0.0.1");
        overrides.put("security.enabled", "false"); // no OIDC provider in most tests; override with config(...)
        overrides.putAll(config);
        Config merged = GatewayConfig.load(home().resolve("conf/application.yaml"), Map.of(), overrides);
        gateway = Gateway.start(merged, home());
    }

    /**
     * The running gateway.
     *
     * @return the gateway
     * @throws IllegalStateException if it is not started
     */
    public Gateway gateway() {
        if (gateway == null) {
            throw new IllegalStateException("TestGateway is not started");
        }
        return gateway;
    }

    /**
     * The gateway's root URI, e.g. {@code http://127.0.0.1:41234}.
     *
     * @return the base URI
     */
    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + gateway().port());
    }

    /**
     * A URI on the gateway.
     *
     * @param pathAndQuery an absolute path with optional query, sent exactly as given
     * @return the URI
     */
    public URI uri(String pathAndQuery) {
        return URI.create(baseUri() + pathAndQuery);
    }

    /**
     * The WireMock server playing the legacy service.
     *
     * @return the stub, if the builder asked for one and the gateway started
     */
    public Optional<WireMockServer> legacy() {
        return Optional.ofNullable(legacy);
    }

    /**
     * The gateway's home folder (holds {@code plugins/} and {@code data/}).
     *
     * @return the home folder
     */
    public Path home() {
        return home;
    }

    @Override
    public void close() {
        if (gateway != null) {
            gateway.close();
            gateway = null;
        }
        if (legacy != null) {
            legacy.stop();
            legacy = null;
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    /** Builds a {@link TestGateway}. */
    public static final class Builder {
        private final List<PluginJar> plugins = new ArrayList<>();
        private final Map<String, String> config = new LinkedHashMap<>();
        private Path home;
        private boolean legacyStub;

        private Builder() {}

        /**
         * Adds a plugin.
         *
         * @param plugin the plugin jar to install
         * @return this builder
         */
        public Builder plugin(PluginJar plugin) {
            plugins.add(plugin);
            return this;
        }

        /**
         * Adds a plugin built in this reactor, packed from its {@code target/classes}.
         *
         * @param moduleDir the plugin module's folder, e.g. {@code ../../plugins/legacy-proxy}
         * @return this builder
         */
        public Builder reactorPlugin(Path moduleDir) {
            return plugin(PluginJar.fromClassesDir(moduleDir.resolve("target/classes")));
        }

        /**
         * Sets a configuration key, winning over every other layer.
         *
         * @param key the key, e.g. {@code legacy.read-timeout}
         * @param value the value
         * @return this builder
         */
        public Builder config(String key, String value) {
            config.put(key, value);
            return this;
        }

        /**
         * Starts a WireMock server as the legacy service and points {@code legacy.base-url} at it.
         *
         * @return this builder
         */
        public Builder legacyStub() {
            legacyStub = true;
            return this;
        }

        /**
         * Uses a given home folder instead of a fresh temporary one (e.g. to share data between two gateways).
         *
         * @param home the folder
         * @return this builder
         */
        public Builder home(Path home) {
            this.home = home;
            return this;
        }

        /**
         * Builds the (not yet started) test gateway.
         *
         * @return the test gateway
         */
        public TestGateway build() {
            if (home == null) {
                try {
                    home = Files.createTempDirectory("gateway-test-");
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return new TestGateway(this);
        }
    }
}
