package com.mirogateway.platform.host.store;

import com.mirogateway.platform.api.Store.Dialect;
import com.mirogateway.platform.api.StoreException;
import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds an owner's migration scripts: {@code V<version>__<description>[.<dialect>].sql} in a folder of the owner's own
 * jar or classes folder (never a parent class loader's, so a plugin cannot pick up the host's or another's scripts).
 */
final class MigrationScripts {
    private static final Pattern NAME = Pattern.compile("V(\\d+)__([A-Za-z0-9_]+?)(?:\\.(sqlite|postgresql))?\\.sql");

    /** One migration: its version, description, file name and statements. */
    record Script(int version, String description, String file, List<String> statements) {}

    private MigrationScripts() {}

    /** The scripts for {@code dialect}, in version order; a dialect variant wins over the plain script. */
    static List<Script> find(ClassLoader owner, String location, Dialect dialect) {
        String folder = location.replaceAll("^/+|/+$", "") + "/";
        Map<Integer, String> plain = new TreeMap<>();
        Map<Integer, String> specific = new TreeMap<>();
        String wanted = dialect.name().toLowerCase(Locale.ROOT);
        for (Path root : roots(owner, folder)) {
            for (String name : list(root, folder)) {
                Matcher m = NAME.matcher(name);
                if (!m.matches()) {
                    continue;
                }
                int version = Integer.parseInt(m.group(1));
                if (m.group(3) == null) {
                    plain.putIfAbsent(version, name);
                } else if (m.group(3).equals(wanted)) {
                    specific.putIfAbsent(version, name);
                }
            }
        }
        plain.putAll(specific);
        List<Script> scripts = new ArrayList<>();
        plain.forEach((version, name) -> {
            Matcher m = NAME.matcher(name);
            m.matches();
            scripts.add(
                    new Script(version, m.group(2).replace('_', ' '), name, statements(read(owner, folder + name))));
        });
        return scripts;
    }

    /** Splits a script at lines ending with {@code ;}; lines starting with {@code --} are comments. */
    static List<String> statements(String script) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : script.split("\\R")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("--")) {
                continue;
            }
            current.append(line).append('\n');
            if (trimmed.endsWith(";")) {
                String sql = current.toString().strip();
                statements.add(sql.substring(0, sql.length() - 1));
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            statements.add(current.toString().strip());
        }
        return statements;
    }

    /**
     * The jars and folders to look in: a plugin's own URLs (never its parents'); for other loaders (the host's), the
     * places where the loader finds the folder.
     */
    private static List<Path> roots(ClassLoader owner, String folder) {
        List<Path> roots = new ArrayList<>();
        try {
            if (owner instanceof URLClassLoader urls && urls.getURLs().length > 0) {
                for (URL url : urls.getURLs()) {
                    if ("file".equals(url.getProtocol())) {
                        roots.add(Path.of(url.toURI()));
                    }
                }
                return roots;
            }
            Enumeration<URL> found = owner.getResources(folder.substring(0, folder.length() - 1));
            while (found.hasMoreElements()) {
                URL url = found.nextElement();
                if ("file".equals(url.getProtocol())) {
                    Path dir = Path.of(url.toURI());
                    roots.add(dir.getRoot().resolve(dir.subpath(0, dir.getNameCount() - folderDepth(folder))));
                } else if ("jar".equals(url.getProtocol()) && url.openConnection() instanceof JarURLConnection jar) {
                    roots.add(Path.of(jar.getJarFileURL().toURI()));
                }
            }
        } catch (URISyntaxException | IOException e) {
            throw new StoreException("Cannot locate migration scripts in " + folder + ": " + e.getMessage(), e);
        }
        return roots;
    }

    private static int folderDepth(String folder) {
        return (int) folder.chars().filter(c -> c == '/').count();
    }

    private static List<String> list(Path root, String folder) {
        List<String> names = new ArrayList<>();
        try {
            if (Files.isDirectory(root)) {
                Path dir = root.resolve(folder);
                if (Files.isDirectory(dir)) {
                    try (Stream<Path> files = Files.list(dir)) {
                        files.forEach(f -> names.add(f.getFileName().toString()));
                    }
                }
            } else if (Files.isRegularFile(root)) {
                try (JarFile jar = new JarFile(root.toFile())) {
                    Enumeration<JarEntry> entries = jar.entries();
                    while (entries.hasMoreElements()) {
                        String name = entries.nextElement().getName();
                        if (name.startsWith(folder) && name.indexOf('/', folder.length()) < 0) {
                            names.add(name.substring(folder.length()));
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new StoreException("Cannot list migration scripts in " + root + ": " + e.getMessage(), e);
        }
        names.sort(null);
        return names;
    }

    private static String read(ClassLoader owner, String resource) {
        try (InputStream in = owner.getResourceAsStream(resource)) {
            if (in == null) {
                throw new StoreException("Migration script " + resource + " is not readable", null);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new StoreException("Cannot read migration script " + resource + ": " + e.getMessage(), e);
        }
    }
}
