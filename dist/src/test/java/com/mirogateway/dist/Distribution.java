package com.mirogateway.dist;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The distribution under test, as the failsafe configuration in {@code dist/pom.xml} names it: the assembled folder,
 * the tarball and the version. The tests build nothing; they run after {@code package}.
 */
record Distribution(Path home, Path tarball, String version, Path logs) {

    /** The distribution of this build, from the system properties failsafe sets. */
    static Distribution current() {
        Distribution distribution = new Distribution(
                Path.of(property("distribution.dir")),
                Path.of(property("distribution.tarball")),
                property("distribution.version"),
                Path.of(property("distribution.logs")));
        if (!Files.isExecutable(distribution.launcher())) {
            throw new IllegalStateException(
                    "No executable " + distribution.launcher() + "; run the tests through Maven (verify)");
        }
        return distribution;
    }

    /** {@code bin/gateway}. */
    Path launcher() {
        return home.resolve("bin/gateway");
    }

    private static String property(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("System property " + name + " is not set; run the tests through Maven");
        }
        return value;
    }
}
