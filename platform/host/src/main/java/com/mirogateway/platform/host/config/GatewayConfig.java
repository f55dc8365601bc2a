package com.mirogateway.platform.host.config;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.helidon.config.spi.ConfigNode.ObjectNode;
import io.helidon.config.spi.ConfigSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
 *       {@code .} written as {@code _} and {@code -} as {@code _} or {@code __} ({@code GATEWAY_LEGACY_BASE_URL} and
 *       {@code GATEWAY_LEGACY_BASE__URL} → {@code legacy.base-url}); see {@link EnvironmentLayer};
 *   <li>explicit overrides (tests and embedding code).
 * </ol>
 */
public final class GatewayConfig {
    /** The environment variable naming an extra configuration file. */
    public static final String CONFIG_FILE_VARIABLE = "GATEWAY_CONFIG";

    private GatewayConfig() {}

    /**
     * Loads the configuration.
     *
     * @param applicationYaml the base file, usually {@code conf/application.yaml}
     * @param environment the environment variables to read
     * @param overrides keys that win over every layer
     * @return the merged configuration
     * @throws IllegalArgumentException if {@code GATEWAY_CONFIG} names a missing file
     * @throws EnvironmentVariableException if a {@code GATEWAY_*} variable cannot be mapped to a key
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
        ObjectNode variables = EnvironmentLayer.of(environment, Set.of(CONFIG_FILE_VARIABLE), yaml);

        List<Supplier<? extends ConfigSource>> layers = new ArrayList<>();
        layers.add(ConfigSources.create(overrides));
        layers.add(() -> ConfigSources.create(variables));
        layers.addAll(yamlLayers);
        return build(layers);
    }

    private static Config build(List<Supplier<? extends ConfigSource>> layers) {
        return Config.builder()
                .disableEnvironmentVariablesSource()
                .disableSystemPropertiesSource()
                .sources(layers)
                .build();
    }
}
