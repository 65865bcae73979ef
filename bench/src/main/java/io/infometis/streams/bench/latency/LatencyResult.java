package io.infometis.streams.bench.latency;

/**
 * Latencies of one run at one input rate: from an event's creation (its {@code event_time}, stamped with the wall
 * clock when the generator sends it) to the job's output record (the alert it completes; the enriched order it
 * updates) being read from Kafka as processed (read_uncommitted) and as committed (read_committed), and to its
 * document being found by a search.
 *
 * @param job         the job measured
 * @param share       the rate as a share of the measured maximum (0.25, 0.5, 0.75)
 * @param recordsPerSecond records per second the generator sent (all input topics)
 */
public record LatencyResult(String job, double share, double recordsPerSecond, Percentiles uncommitted, Percentiles committed,
                            Percentiles searchable) {}
