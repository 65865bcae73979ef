package io.infometis.streams.stack.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.infometis.streams.stack.InfometisHome;
import io.infometis.streams.stack.StackException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobFlinkSettingsTest {

    @Test
    void orderEnrichmentRunsOnRocksDbWithManagedMemoryAndASessionGetsOnlyTheJobLevelKey() {
        JobFlinkSettings enrichment = FlinkJobSpec.ALL.get(1).flinkSettings(InfometisHome.locate());

        assertThat(enrichment.settings()).containsEntry("state.backend.type", "rocksdb")
                .containsEntry("taskmanager.memory.managed.fraction", "0.4");
        assertThat(enrichment.forSessionSubmission()).containsEntry("state.backend.type", "rocksdb")
                .doesNotContainKey("taskmanager.memory.managed.fraction");
    }

    @Test
    void aJobWithoutAFileHasNoSettingsOfItsOwn(@TempDir Path home) {
        assertThat(JobFlinkSettings.of(home, "fraud-detection").settings()).isEmpty();
    }

    @Test
    void aNestedKeyIsRefusedWithTheFileTheKeyAndTheExpectedForm(@TempDir Path home) throws Exception {
        Path file = Files.createDirectories(home.resolve(JobFlinkSettings.DIRECTORY)).resolve("x.yaml");
        Files.writeString(file, "state:\n  backend:\n    type: rocksdb\n");

        assertThatThrownBy(() -> JobFlinkSettings.of(home, "x")).isInstanceOf(StackException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("state:")
                .hasMessageContaining("expected a flat `key: value` line");
    }

    @Test
    void aFileThatIsNotYamlIsRefusedWithItsName(@TempDir Path home) throws Exception {
        Path file = Files.createDirectories(home.resolve(JobFlinkSettings.DIRECTORY)).resolve("x.yaml");
        Files.writeString(file, "state.backend.type: [rocksdb\n");

        assertThatThrownBy(() -> JobFlinkSettings.of(home, "x")).isInstanceOf(StackException.class)
                .hasMessageContaining(file + " is not valid YAML");
    }
}
