package io.infometis.streams.bench.latency;

import static org.assertj.core.api.Assertions.assertThat;

import io.infometis.streams.bench.latency.LatencyProbes.Observation;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LatencyProbesTest {

    @Test
    void anEventsLatencyIsItsFirstOutputNotALaterRewriteOfIt() {
        // order-1 enriched 40 ms after it was sent, then written again 30 s later when its customer's profile changed
        List<Observation> seen = Collections.synchronizedList(new ArrayList<>(List.of(
                new Observation(List.of("order-1"), 1_040),
                new Observation(List.of("order-2"), 2_100),
                new Observation(List.of("order-1"), 31_000))));

        List<Long> millis = LatencyProbes.latencies(seen, Map.of("order-1", 1_000L, "order-2", 2_000L));

        assertThat(millis).containsExactlyInAnyOrder(40L, 100L);
    }

    @Test
    void anOutputOfSeveralEventsCountsFromTheLatestAndUnknownEventsAreSkipped() {
        List<Observation> seen = Collections.synchronizedList(new ArrayList<>(List.of(
                new Observation(List.of("a", "b"), 5_000),
                new Observation(List.of("never-sent"), 6_000))));

        assertThat(LatencyProbes.latencies(seen, Map.of("a", 1_000L, "b", 4_000L))).containsExactly(1_000L);
    }
}
