package io.infometis.streams.bench.latency;

import java.util.Arrays;
import java.util.Collection;

/** Nearest-rank percentiles of a set of latencies in milliseconds; all NaN when there are none. */
public record Percentiles(int count, double p50, double p95, double p99, double max) {

    public static Percentiles of(Collection<Long> millis) {
        if (millis.isEmpty()) {
            return new Percentiles(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        long[] sorted = millis.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(sorted);
        return new Percentiles(sorted.length, rank(sorted, 50), rank(sorted, 95), rank(sorted, 99),
                sorted[sorted.length - 1]);
    }

    private static double rank(long[] sorted, double percent) {
        int index = (int) Math.ceil(percent / 100 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
