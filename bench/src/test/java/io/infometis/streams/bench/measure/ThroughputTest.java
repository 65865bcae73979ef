package io.infometis.streams.bench.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ThroughputTest {

    private final CpuSample start = new CpuSample(1_000_000_000L, Map.of("bench", 5_000_000_000L, "kafka", 0L));
    private final CpuSample end = new CpuSample(3_000_000_000L, Map.of("bench", 8_000_000_000L, "kafka", 500_000_000L));

    @Test
    void ratesAndCpuPerMillionComeFromTheTwoSamples() {
        Throughput t = Throughput.between("x", 1, 2_000_000, start, end, "bench");

        assertThat(t.seconds()).isEqualTo(2.0);
        assertThat(t.eventsPerSecond()).isEqualTo(1_000_000.0);
        assertThat(t.eventsPerSecondPerCore(2)).isEqualTo(500_000.0);
        assertThat(t.workerCpuSeconds()).isEqualTo(3.0);
        assertThat(t.workerCpuSecondsPerMillion()).isEqualTo(1.5);
        assertThat(t.cpuSecondsPerMillion("kafka")).isEqualTo(0.25);
    }

    @Test
    void aProcessMissingFromASampleHasNoCpuFigure() {
        CpuSample endWithoutKafka = new CpuSample(3_000_000_000L, Map.of("bench", 8_000_000_000L));

        Throughput t = Throughput.between("x", 1, 10, start, endWithoutKafka, "bench");

        assertThat(t.cpuSecondsPerMillion("kafka")).isNaN();
        assertThat(t.cpuSecondsPerMillion("elasticsearch")).isNaN();
    }

    @Test
    void negativeCountsAreRejected() {
        assertThatThrownBy(() -> Throughput.between("x", 1, -1, start, end, "bench"))
                .hasMessageContaining("events must be >= 0");
    }
}
