package io.infometis.streams.bench.run;

import io.infometis.streams.bench.report.BenchResults;

/**
 * The measurements of issue 7 this harness cannot take yet, with why. Each line goes once its job lands in main
 * and the harness measures it.
 */
final class NotYetMeasured {

    private static final String NO_FRAUD = "the fraud-detection job is not in main yet";
    private static final String NO_ENRICHMENT = "the order-enrichment job is not in main yet";
    private static final String NO_METRICS = "the commerce-metrics job is not in main yet";

    private NotYetMeasured() {}

    static void addTo(BenchResults results) {
        results.notMeasured.putIfAbsent("Fraud-detection throughput at parallelism 1 and 2", NO_FRAUD);
        results.notMeasured.putIfAbsent("Enrichment throughput at parallelism 1 and 2 (vs the bulk-loop ceiling)",
                NO_ENRICHMENT);
        results.notMeasured.putIfAbsent("Metrics-job throughput at parallelism 1 and 2 (its Flink SQL peer is measured)",
                NO_METRICS);
        results.notMeasured.putIfAbsent("Latency p50/p95/p99 to alerts (read_uncommitted, read_committed) and to "
                + "searchable in Elasticsearch at 25/50/75% of the maximum rate", NO_FRAUD);
        results.notMeasured.putIfAbsent("Fraud throughput with 1/10/100/1,000 dynamic rules", NO_FRAUD);
        results.notMeasured.putIfAbsent("State size, checkpoint duration and throughput with 10 thousand vs 1 million "
                + "users and cards", NO_FRAUD);
        results.notMeasured.putIfAbsent("JMH: rule evaluation per event, CEP per event", NO_FRAUD);
    }
}
