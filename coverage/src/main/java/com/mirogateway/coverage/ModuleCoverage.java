package com.mirogateway.coverage;

import java.util.Locale;

/**
 * Line counts of one module (a JaCoCo report group, named after the module's artifactId).
 *
 * @param module the module's artifactId
 * @param covered lines with at least one instruction executed
 * @param missed lines with no instruction executed
 */
record ModuleCoverage(String module, long covered, long missed) {

    long total() {
        return covered + missed;
    }

    /** Covered lines over all lines; 1.0 for a module without lines, which has nothing left to cover. */
    double ratio() {
        return total() == 0 ? 1.0 : (double) covered / total();
    }

    String describe() {
        return String.format(Locale.ROOT, "%.4f (%d of %d lines)", ratio(), covered, total());
    }
}
