package com.mirogateway.platform.host.config;

import io.helidon.config.Config;
import io.helidon.config.spi.ConfigNode.ListNode;
import io.helidon.config.spi.ConfigNode.ObjectNode;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The {@code GATEWAY_*} environment variables as one configuration layer over the YAML layers.
 *
 * <p>After the {@code GATEWAY_} prefix a variable names a key upper-cased, in either of two spellings: {@code .} and
 * {@code -} both written as {@code _} ({@code GATEWAY_SECURITY_ROLES_CLAIM}), or Helidon's, {@code .} as {@code _}
 * and {@code -} as {@code __} ({@code GATEWAY_SECURITY_ROLES__CLAIM}); both name {@code security.roles-claim}. The
 * name is looked up among the keys of the YAML layers (their settings and their lists); a name matching none becomes
 * a key by Helidon's rule: {@code __} is {@code -}, {@code _} is {@code .}, lower case. A variable naming a list of
 * values sets the whole list from one comma-separated value.
 *
 * <p>A variable that cannot be mapped is refused with an {@link EnvironmentVariableException} naming the variable and
 * the key it would set: a key with an empty part, a section of the YAML layers, a key inside a setting, a new key
 * inside a list, a list of sections, a name two keys share, or a key another variable sets too or contains.
 */
final class EnvironmentLayer {
    static final String PREFIX = "GATEWAY_";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9]+(__?[A-Za-z0-9]+)*");

    private final Config yaml;
    private final Map<String, Set<String>> keysByName = new HashMap<>();

    private EnvironmentLayer(Config yaml) {
        this.yaml = yaml;
        yaml.traverse()
                .filter(node -> node.type() == Config.Type.VALUE || node.type() == Config.Type.LIST)
                .map(node -> node.key().toString())
                .forEach(key -> {
                    keysByName
                            .computeIfAbsent(plainName(key), name -> new TreeSet<>())
                            .add(key);
                    keysByName
                            .computeIfAbsent(helidonName(key), name -> new TreeSet<>())
                            .add(key);
                });
    }

    /**
     * Builds the layer.
     *
     * @param environment all environment variables; those without the prefix and those in {@code ignored} are skipped
     * @param ignored variables with the prefix that are not settings ({@code GATEWAY_CONFIG})
     * @param yaml the YAML layers merged, which tell settings, lists and sections apart
     * @return the variables' values under their keys
     * @throws EnvironmentVariableException for the first variable (by name) that cannot be mapped
     */
    static ObjectNode of(Map<String, String> environment, Set<String> ignored, Config yaml) {
        EnvironmentLayer layer = new EnvironmentLayer(yaml);
        Map<String, String> variableByKey = new TreeMap<>();
        new TreeMap<>(environment).forEach((variable, value) -> {
            if (variable.startsWith(PREFIX) && !ignored.contains(variable)) {
                String key = layer.keyOf(variable);
                String other = variableByKey.putIfAbsent(key, variable);
                if (other != null) {
                    throw refused(variable, key, "which " + other + " sets as well");
                }
            }
        });
        ObjectNode.Builder node = ObjectNode.builder();
        variableByKey.forEach((key, variable) -> {
            layer.checkNotInside(variable, key, variableByKey);
            String value = environment.get(variable);
            if (yaml.get(key).type() == Config.Type.LIST) {
                node.addList(key, list(value));
            } else {
                node.addValue(key, value);
            }
        });
        return node.build();
    }

    /** {@code security.roles-claim} → {@code SECURITY_ROLES_CLAIM}. */
    static String plainName(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** {@code security.roles-claim} → {@code SECURITY_ROLES__CLAIM} (Helidon's own spelling). */
    static String helidonName(String key) {
        return key.toUpperCase(Locale.ROOT).replace(".", "_").replace("-", "__");
    }

    private String keyOf(String variable) {
        String name = variable.substring(PREFIX.length());
        Set<String> known = keysByName.get(name);
        if (known != null && known.size() > 1) {
            throw new EnvironmentVariableException(variable + " cannot be mapped: it names each of the keys " + known
                    + "; write '-' as '__' to pick one");
        }
        if (known != null) {
            return known.iterator().next();
        }
        String key = name.replace("__", "-").replace('_', '.').toLowerCase(Locale.ROOT);
        if (!NAME.matcher(name).matches()) {
            throw refused(variable, key, "which is not a key: '_' separates its parts and '__' stands for '-'");
        }
        checkPlace(variable, key);
        return key;
    }

    /** A key the YAML layers do not list must not replace a section or reach into a setting or a list. */
    private void checkPlace(String variable, String key) {
        Config node = yaml.get(key);
        if (node.type() == Config.Type.OBJECT) {
            throw refused(variable, key, "but " + key + " is a section, not a setting");
        }
        String[] parts = key.split("\\.");
        for (int end = 1; end < parts.length; end++) {
            String outer = String.join(".", Arrays.copyOfRange(parts, 0, end));
            Config.Type type = yaml.get(outer).type();
            if (type == Config.Type.VALUE) {
                throw refused(variable, key, "but " + outer + " is a setting, not a section");
            }
            if (type == Config.Type.LIST) {
                throw refused(variable, key, "but " + outer + " is a list: set it whole, as comma-separated values");
            }
        }
    }

    private void checkNotInside(String variable, String key, Map<String, String> variableByKey) {
        Config node = yaml.get(key);
        if (node.type() == Config.Type.LIST
                && !node.asNodeList().orElseThrow().stream().allMatch(Config::isLeaf)) {
            throw refused(variable, key, "but " + key + " is a list of sections, which one variable cannot set");
        }
        for (int dot = key.indexOf('.'); dot > 0; dot = key.indexOf('.', dot + 1)) {
            String outer = variableByKey.get(key.substring(0, dot));
            if (outer != null) {
                throw refused(variable, key, "inside " + key.substring(0, dot) + ", which " + outer + " sets");
            }
        }
    }

    private static ListNode list(String commaSeparated) {
        ListNode.Builder list = ListNode.builder();
        Arrays.stream(commaSeparated.split(","))
                .map(String::strip)
                .filter(value -> !value.isEmpty())
                .forEach(list::addValue);
        return list.build();
    }

    private static EnvironmentVariableException refused(String variable, String key, String reason) {
        return new EnvironmentVariableException(variable + " cannot be mapped: it would set " + key + ", " + reason);
    }
}
