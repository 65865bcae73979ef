package io.infometis.streams.bench.run;

import io.infometis.streams.bench.jobs.BenchJob;
import io.infometis.streams.bench.report.BenchResults;

/**
 * The measurements of issue 7 this harness cannot take yet, with why. Each line goes once its job lands in main
 * and the harness measures it.
 */
final class NotYetMeasured {

    private NotYetMeasured() {}

    static void addTo(BenchResults results) {
        if (results.latency.stream().noneMatch(l -> l.job().equals(BenchJob.FRAUD.name()))) {
            results.notMeasured.putIfAbsent("Fraud latency p50/p95/p99 to alerts (read_uncommitted, read_committed) and "
                    + "to searchable in Elasticsearch at 25/50/75% of the maximum rate", "the fraud-detection job did "
                    + "not run in this build (it is measured once its module is on the harness's class path)");
        }
        if (results.stateScaling.isEmpty()) {
            results.notMeasured.putIfAbsent("State size, checkpoint duration and throughput with 10 thousand vs "
                    + "1 million users and cards", "the fraud-detection job did not run in this build");
        }
        results.notMeasured.putIfAbsent("JMH: CEP per event", "not built into the harness: a JMH harness around "
                + "Flink's CepOperator needs Flink's operator test harness; the patterns' cost shows in the fraud job's "
                + "throughput and JFR profile instead");
    }
}
