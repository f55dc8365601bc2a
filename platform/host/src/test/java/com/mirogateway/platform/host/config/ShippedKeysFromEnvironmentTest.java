package com.mirogateway.platform.host.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.helidon.config.Config;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every key of the shipped {@code conf/application.yaml} can be set from a {@code GATEWAY_*} variable in both spellings
 * the README documents: {@code -} written as {@code _}, and as {@code __} (Helidon's). The names are spelled here from
 * the README's rule, not by the code under test.
 */
class ShippedKeysFromEnvironmentTest {
    private static final Path SHIPPED = Path.of("../../dist/src/main/conf/application.yaml");

    @ParameterizedTest(name = "{0} from {1}")
    @MethodSource("shippedKeysInBothSpellings")
    void everyShippedKeyIsSetByItsVariable(String key, String variable, boolean list) {
        String value = list ? "x-one,x-two" : "from-" + variable;

        Config config = GatewayConfig.load(SHIPPED, Map.of(variable, value), Map.of());

        if (list) {
            assertThat(config.get(key).asList(String.class).get()).containsExactly("x-one", "x-two");
        } else {
            assertThat(config.get(key).asString().get()).isEqualTo(value);
        }
    }

    static Stream<Arguments> shippedKeysInBothSpellings() {
        assertThat(SHIPPED).isRegularFile();
        Config shipped = GatewayConfig.load(SHIPPED, Map.of(), Map.of());
        List<Config> settings = shipped.traverse()
                .filter(node -> node.type() == Config.Type.LIST
                        || (node.type() == Config.Type.VALUE
                                && shipped.get(node.key().parent().toString()).type() != Config.Type.LIST))
                .toList();
        assertThat(settings).hasSizeGreaterThan(100);
        return settings.stream().flatMap(node -> {
            String key = node.key().toString();
            String upper = "GATEWAY_" + key.toUpperCase(Locale.ROOT).replace('.', '_');
            boolean list = node.type() == Config.Type.LIST;
            return Stream.of(upper.replace('-', '_'), upper.replace("-", "__"))
                    .distinct()
                    .map(variable -> Arguments.of(key, variable, list));
        });
    }
}
