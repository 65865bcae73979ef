package io.infometis.streams.reliability.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FaultsCommandTest {

    @TempDir
    Path dir;

    @Test
    void fullFormReplacesOnlyTheResultsBetweenTheMarkers() throws Exception {
        Path report = dir.resolve("reliability.md");
        Files.writeString(report, "# Title\n\nprose\n<!-- faults:begin -->\nold table\n<!-- faults:end -->\nafter\n");
        FaultsCommand.writeInto(report, "| new | table |\n");
        assertThat(Files.readString(report)).isEqualTo(
                "# Title\n\nprose\n<!-- faults:begin -->\n| new | table |\n<!-- faults:end -->\nafter\n");
    }
}
