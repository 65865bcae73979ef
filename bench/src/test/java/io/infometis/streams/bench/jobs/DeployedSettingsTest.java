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
    void aMissingConfigurationFileIsAnErrorNamingIt(@TempDir Path home) {
        assertThatThrownBy(() -> DeployedSettings.of(home))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(home.resolve("flink-conf/config.yaml").toString());
    }
}
