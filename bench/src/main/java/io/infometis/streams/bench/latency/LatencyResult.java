package io.infometis.streams.bench.latency;

/**
 * Latencies of one run at one input rate: from an event's creation (its {@code event_time}, stamped with the wall
 * clock when the generator sends it) to the job's output record (the alert it completes; the enriched order it
 * updates) being read from Kafka as processed (read_uncommitted) and as committed (read_committed), and to its
 * document being found by a search.
 *
 * @param job                    the job measured
 * @param share                  the rate as a share of the measured maximum (0.25, 0.5, 0.75); for a run on a
 *                               backend other than the deployed one, of the deployed backend's maximum
 * @param recordsPerSecond       records per second the generator sent (all input topics)
 * @param untimedOutputs         outputs seen but not timed (fraud: alerts emitted by timers, not completed by an
 *                               event); -1 when the job has none such
 * @param lateToDlq              input events the job sent to {@code dlq} as late; -1 when not counted
 * @param stateBackend           the state backend the job ran on ({@code rocksdb}, {@code hashmap}); null when the
 *                               row does not state it (the job's deployed one)
 * @param targetRecordsPerSecond the rate the generator was asked for; NaN when the row does not state it
 */
public record LatencyResult(String job, double share, double recordsPerSecond, Percentiles uncommitted,
                            Percentiles committed, Percentiles searchable, long untimedOutputs, long lateToDlq,
                            String stateBackend, double targetRecordsPerSecond) {

    /** A run on the job's deployed backend that states neither the backend nor its target rate. */
    public LatencyResult(String job, double share, double recordsPerSecond, Percentiles uncommitted,
                         Percentiles committed, Percentiles searchable, long untimedOutputs, long lateToDlq) {
        this(job, share, recordsPerSecond, uncommitted, committed, searchable, untimedOutputs, lateToDlq, null,
                Double.NaN);
    }

    /** A run whose every output is timed and whose late events are not counted. */
    public LatencyResult(String job, double share, double recordsPerSecond, Percentiles uncommitted,
                         Percentiles committed, Percentiles searchable) {
        this(job, share, recordsPerSecond, uncommitted, committed, searchable, -1, -1);
    }

    /** The job, with the backend when the row states it: {@code order-enrichment (hashmap)}. */
    public String label() {
        return stateBackend == null ? job : job + " (" + stateBackend + ")";
    }

    public boolean statesTarget() {
        return !Double.isNaN(targetRecordsPerSecond);
    }
}
