package io.infometis.streams.bench.measure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class HotMethodsTest {

    @Test
    void lambdaClassesLoseTheirPerRunSuffix() {
        assertThat(HotMethods.readable("org.apache.flink.table.data.RowData$$Lambda$4709+0x00007f822d4eed68"))
                .isEqualTo("org.apache.flink.table.data.RowData$$Lambda");
        assertThat(HotMethods.readable("java.util.HashMap")).isEqualTo("java.util.HashMap");
    }

    @Test
    void aBusyLoopIsAmongTheHottestMethodsOfItsRecording() throws Exception {
        List<HotMethods.Hot> hot = List.of();
        // JFR's sampler may deliver no sample in a short recording on a loaded 2-core machine (seen in CI):
        // record again, at most three times; what is asserted about the samples does not change.
        for (int attempt = 1; attempt <= 3 && hot.isEmpty(); attempt++) {
            try (HotMethods recording = HotMethods.start()) {
                long deadline = System.nanoTime() + 2_000_000_000L;
                double sink = 0;
                while (System.nanoTime() < deadline) {
                    sink += spin(sink);
                }
                hot = recording.stop(5);
                assertThat(sink).isNotNaN();
            }
        }
        assertThat(hot).isNotEmpty();
        assertThat(hot.get(0).share()).isBetween(0.0, 1.0);
        assertThat(hot).extracting(HotMethods.Hot::method).anyMatch(m -> m.contains("HotMethodsTest"));
    }

    private static double spin(double seed) {
        double x = seed;
        for (int i = 0; i < 10_000; i++) {
            x = Math.sin(x + i);
        }
        return x;
    }
}
