package com.mirogateway.platform.host.plugins;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import org.pf4j.DefaultVersionManager;
import org.pf4j.VersionManager;

/**
 * The platform version a plugin's {@code requires} range is checked against: the host's build version (Maven's
 * {@code project.version}, which the SDK shares), written into {@code platform.properties} at build time. A
 * {@code -SNAPSHOT} qualifier is dropped: a snapshot of 1.2.0 offers the 1.2.0 API, and semantic versioning would
 * otherwise rank it below {@code >=1.2.0}.
 */
public record PlatformVersion(String version) {
    private static final VersionManager VERSIONS = new DefaultVersionManager();

    /** The version this host was built as. */
    public static PlatformVersion current() {
        Properties properties = new Properties();
        try (InputStream in = PlatformVersion.class.getResourceAsStream("platform.properties")) {
            if (in == null) {
                throw new IllegalStateException("platform.properties is missing from the host's class path");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new PlatformVersion(properties.getProperty("version").replace("-SNAPSHOT", ""));
    }

    /**
     * Whether a plugin's {@code requires} expression admits this version.
     *
     * @param requires PF4J's expression, such as {@code >=0.1.0 & <1.0.0}; empty or {@code *} admits every version
     * @return whether it admits this version
     * @throws IllegalArgumentException if the expression cannot be parsed
     */
    public boolean admittedBy(String requires) {
        try {
            return VERSIONS.checkVersionConstraint(version, requires);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Cannot read the range '" + requires + "': " + e.getMessage(), e);
        }
    }
}
