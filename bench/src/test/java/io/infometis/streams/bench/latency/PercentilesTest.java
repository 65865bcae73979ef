package io.infometis.streams.bench.latency;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class PercentilesTest {

    @Test
    void nearestRankOfAHundredValues() {
        List<Long> millis = new ArrayList<>();
        for (long i = 1; i <= 100; i++) {
            millis.add(i);
        }
        Collections.shuffle(millis);

        Percentiles p = Percentiles.of(millis);

        assertThat(p.count()).isEqualTo(100);
        assertThat(p.p50()).isEqualTo(50);
        assertThat(p.p95()).isEqualTo(95);
        assertThat(p.p99()).isEqualTo(99);
        assertThat(p.max()).isEqualTo(100);
    }

    @Test
    void oneValueIsEveryPercentileAndNoValuesIsNone() {
        assertThat(Percentiles.of(List.of(7L)).p99()).isEqualTo(7);
        assertThat(Percentiles.of(List.of()).p50()).isNaN();
    }
}
