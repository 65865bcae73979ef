package io.infometis.streams.bench.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.infometis.streams.stack.InfometisHome;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeployedSettingsTest {

    @Test
    void theRepositorysClusterConfigurationGivesItsStateBackendAndCheckpointSettings() {
        DeployedSettings deployed = DeployedSettings.of(InfometisHome.locate());

        assertThat(deployed.settings())
                .containsEntry("state.backend.type", "hashmap")
                .containsEntry("execution.checkpointing.incremental", "true")
                .containsEntry("execution.checkpointing.mode", "EXACTLY_ONCE")
                .doesNotContainKeys("execution.checkpointing.dir", "execution.checkpointing.savepoint-dir")
                .allSatisfy((key, value) -> assertThat(key).matches("state\\..*|execution\\.checkpointing\\..*"));
    }

    @Test
    void onlyStateAndCheckpointKeysWithoutTheSitesDirectoriesAreApplied(@TempDir Path home) throws Exception {
        Files.createDirectories(home.resolve("flink-conf"));
        Files.writeString(home.resolve("flink-conf/config.yaml"), """
                state:
                  backend:
                    type: hashmap
                execution:
                  checkpointing:
                    interval: 3 s
                    dir: file:///somewhere/else
                rest:
                  port: 8083
                """);
        Configuration conf = new Configuration();

        DeployedSettings.of(home).applyTo(conf);

        assertThat(conf.toMap()).containsOnly(
                org.assertj.core.api.Assertions.entry("state.backend.type", "hashmap"),
                org.assertj.core.api.Assertions.entry("execution.checkpointing.interval", "3 s"));
    }

    @Test
    void aSlotGetsADeployedTaskManagersShareOfManagedMemoryAndAJobsOwnFractionChangesIt(@TempDir Path home)
            throws Exception {
        Files.createDirectories(home.resolve("flink-conf"));
        Files.writeString(home.resolve("flink-conf/config.yaml"), """
                taskmanager:
                  numberOfTaskSlots: 4
                  memory:
                    process:
                      size: 2048m
                    managed:
                      fraction: 0.1
                """);
        DeployedSettings deployed = DeployedSettings.of(home);
        Configuration rocksDbJob = new Configuration();
        rocksDbJob.setString("taskmanager.memory.managed.fraction", "0.4");

        // 2048m less JVM overhead (10%) and metaspace (256m) leaves 1587 MiB of Flink memory; a tenth over 4 slots.
        assertThat(deployed.managedMemoryPerSlot(new Configuration()).getMebiBytes()).isEqualTo(39);
        assertThat(deployed.managedMemoryPerSlot(rocksDbJob).getMebiBytes()).isEqualTo(158);
        assertThat(deployed.clusterValue("taskmanager.memory.managed.fraction")).isEqualTo("0.1");
    }

    @Test
    void orderEnrichmentRunsWithItsOwnDeployedSettingsAndTheOthersWithNone() {
        assertThat(BenchJob.ENRICHMENT.deployedSettings()).containsEntry("state.backend.type", "rocksdb");
        assertThat(BenchJob.ENRICHMENT.launcher(java.util.Map.of()).deployedSettings())
                .isEqualTo(BenchJob.ENRICHMENT.deployedSettings());
        assertThat(BenchJob.FRAUD.deployedSettings()).isEmpty();
        assertThat(BenchJob.METRICS.deployedSettings()).isEmpty();
    }

    @Test
    void aMissingConfigurationFileIsAnErrorNamingIt(@TempDir Path home) {
        assertThatThrownBy(() -> DeployedSettings.of(home))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(home.resolve("flink-conf/config.yaml").toString());
    }
}
