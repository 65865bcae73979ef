package io.infometis.streams.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.infometis.streams.bench.latency.LatencyResult;
import io.infometis.streams.bench.latency.Percentiles;
import io.infometis.streams.bench.run.BenchProfile;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The latency section says which configuration the fraud figures are for, and what was counted but not timed. */
class MarkdownReportLatencyTest {

    @Test
    void fraudLatencyRowsComeWithTheirConfigurationAndTheirUntimedAndLateCounts() {
        BenchResults results = new BenchResults(BenchProfile.smoke(), "bin/bench smoke", MachineFacts.collect());
        results.latency.add(new LatencyResult("fraud-detection", 0.5, 12_345, Percentiles.of(List.of(150L, 180L, 240L)),
                Percentiles.of(List.of(900L, 1_100L, 1_400L)), Percentiles.of(List.of(1_200L, 1_300L, 2_000L)), 7, 3));
        results.latency.add(new LatencyResult("order-enrichment", 0.5, 2_000, Percentiles.of(List.of(90L)),
                Percentiles.of(List.of(1_000L)), Percentiles.of(List.of())));

        String md = MarkdownReport.render(results, Path.of("performance"));

        assertThat(md)
                .contains("- `--watermark.out-of-orderness \"100 ms\"`")
                .contains("- Flink `execution.checkpointing.interval: 1 s`")
                .contains("- Flink `pipeline.auto-watermark-interval: 50 ms`")
                .contains("- Flink `execution.buffer-timeout.interval: 10 ms`")
                .contains("| fraud-detection | 50% | 12,345 | 3 | 7 | 3 | 180 / 240 / 240 | 1,100 / 1,400 / 1,400 "
                        + "| 1,300 / 2,000 / 2,000 |")
                .contains("| order-enrichment | 50% | 2,000 | 1 | n/a | n/a | 90 / 90 / 90 | 1,000 / 1,000 / 1,000 | n/a |")
                .contains("| p99 processing latency to `alerts` < 250 ms at half the maximum rate | p99 240 ms "
                        + "(read_uncommitted) | yes |");
    }
}
