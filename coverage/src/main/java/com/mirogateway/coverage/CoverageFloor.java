package com.mirogateway.coverage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * Checks per-module line-coverage floors against the aggregated XML report ({@link CoverageReport} writes one group per
 * module, named after its artifactId).
 *
 * <p>Run by the build in the {@code verify} phase of the {@code coverage} module, after the report is written. Every
 * module given a floor must appear in the report; a missing one fails the check rather than passing silently.
 */
public final class CoverageFloor {
    /** The key of the floor every module without its own gets. */
    static final String DEFAULT = "*";

    private CoverageFloor() {}

    /**
     * Checks the floors and fails if any module is below its floor.
     *
     * @param args the path of the aggregated {@code jacoco.xml}, then one {@code artifactId=floor} per module, the
     *     floor a line-coverage ratio between 0 and 1; {@code *=floor} is the floor of every module in the report
     *     without one of its own
     * @throws CoverageFloorException naming each module below its floor with its ratio and the floor, or when the
     *     report is missing or unreadable
     */
    public static void main(String[] args) {
        if (args.length < 1) {
            throw new IllegalArgumentException("usage: CoverageFloor <jacoco.xml> [artifactId=floor ...]");
        }
        Map<String, ModuleCoverage> modules = read(Path.of(args[0]));
        Map<String, Double> floors = withDefault(parseFloors(List.of(args).subList(1, args.length)), modules);
        // Printed for the build log: Maven shows the exec plugin's standard output as is.
        modules.values().forEach(m -> System.out.println(summary(m, floors.get(m.module()))));
        List<String> violations = violations(modules, floors);
        if (!violations.isEmpty()) {
            throw new CoverageFloorException(
                    "Line coverage below the floor (report: " + args[0] + "):\n  " + String.join("\n  ", violations));
        }
    }

    static Map<String, Double> parseFloors(List<String> specs) {
        Map<String, Double> floors = new LinkedHashMap<>();
        for (String spec : specs) {
            int eq = spec.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("Expected artifactId=floor, got: " + spec);
            }
            double floor = Double.parseDouble(spec.substring(eq + 1).trim());
            if (floor < 0 || floor > 1) {
                throw new IllegalArgumentException("A floor is a ratio between 0 and 1: " + spec);
            }
            floors.put(spec.substring(0, eq).trim(), floor);
        }
        return floors;
    }

    /** The floors with the default ({@code *}) given to every reported module that has no floor of its own. */
    static Map<String, Double> withDefault(Map<String, Double> floors, Map<String, ModuleCoverage> modules) {
        Map<String, Double> all = new LinkedHashMap<>(floors);
        Double fallback = all.remove(DEFAULT);
        if (fallback != null) {
            modules.keySet().forEach(module -> all.putIfAbsent(module, fallback));
        }
        return all;
    }

    /** The modules below their floor, or absent from the report, one message each. */
    static List<String> violations(Map<String, ModuleCoverage> modules, Map<String, Double> floors) {
        List<String> violations = new ArrayList<>();
        floors.forEach((module, floor) -> {
            ModuleCoverage coverage = modules.get(module);
            if (coverage == null) {
                violations.add(module + ": not in the report (is its folder under platform/ or plugins/,"
                        + " and was it built in this run?)");
            } else if (coverage.ratio() < floor) {
                violations.add(String.format(
                        Locale.ROOT,
                        "%s: line coverage %s is below the floor %.2f",
                        module,
                        coverage.describe(),
                        floor));
            }
        });
        return violations;
    }

    /** The line counter of every group (module) in the report, in report order. */
    static Map<String, ModuleCoverage> read(Path report) {
        if (!Files.isRegularFile(report)) {
            throw new CoverageFloorException("No aggregated coverage report at " + report
                    + "; it is written when the tests ran in the same build (skip the check with -Djacoco.skip=true)");
        }
        Element root;
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            // The report names JaCoCo's DTD; never fetch it.
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            root = factory.newDocumentBuilder().parse(report.toFile()).getDocumentElement();
        } catch (ParserConfigurationException | SAXException | IOException e) {
            throw new CoverageFloorException("Cannot read the coverage report " + report + ": " + e.getMessage(), e);
        }
        Map<String, ModuleCoverage> modules = new LinkedHashMap<>();
        for (Element group : children(root, "group")) {
            long covered = 0;
            long missed = 0;
            for (Element counter : children(group, "counter")) {
                if (counter.getAttribute("type").equals("LINE")) {
                    covered = Long.parseLong(counter.getAttribute("covered"));
                    missed = Long.parseLong(counter.getAttribute("missed"));
                }
            }
            String name = group.getAttribute("name");
            modules.put(name, new ModuleCoverage(name, covered, missed));
        }
        return modules;
    }

    private static List<Element> children(Element parent, String tag) {
        List<Element> children = new ArrayList<>();
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && element.getTagName().equals(tag)) {
                children.add(element);
            }
        }
        return children;
    }

    private static String summary(ModuleCoverage module, Double floor) {
        String verdict = floor == null
                ? "no floor"
                : String.format(Locale.ROOT, "floor %.2f %s", floor, module.ratio() < floor ? "FAILED" : "ok");
        return String.format(Locale.ROOT, "%-18s line coverage %s, %s", module.module(), module.describe(), verdict);
    }
}
