package io.infometis.streams.bench.latency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** A run's state backend: only a backend Flink knows, settings that agree with it, a managed fraction in [0, 1). */
class JobStateBackendTest {

    @Test
    void theDeployedBackendOverridesNothing() {
        JobStateBackend deployed = JobStateBackend.deployed("RocksDB");

        assertThat(deployed.name()).isEqualTo("rocksdb");
        assertThat(deployed.isDeployed()).isTrue();
        assertThat(deployed.flinkConfiguration().toMap()).isEmpty();
    }

    @Test
    void theOtherBackendSetsItsTypeAndItsManagedFraction() {
        JobStateBackend heap = JobStateBackend.overridden("hashmap", "0.1");

        assertThat(heap.isDeployed()).isFalse();
        assertThat(heap.flinkConfiguration().toMap()).containsOnly(
                Map.entry("state.backend.type", "hashmap"),
                Map.entry("taskmanager.memory.managed.fraction", "0.1"));
    }

    @Test
    void anUnknownBackendIsRejectedNamingTheKeyAndTheExpectedForm() {
        assertThatThrownBy(() -> JobStateBackend.deployed("memory"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("state.backend.type: expected one of [hashmap, rocksdb], got 'memory'");
        assertThatThrownBy(() -> JobStateBackend.deployed(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void settingsThatSelectAnotherBackendThanTheNamedOneAreRejected() {
        assertThatThrownBy(() -> new JobStateBackend("hashmap", Map.of("state.backend.type", "rocksdb")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("state.backend.type: expected 'hashmap' (the backend named), got 'rocksdb'");
    }

    @Test
    void aManagedFractionOutsideZeroToOneIsRejected() {
        for (String bad : new String[] {"1", "1.5", "-0.1", "forty percent"}) {
            assertThatThrownBy(() -> JobStateBackend.overridden("rocksdb", bad))
                    .as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("taskmanager.memory.managed.fraction: expected a number in [0, 1), got '" + bad + "'");
        }
        assertThatThrownBy(() -> JobStateBackend.overridden("hashmap", null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("taskmanager.memory.managed.fraction");
    }

    @Test
    void aJobManagersBackendClassNameIsMatchedToTheBackend() {
        assertThat(JobStateBackend.deployed("rocksdb").isReportedAs("EmbeddedRocksDBStateBackend")).isTrue();
        assertThat(JobStateBackend.deployed("hashmap").isReportedAs("HashMapStateBackend")).isTrue();
        assertThat(JobStateBackend.deployed("hashmap").isReportedAs("EmbeddedRocksDBStateBackend")).isFalse();
        assertThat(JobStateBackend.deployed("rocksdb").isReportedAs("unknown")).isFalse();
    }
}
