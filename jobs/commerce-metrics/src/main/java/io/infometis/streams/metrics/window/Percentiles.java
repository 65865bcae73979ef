package io.infometis.streams.metrics.window;

import java.util.Arrays;
import java.util.Collection;

/**
 * Exact percentiles over a window by the nearest-rank method (the smallest value with at least p% of the values
 * at or below it): every amount of the window is kept, which a one-minute window of orders affords. A sketch
 * (t-digest) would be the choice for much longer windows; it is not needed here and would make results approximate.
 */
public final class Percentiles {

    private final long[] sorted;

    private Percentiles(long[] sorted) {
        this.sorted = sorted;
    }

    public static Percentiles of(Collection<Long> values) {
        long[] sorted = values.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(sorted);
        return new Percentiles(sorted);
    }

    /** @param p in (0, 100]; null when there are no values */
    public Double nearestRank(double p) {
        if (!(p > 0 && p <= 100)) {
            throw new IllegalArgumentException("percentile must be in (0, 100], got " + p);
        }
        if (sorted.length == 0) {
            return null;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return (double) sorted[Math.max(rank, 1) - 1];
    }
}
