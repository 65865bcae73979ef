package io.infometis.streams.reliability.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class FaultsCommandTest {

    @TempDir
    Path dir;

    Path current;
    final StringWriter err = new StringWriter();

    @BeforeEach
    void currentBuild() throws Exception {
        current = jobsDir("current", JobBuilds.JARS.toArray(String[]::new));
    }

    @Test
    void fullFormReplacesOnlyTheResultsBetweenTheMarkers() throws Exception {
        Path report = dir.resolve("reliability.md");
        Files.writeString(report, "# Title\n\nprose\n<!-- faults:begin -->\nold table\n<!-- faults:end -->\nafter\n");
        FaultsCommand.writeInto(report, "| new | table |\n");
        assertThat(Files.readString(report)).isEqualTo(
                "# Title\n\nprose\n<!-- faults:begin -->\n| new | table |\n<!-- faults:end -->\nafter\n");
    }

    @Test
    void aMissingPreviousJobsDirIsAUsageErrorNamingTheOptionAndTheExpectedForm() {
        int exit = execute("short", "--jobs-dir", current.toString(),
                "--previous-jobs-dir", dir.resolve("nowhere").toString());

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("--previous-jobs-dir: expected a directory holding order-enrichment.jar, "
                        + "fraud-detection.jar, commerce-metrics.jar")
                .contains("bin/faults --previous <git ref>")
                .contains("got '" + dir.resolve("nowhere") + "': no such directory");
    }

    @Test
    void aPreviousJobsDirWithoutOneOfTheJarsNamesTheMissingJar() throws Exception {
        Path previous = jobsDir("previous", FaultSuite.ENRICHMENT_JAR, FaultSuite.FRAUD_JAR);

        int exit = execute("short", "--jobs-dir", current.toString(), "--previous-jobs-dir", previous.toString());

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("--previous-jobs-dir: expected a directory holding")
                .contains("got '" + previous + "': no commerce-metrics.jar");
    }

    @Test
    void aJobsDirWithoutJarsIsAUsageErrorNamingJobsDir() throws Exception {
        int exit = execute("short", "--jobs-dir", jobsDir("empty").toString());

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("--jobs-dir: expected a directory holding")
                .contains("no order-enrichment.jar, no fraud-detection.jar, no commerce-metrics.jar");
    }

    @Test
    void aPreviousBuildNameWithoutItsJarsIsAUsageError() {
        int exit = execute("short", "--jobs-dir", current.toString(), "--previous-build", "2897a52");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("--previous-build: names the build in --previous-jobs-dir");
    }

    @Test
    void aPreviousJobsDirMakesTheRunStartThereAndUpgradeToTheJobsDir() throws Exception {
        Path previous = jobsDir("previous", JobBuilds.JARS.toArray(String[]::new));
        FaultsCommand command = new FaultsCommand();
        new CommandLine(command).parseArgs("full", "--jobs-dir", current.toString(), "--previous-jobs-dir",
                previous.toString(), "--previous-build", "6a9742d", "--current-build", "2897a52");

        JobBuilds builds = command.builds();

        assertThat(builds.acrossBuilds()).isTrue();
        assertThat(builds.first()).isEqualTo(previous.toAbsolutePath());
        assertThat(builds.current()).isEqualTo(current.toAbsolutePath());
        assertThat(builds.describe()).startsWith("Upgrade from 6a9742d to 2897a52");
    }

    @Test
    void withoutAPreviousBuildTheUpgradeRestartsTheSameBuild() {
        FaultsCommand command = new FaultsCommand();
        new CommandLine(command).parseArgs("short", "--jobs-dir", current.toString(), "--current-build", "2897a52");

        JobBuilds builds = command.builds();

        assertThat(builds.acrossBuilds()).isFalse();
        assertThat(builds.first()).isEqualTo(current.toAbsolutePath());
        assertThat(builds.describe()).contains("within one build (2897a52)");
    }

    private int execute(String... args) {
        CommandLine cli = new CommandLine(new FaultsCommand());
        cli.setErr(new PrintWriter(err, true));
        cli.setOut(new PrintWriter(new StringWriter(), true));
        return cli.execute(args);
    }

    private Path jobsDir(String name, String... jars) throws Exception {
        Path d = Files.createDirectories(dir.resolve(name));
        for (String jar : jars) {
            Files.writeString(d.resolve(jar), "not really a jar: the command only checks that it is there");
        }
        return d;
    }
}
