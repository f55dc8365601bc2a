package com.mirogateway.platform.testkit;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.pf4j.Extension;

/**
 * Builds a PF4J plugin jar, the way the gateway loads plugins in production.
 *
 * <p>Either from a plugin module's compiled classes ({@link #fromClassesDir(Path)}, e.g. {@code target/classes} of a
 * reactor module, which already holds {@code plugin.properties} and {@code META-INF/extensions.idx}) or from test
 * classes ({@link #of(String)}), for which the descriptor and extension index are generated.
 */
public final class PluginJar {
    private final String id;
    private final Path classesDir;
    private String version = "1.0.0";
    private final List<String> dependencies = new ArrayList<>();
    private final List<Class<?>> classes = new ArrayList<>();
    private final Map<String, byte[]> extraEntries = new LinkedHashMap<>();

    private PluginJar(String id, Path classesDir) {
        this.id = id;
        this.classesDir = classesDir;
    }

    /**
     * A plugin made of test classes; add them with {@link #classes(Class[])}.
     *
     * @param id the plugin id
     * @return the builder
     */
    public static PluginJar of(String id) {
        return new PluginJar(id, null);
    }

    /**
     * A plugin packed from a compiled classes folder that contains its {@code plugin.properties}.
     *
     * @param classesDir for example {@code ../../plugins/legacy-proxy/target/classes}
     * @return the builder
     * @throws IllegalArgumentException if the folder holds no {@code plugin.properties}
     */
    public static PluginJar fromClassesDir(Path classesDir) {
        if (!Files.isRegularFile(classesDir.resolve("plugin.properties"))) {
            throw new IllegalArgumentException(
                    "No plugin.properties in " + classesDir.toAbsolutePath() + "; build the plugin module first");
        }
        return new PluginJar(null, classesDir);
    }

    /**
     * Sets the plugin version (test-class plugins only; default {@code 1.0.0}).
     *
     * @param version the version
     * @return this builder
     */
    public PluginJar version(String version) {
        this.version = version;
        return this;
    }

    /**
     * Adds a PF4J dependency on another plugin (test-class plugins only), e.g. {@code board-sync} or
     * {@code board-sync?} for an optional one.
     *
     * @param dependency the dependency in PF4J's syntax
     * @return this builder
     */
    public PluginJar dependsOn(String dependency) {
        dependencies.add(dependency);
        return this;
    }

    /**
     * Adds classes, with their nested classes. Classes annotated with {@link Extension} are listed as extensions.
     *
     * @param types the classes to pack
     * @return this builder
     */
    public PluginJar classes(Class<?>... types) {
        classes.addAll(List.of(types));
        return this;
    }

    /**
     * Adds a raw entry, e.g. to simulate a jar that bundles a platform class.
     *
     * @param name the entry name
     * @param content the entry bytes
     * @return this builder
     */
    public PluginJar entry(String name, byte[] content) {
        extraEntries.put(name, content);
        return this;
    }

    /**
     * Writes the jar.
     *
     * @param folder the folder to write into (usually the gateway's plugins folder)
     * @return the jar's path
     */
    public Path writeTo(Path folder) {
        try {
            Files.createDirectories(folder);
            Map<String, byte[]> entries = new LinkedHashMap<>();
            String name;
            if (classesDir != null) {
                name = classesDir
                        .toAbsolutePath()
                        .normalize()
                        .getParent()
                        .getParent()
                        .getFileName()
                        .toString();
                try (Stream<Path> files = Files.walk(classesDir)) {
                    for (Path file : files.filter(Files::isRegularFile).toList()) {
                        entries.put(
                                classesDir.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
                    }
                }
            } else {
                name = id;
                entries.put("plugin.properties", descriptor().getBytes(StandardCharsets.UTF_8));
                StringBuilder index = new StringBuilder();
                for (Class<?> type : classes) {
                    addClass(entries, type);
                    if (type.isAnnotationPresent(Extension.class)) {
                        index.append(type.getName()).append('\n');
                    }
                }
                entries.put("META-INF/extensions.idx", index.toString().getBytes(StandardCharsets.UTF_8));
            }
            entries.putAll(extraEntries);
            Path jar = folder.resolve(name + ".jar");
            try (OutputStream out = Files.newOutputStream(jar);
                    ZipOutputStream zip = new ZipOutputStream(out)) {
                for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                    zip.putNextEntry(new ZipEntry(entry.getKey()));
                    zip.write(entry.getValue());
                    zip.closeEntry();
                }
            }
            return jar;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String descriptor() {
        return "plugin.id=" + id + "\nplugin.version=" + version + "\nplugin.provider=tests\n" + "plugin.dependencies="
                + String.join(",", dependencies) + "\n";
    }

    private static void addClass(Map<String, byte[]> entries, Class<?> type) throws IOException {
        Path root;
        try {
            root = Path.of(
                    type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        String path = type.getName().replace('.', '/');
        Path dir = root.resolve(path).getParent();
        String simple = root.resolve(path).getFileName().toString();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.toList()) {
                String fileName = file.getFileName().toString();
                if (fileName.equals(simple + ".class") || fileName.startsWith(simple + "$")) {
                    entries.put(root.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
                }
            }
        }
    }
}
