package io.infometis.streams.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CI's run of the harness: {@code bin/bench smoke} end to end on a real stack (Kafka, registry, Elasticsearch,
 * a Flink MiniCluster, forked JMH). It asserts that every step ran and the report and charts were written,
 * never how fast anything was: on shared CI machines speed is noise.
 */
class BenchSmokeRunTest {

    @Test
    void smokeRunMeasuresEveryStepAndWritesTheReportWithCharts(@TempDir Path dir) throws Exception {
        Path report = dir.resolve("performance.md");

        int exit = BenchCommand.run("smoke", "--out", report.toString());

        String md = Files.readString(report);
        assertThat(exit).as("exit code (2 = a step failed; the report says which):%n%s", md).isZero();
        assertThat(md)
                .contains("Smoke run: these figures are not results")
                .contains("bin/bench smoke --out " + report)
                .contains("| cores (available to the JVM) |")
                .contains("Plain Kafka consumer + Avro decode (no Flink) | 1 |")
                .contains("Flink read + decode + discard (KafkaInput.readAvro) | 2 |")
                .contains("Aligned read + decode + discard (the jobs' reading of the backlog) | 2 |")
                .contains("Plain bulk loop into Elasticsearch | 1 |")
                .contains("Metrics peer in Flink SQL (same per-minute figures) | 2 |")
                .contains("## Where the time goes (JFR)")
                .contains("## Where each job run was in its backlog")
                .containsPattern("\\| commerce-metrics job p1 \\| `user-events` \\| [\\d,]+ \\| \\d+% \\| \\d+% \\| [\\d,]+ \\|")
                .contains("## Targets")
                .contains("`AvroDecodeBenchmark.jobCommonSourceDeserializer`")
                .contains("`DocumentSerializationBenchmark.orderToBulkRequest`")
                .contains("| kafka |");
        for (String share : new String[] {"25%", "50%", "75%"}) {
            // Fraud alerts were timed at every rate (once none arrived within a run and the table said 0).
            assertThat(md).as("fraud latency at %s", share)
                    .containsPattern("\\| fraud-detection \\| " + share + " \\| [\\d,]+ \\| [1-9][\\d,]* \\|");
        }
        // Enrichment on its deployed backend at every share, and on the other (heap) at the deployed 50% rate.
        for (String share : new String[] {"25%", "50%", "75%"}) {
            assertThat(md).as("enrichment latency on rocksdb at %s", share)
                    .containsPattern("\\| order-enrichment \\(rocksdb\\) \\| " + share + " \\([\\d,]+/s\\) \\|");
        }
        Matcher rocksDb = Pattern.compile("\\| order-enrichment \\(rocksdb\\) \\| 50% \\(([\\d,]+)/s\\) \\|")
                .matcher(md);
        Matcher heap = Pattern.compile("\\| order-enrichment \\(hashmap\\) \\| 50% \\(([\\d,]+)/s\\) \\|")
                .matcher(md);
        assertThat(rocksDb.find()).as("rocksdb row at 50%%").isTrue();
        assertThat(heap.find()).as("hashmap row at 50%%").isTrue();
        assertThat(heap.group(1)).as("the heap run's target rate").isEqualTo(rocksDb.group(1));
        assertThat(dir.resolve("performance/throughput.png")).isNotEmptyFile();
        assertThat(dir.resolve("performance/microbenchmarks.png")).isNotEmptyFile();
    }
}
