package ${package};

import io.helidon.config.Config;

/**
 * The plugin's configuration, section {@code plugins.${pluginId}} (environment: {@code GATEWAY_PLUGINS_..._GREETING}).
 *
 * @param greeting the text every item answer carries
 */
record ItemsConfig(String greeting) {

    static ItemsConfig from(Config section) {
        return new ItemsConfig(section.get("greeting").asString().orElse("hello"));
    }
}
