package io.infometis.streams.bench.latency;

/**
 * Latencies of one run at one input rate: from an event's creation (its {@code event_time}, stamped with the wall
 * clock when the generator sends it) to the alert it completes being read from {@code alerts} as processed
 * (read_uncommitted) and as committed (read_committed), and to the alert's document being found by a search.
 *
 * @param share       the rate as a share of the measured maximum (0.25, 0.5, 0.75)
 * @param recordsPerSecond records per second the generator sent (all input topics)
 */
public record LatencyResult(double share, double recordsPerSecond, Percentiles uncommitted, Percentiles committed,
                            Percentiles searchable) {}
