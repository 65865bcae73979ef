package io.infometis.streams.bench.latency;

/**
 * Latencies of one run at one input rate: from an event's creation (its {@code event_time}, stamped with the wall
 * clock when the generator sends it) to the job's output record (the alert it completes; the enriched order it
 * updates) being read from Kafka as processed (read_uncommitted) and as committed (read_committed), and to its
 * document being found by a search.
 *
 * @param job              the job measured
 * @param share            the rate as a share of the measured maximum (0.25, 0.5, 0.75)
 * @param recordsPerSecond records per second the generator sent (all input topics)
 * @param untimedOutputs   outputs seen but not timed (fraud: alerts emitted by timers, not completed by an event);
 *                         -1 when the job has none such
 * @param lateToDlq        input events the job sent to {@code dlq} as late; -1 when not counted
 */
public record LatencyResult(String job, double share, double recordsPerSecond, Percentiles uncommitted,
                            Percentiles committed, Percentiles searchable, long untimedOutputs, long lateToDlq) {

    /** A run whose every output is timed and whose late events are not counted. */
    public LatencyResult(String job, double share, double recordsPerSecond, Percentiles uncommitted,
                         Percentiles committed, Percentiles searchable) {
        this(job, share, recordsPerSecond, uncommitted, committed, searchable, -1, -1);
    }
}
