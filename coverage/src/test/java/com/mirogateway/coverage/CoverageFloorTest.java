package com.mirogateway.coverage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CoverageFloorTest {
    private static final String REPORT = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <!DOCTYPE report PUBLIC "-//JACOCO//DTD Report 1.1//EN" "report.dtd">
            <report name="coverage">
              <group name="platform-host">
                <package name="com/mirogateway/platform/host">
                  <counter type="LINE" missed="99" covered="1"/>
                </package>
                <counter type="INSTRUCTION" missed="10" covered="90"/>
                <counter type="LINE" missed="15" covered="85"/>
              </group>
              <group name="webhooks">
                <counter type="LINE" missed="3" covered="1"/>
              </group>
              <group name="empty"/>
              <counter type="LINE" missed="18" covered="86"/>
            </report>
            """;

    @TempDir
    Path dir;

    private Path report() throws IOException {
        return Files.writeString(dir.resolve("jacoco.xml"), REPORT, StandardCharsets.UTF_8);
    }

    @Test
    void readsEachGroupsOwnLineCounterWithoutFetchingTheDtd() throws IOException {
        Map<String, ModuleCoverage> modules = CoverageFloor.read(report());

        assertThat(modules)
                .containsExactly(
                        Map.entry("platform-host", new ModuleCoverage("platform-host", 85, 15)),
                        Map.entry("webhooks", new ModuleCoverage("webhooks", 1, 3)),
                        Map.entry("empty", new ModuleCoverage("empty", 0, 0)));
    }

    @Test
    void moduleBelowItsFloorIsNamedWithItsRatioAndTheFloor() throws IOException {
        String report = report().toString();

        assertThatThrownBy(() -> CoverageFloor.main(new String[] {report, "platform-host=0.80", "webhooks=0.80"}))
                .isInstanceOf(CoverageFloorException.class)
                .hasMessageContaining("webhooks: line coverage 0.2500 (1 of 4 lines) is below the floor 0.80")
                .hasMessageNotContaining("platform-host:");
    }

    @Test
    void moduleAtOrAboveItsFloorPasses() throws IOException {
        CoverageFloor.main(new String[] {report().toString(), "platform-host=0.85", "webhooks=0.25", "empty=0.80"});
    }

    @Test
    void moduleMissingFromTheReportFails() {
        Map<String, ModuleCoverage> modules = Map.of("webhooks", new ModuleCoverage("webhooks", 1, 0));

        assertThat(CoverageFloor.violations(modules, Map.of("board-sync", 0.8)))
                .singleElement()
                .asString()
                .startsWith("board-sync: not in the report (is its folder under platform/ or plugins/");
    }

    @Test
    void moduleWithoutAFloorOfItsOwnGetsTheDefault() throws IOException {
        String report = report().toString();

        assertThatThrownBy(() -> CoverageFloor.main(new String[] {report, "platform-host=0.80", "*=0.50"}))
                .isInstanceOf(CoverageFloorException.class)
                .hasMessageContaining("webhooks: line coverage 0.2500 (1 of 4 lines) is below the floor 0.50")
                .hasMessageNotContaining("platform-host:");
    }

    @Test
    void reportFindsEveryModuleUnderAFolderByItsArtifactId() throws IOException {
        Path module = Files.createDirectories(dir.resolve("plugins/orders/target/classes"))
                .getParent()
                .getParent();
        Files.writeString(module.resolve("pom.xml"), """
                <project><parent><artifactId>plugins</artifactId></parent><artifactId>orders-plugin</artifactId>
                </project>""", StandardCharsets.UTF_8);
        Files.createDirectories(dir.resolve("plugins/not-built"));

        assertThat(CoverageReport.modulesUnder(dir.resolve("plugins")))
                .containsExactly(new CoverageReport.Module("orders-plugin", module));
    }

    @Test
    void missingReportFailsWithHowToSkip() {
        assertThatThrownBy(() -> CoverageFloor.read(dir.resolve("absent.xml")))
                .isInstanceOf(CoverageFloorException.class)
                .hasMessageContaining("-Djacoco.skip=true");
    }

    @Test
    void floorsAreRatiosBetweenZeroAndOne() {
        assertThat(CoverageFloor.parseFloors(List.of("platform-host=0.8", " webhooks = 1 ")))
                .containsExactly(Map.entry("platform-host", 0.8), Map.entry("webhooks", 1.0));
        assertThatThrownBy(() -> CoverageFloor.parseFloors(List.of("platform-host=80")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CoverageFloor.parseFloors(List.of("=0.8")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
