package io.infometis.streams.metrics.window;

import java.time.Instant;
import java.util.Objects;
import java.util.StringJoiner;

/**
 * Deterministic ids: the same metric of the same window and dimensions always gets the same id, so a late update
 * (or a replay) replaces the document instead of adding one. Readable on purpose, e.g.
 * {@code orders:2026-06-01T10:00:00Z:NL:books:EUR}.
 */
public final class MetricIds {

    private MetricIds() {}

    public static String of(String metric, long windowStart, String... dimensions) {
        StringJoiner id = new StringJoiner(":");
        id.add(Objects.requireNonNull(metric, "metric")).add(Instant.ofEpochMilli(windowStart).toString());
        for (String dimension : dimensions) {
            id.add(dimension == null ? "-" : dimension);
        }
        return id.toString();
    }
}
