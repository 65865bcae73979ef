package io.infometis.streams.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.infometis.streams.bench.latency.LatencyResult;
import io.infometis.streams.bench.latency.Percentiles;
import io.infometis.streams.bench.run.BenchProfile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The latency section says which configuration the fraud figures are for, what was counted but not timed, and on
 * which state backend and at which target rate each enrichment row ran.
 */
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

    @Test
    void enrichmentRowsNameTheirBackendAndTheHeapRowsRunAtTheDeployedRowsRates() {
        BenchResults results = new BenchResults(BenchProfile.full(), "bin/bench full", MachineFacts.collect());
        results.clusterSettings.put("state.backend.type", "hashmap");
        results.jobSettings.put("order-enrichment", Map.of("state.backend.type", "rocksdb",
                "taskmanager.memory.managed.fraction", "0.4"));
        results.latency.add(new LatencyResult("fraud-detection", 0.25, 5_000, Percentiles.of(List.of(100L)),
                Percentiles.of(List.of(900L)), Percentiles.of(List.of(1_000L)), 1, 0));
        double max = 7_844;
        for (String backend : List.of("rocksdb", "hashmap")) {
            for (double share : List.of(0.25, 0.5, 0.75)) {
                results.latency.add(new LatencyResult("order-enrichment", share, share * max * 0.98,
                        Percentiles.of(List.of(90L)), Percentiles.of(List.of(1_000L)), Percentiles.of(List.of()),
                        -1, -1, backend, share * max));
            }
        }

        String md = MarkdownReport.render(results, Path.of("performance"));

        assertThat(md)
                .contains("| fraud-detection | 25% | 5,000 | 1 | 1 | 0 |")
                .contains("| order-enrichment (rocksdb) | 25% (1,961/s) | 1,922 |")
                .contains("| order-enrichment (rocksdb) | 50% (3,922/s) | 3,844 |")
                .contains("| order-enrichment (rocksdb) | 75% (5,883/s) | 5,765 |")
                .contains("| order-enrichment (hashmap) | 25% (1,961/s) | 1,922 |")
                .contains("| order-enrichment (hashmap) | 50% (3,922/s) | 3,844 |")
                .contains("| order-enrichment (hashmap) | 75% (5,883/s) | 5,765 |")
                .contains("`order-enrichment (rocksdb)` is the job as deployed")
                .contains("`order-enrichment (hashmap)` is the same job on the other backend")
                .contains("at the **same absolute rates** as the `rocksdb`")
                .doesNotContain("Smoke runs it at 50% only.");
        // Every row states its backend: no enrichment row without one.
        assertThat(md).doesNotContainPattern("\\| order-enrichment \\|");
        assertThat(rateCells(md, "hashmap")).isEqualTo(rateCells(md, "rocksdb")).hasSize(3);
    }

    @Test
    void aSmokeReportSaysItsHeapRowRunsAtOneShareOnly() {
        BenchResults results = new BenchResults(BenchProfile.smoke(), "bin/bench smoke", MachineFacts.collect());
        results.jobSettings.put("order-enrichment", Map.of("state.backend.type", "rocksdb"));
        results.latency.add(new LatencyResult("order-enrichment", 0.5, 400, Percentiles.of(List.of(90L)),
                Percentiles.of(List.of(1_000L)), Percentiles.of(List.of()), -1, -1, "rocksdb", 400));
        results.latency.add(new LatencyResult("order-enrichment", 0.5, 400, Percentiles.of(List.of(80L)),
                Percentiles.of(List.of(900L)), Percentiles.of(List.of()), -1, -1, "hashmap", 400));

        String md = MarkdownReport.render(results, Path.of("performance"));

        assertThat(md).contains("Smoke runs it at 50% only.")
                .contains("| order-enrichment (hashmap) | 50% (400/s) | 400 | 1 | n/a | n/a | 80 / 80 / 80 |");
    }

    /** The rate cells of a backend's enrichment rows, in order. */
    private static List<String> rateCells(String md, String backend) {
        Matcher m = Pattern.compile("\\| order-enrichment \\(" + backend + "\\) \\| ([^|]+) \\|").matcher(md);
        List<String> cells = new ArrayList<>();
        while (m.find()) {
            cells.add(m.group(1));
        }
        return cells;
    }
}
