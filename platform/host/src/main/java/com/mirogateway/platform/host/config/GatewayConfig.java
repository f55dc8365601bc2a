package com.mirogateway.platform.host.config;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.helidon.config.spi.ConfigSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Builds the gateway's configuration from its layers; later layers win.
 *
 * <ol>
 *   <li>{@code conf/application.yaml} (every setting with its default);
 *   <li>an optional YAML file named by the {@code GATEWAY_CONFIG} environment variable;
 *   <li>{@code GATEWAY_*} environment variables: strip {@code GATEWAY_}, and the rest names a key upper-cased with
 *       {@code .} and {@code -} written as {@code _} ({@code GATEWAY_LEGACY_BASE_URL} → {@code legacy.base-url}).
 *       The variable is matched against the keys the YAML layers define; a name matching none becomes the key with
 *       {@code _} read as {@code .};
 *   <li>explicit overrides (tests and embedding code).
 * </ol>
 */
public final class GatewayConfig {
    /** The environment variable naming an extra configuration file. */
    public static final String CONFIG_FILE_VARIABLE = "GATEWAY_CONFIG";

    private static final String PREFIX = "GATEWAY_";

    private GatewayConfig() {}

    /**
     * Loads the configuration.
     *
     * @param applicationYaml the base file, usually {@code conf/application.yaml}
     * @param environment the environment variables to read
     * @param overrides keys that win over every layer
     * @return the merged configuration
     * @throws IllegalArgumentException if {@code GATEWAY_CONFIG} names a missing file
     */
    public static Config load(Path applicationYaml, Map<String, String> environment, Map<String, String> overrides) {
        List<Supplier<? extends ConfigSource>> yamlLayers = new ArrayList<>();
        String extra = environment.get(CONFIG_FILE_VARIABLE);
        if (extra != null && !extra.isBlank()) {
            Path extraFile = Path.of(extra);
            if (!Files.isRegularFile(extraFile)) {
                throw new IllegalArgumentException(CONFIG_FILE_VARIABLE + " names a missing file: " + extraFile);
            }
            yamlLayers.add(ConfigSources.file(extraFile));
        }
        if (Files.isRegularFile(applicationYaml)) {
            yamlLayers.add(ConfigSources.file(applicationYaml));
        }
        Config yaml = build(yamlLayers);
        Set<String> knownKeys = new HashSet<>();
        yaml.traverse()
                .filter(Config::isLeaf)
                .forEach(node -> knownKeys.add(node.key().toString()));

        List<Supplier<? extends ConfigSource>> layers = new ArrayList<>();
        layers.add(ConfigSources.create(overrides));
        layers.add(ConfigSources.create(fromEnvironment(environment, knownKeys)));
        layers.addAll(yamlLayers);
        return build(layers);
    }

    /** Maps {@code GATEWAY_*} variables to configuration keys. */
    static Map<String, String> fromEnvironment(Map<String, String> environment, Set<String> knownKeys) {
        Map<String, String> byEnvName = new HashMap<>();
        for (String key : knownKeys) {
            byEnvName.put(envName(key), key);
        }
        Map<String, String> values = new HashMap<>();
        environment.forEach((name, value) -> {
            if (name.startsWith(PREFIX) && !name.equals(CONFIG_FILE_VARIABLE)) {
                String rest = name.substring(PREFIX.length());
                String key = byEnvName.getOrDefault(
                        rest, rest.toLowerCase(Locale.ROOT).replace('_', '.'));
                values.put(key, value);
            }
        });
        return values;
    }

    static String envName(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    private static Config build(List<Supplier<? extends ConfigSource>> layers) {
        return Config.builder()
                .disableEnvironmentVariablesSource()
                .disableSystemPropertiesSource()
                .sources(layers)
                .build();
    }
}
