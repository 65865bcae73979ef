package io.infometis.streams.bench.run;

import io.infometis.streams.bench.jobs.BenchJob;
import io.infometis.streams.bench.report.BenchResults;

/**
 * Measurements the report must list as missing when their steps produced nothing, so a gap in a run is visible
 * in the report rather than silently absent.
 */
final class NotYetMeasured {

    private NotYetMeasured() {}

    static void addTo(BenchResults results) {
        if (results.latency.stream().noneMatch(l -> l.job().equals(BenchJob.FRAUD.name()))) {
            results.notMeasured.putIfAbsent("Fraud latency p50/p95/p99 to alerts (read_uncommitted, read_committed) and "
                    + "to searchable in Elasticsearch at 25/50/75% of the maximum rate", "no fraud latency run "
                    + "completed in this run (the failing step and its error are listed above)");
        }
        if (results.stateScaling.isEmpty()) {
            results.notMeasured.putIfAbsent("State size, checkpoint duration and throughput with 10 thousand vs "
                    + "1 million users and cards", "no state-scaling run completed in this run (the failing step and its error are listed above)");
        }
    }
}
