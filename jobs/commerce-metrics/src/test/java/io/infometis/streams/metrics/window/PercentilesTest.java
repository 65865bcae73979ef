package io.infometis.streams.metrics.window;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class PercentilesTest {

    @Test
    void nearestRankOnOneToHundred() {
        Percentiles p = Percentiles.of(LongStream.rangeClosed(1, 100).map(i -> 101 - i).boxed().toList());

        assertThat(p.nearestRank(50)).isEqualTo(50.0);
        assertThat(p.nearestRank(95)).isEqualTo(95.0);
        assertThat(p.nearestRank(100)).isEqualTo(100.0);
    }

    @Test
    void smallSamples() {
        assertThat(Percentiles.of(List.of(7L)).nearestRank(95)).isEqualTo(7.0);
        assertThat(Percentiles.of(List.of(30L, 10L, 20L, 40L)).nearestRank(50)).isEqualTo(20.0);
        assertThat(Percentiles.of(List.of()).nearestRank(50)).isNull();
        assertThatThrownBy(() -> Percentiles.of(List.of(1L)).nearestRank(0)).hasMessageContaining("(0, 100]");
    }

    @Test
    void idsAreDeterministicAndReadable() {
        long start = java.time.Instant.parse("2026-06-01T10:00:00Z").toEpochMilli();
        assertThat(MetricIds.of("orders", start, "NL", "books", "EUR"))
                .isEqualTo("orders:2026-06-01T10:00:00Z:NL:books:EUR")
                .isEqualTo(MetricIds.of("orders", start, "NL", "books", "EUR"));
        assertThat(MetricIds.of("payments", start)).isEqualTo("payments:2026-06-01T10:00:00Z");
    }
}
