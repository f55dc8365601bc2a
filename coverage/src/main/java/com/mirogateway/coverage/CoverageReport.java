package com.mirogateway.coverage;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.jacoco.core.analysis.Analyzer;
import org.jacoco.core.analysis.CoverageBuilder;
import org.jacoco.core.tools.ExecFileLoader;
import org.jacoco.report.DirectorySourceFileLocator;
import org.jacoco.report.FileMultiReportOutput;
import org.jacoco.report.IReportGroupVisitor;
import org.jacoco.report.IReportVisitor;
import org.jacoco.report.MultiReportVisitor;
import org.jacoco.report.html.HTMLFormatter;
import org.jacoco.report.xml.XMLFormatter;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * Writes one JaCoCo report (HTML and {@code jacoco.xml}, one group per module named after its artifactId) over every
 * module found under the given folders, with the execution data of all of them: tests in one module cover classes of
 * another (the host is mostly exercised by the testkit's and the plugins' tests).
 *
 * <p>Finds modules by itself, so a plugin added under {@code plugins/} is reported without touching the coverage POM. A
 * module is a folder with a {@code pom.xml} and compiled classes in {@code target/classes}.
 */
public final class CoverageReport {
    private CoverageReport() {}

    /** A module in the report: its artifactId and folder. */
    record Module(String artifactId, Path dir) {}

    /**
     * Writes the report.
     *
     * @param args the output folder, then the folders whose sub-folders are modules (such as {@code platform} and
     *     {@code plugins} of the repository)
     * @throws CoverageFloorException if no module has execution data (the tests did not run with the agent)
     */
    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            throw new IllegalArgumentException("usage: CoverageReport <output dir> <modules parent dir>...");
        }
        List<Module> modules = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            modules.addAll(modulesUnder(Path.of(args[i])));
        }
        write(modules, Path.of(args[0]));
    }

    /** The modules directly under {@code parent}, sorted by folder name. */
    static List<Module> modulesUnder(Path parent) {
        try (Stream<Path> dirs = Files.list(parent)) {
            return dirs.filter(dir -> Files.isRegularFile(dir.resolve("pom.xml")))
                    .filter(dir -> Files.isDirectory(dir.resolve("target/classes")))
                    .sorted()
                    .map(dir -> new Module(artifactId(dir.resolve("pom.xml")), dir))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list modules under " + parent, e);
        }
    }

    static void write(List<Module> modules, Path output) throws IOException {
        ExecFileLoader executions = new ExecFileLoader();
        for (Module module : modules) {
            Path exec = module.dir().resolve("target/jacoco.exec");
            if (Files.isRegularFile(exec)) {
                executions.load(exec.toFile());
            }
        }
        if (executions.getSessionInfoStore().isEmpty()) {
            throw new CoverageFloorException("No execution data (target/jacoco.exec) in any module; it is written"
                    + " when the tests ran in the same build (skip the check with -Djacoco.skip=true)");
        }
        Files.createDirectories(output);
        try (OutputStream xml = Files.newOutputStream(output.resolve("jacoco.xml"))) {
            IReportVisitor report = new MultiReportVisitor(List.of(
                    new HTMLFormatter().createVisitor(new FileMultiReportOutput(output.toFile())),
                    new XMLFormatter().createVisitor(xml)));
            report.visitInfo(
                    executions.getSessionInfoStore().getInfos(),
                    executions.getExecutionDataStore().getContents());
            IReportGroupVisitor all = report.visitGroup("Miro Gateway");
            for (Module module : modules) {
                CoverageBuilder coverage = new CoverageBuilder();
                new Analyzer(executions.getExecutionDataStore(), coverage)
                        .analyzeAll(module.dir().resolve("target/classes").toFile());
                all.visitGroup(module.artifactId())
                        .visitBundle(
                                coverage.getBundle(module.artifactId()),
                                new DirectorySourceFileLocator(
                                        module.dir().resolve("src/main/java").toFile(), "UTF-8", 4));
            }
            report.visitEnd();
        }
    }

    /** The project's own artifactId (not its parent's) from a {@code pom.xml}. */
    static String artifactId(Path pom) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            Element project = factory.newDocumentBuilder().parse(pom.toFile()).getDocumentElement();
            for (Node node = project.getFirstChild(); node != null; node = node.getNextSibling()) {
                if (node instanceof Element element && element.getTagName().equals("artifactId")) {
                    return element.getTextContent().trim();
                }
            }
            throw new CoverageFloorException(pom + " has no artifactId");
        } catch (ParserConfigurationException | SAXException | IOException e) {
            throw new CoverageFloorException("Cannot read " + pom + ": " + e.getMessage(), e);
        }
    }
}
