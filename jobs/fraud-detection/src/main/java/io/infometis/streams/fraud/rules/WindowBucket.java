package io.infometis.streams.fraud.rules;

import java.util.Arrays;

/**
 * The hits of one slide-long slice of event time for one (window shape, group value), per window family: enough to
 * compute count, sum, min, max and avg of any window made of whole slices for every family of the shape, plus the
 * first event ids for the alert. Parallel arrays indexed like {@link #families} (few families per shape, so a
 * linear search). A Flink POJO.
 *
 * <p>Up to caad6e8 a bucket belonged to one family and had single-valued fields ({@code count}, {@code sum},
 * {@code min}, {@code max}, {@code firstEventTime}, {@code lastEventTime}, {@code eventIds}). POJO evolution cannot
 * change a field's type, so every per-family field has a new name; such a bucket restores empty and is cleared
 * with its key.
 */
public class WindowBucket {

    public long[] families = new long[0];
    public long[] counts = new long[0];
    public double[] sums = new double[0];
    public double[] mins = new double[0];
    public double[] maxs = new double[0];
    public long[] firstEventTimes = new long[0];
    public long[] lastEventTimes = new long[0];
    /** Per family, at most the configured number of ids (fraud.rules.max-event-ids), in arrival order. */
    public String[][] familyEventIds = new String[0][];

    public WindowBucket() {}

    /** The index of {@code family} in the arrays, or -1. */
    public int indexOf(long family) {
        for (int i = 0; i < families.length; i++) {
            if (families[i] == family) {
                return i;
            }
        }
        return -1;
    }

    public void add(RuleHit hit, int maxEventIds) {
        for (int h = 0; h < hit.families.length; h++) {
            int i = indexOf(hit.families[h]);
            if (i < 0) {
                i = append(hit.families[h]);
            }
            double value = hit.values[h];
            counts[i]++;
            sums[i] += value;
            mins[i] = Math.min(mins[i], value);
            maxs[i] = Math.max(maxs[i], value);
            firstEventTimes[i] = Math.min(firstEventTimes[i], hit.eventTime);
            lastEventTimes[i] = Math.max(lastEventTimes[i], hit.eventTime);
            String[] ids = familyEventIds[i];
            if (ids.length < maxEventIds) {
                ids = Arrays.copyOf(ids, ids.length + 1);
                ids[ids.length - 1] = hit.eventId;
                familyEventIds[i] = ids;
            }
        }
    }

    private int append(long family) {
        int i = families.length;
        families = Arrays.copyOf(families, i + 1);
        families[i] = family;
        counts = Arrays.copyOf(counts, i + 1);
        sums = Arrays.copyOf(sums, i + 1);
        mins = Arrays.copyOf(mins, i + 1);
        mins[i] = Double.POSITIVE_INFINITY;
        maxs = Arrays.copyOf(maxs, i + 1);
        maxs[i] = Double.NEGATIVE_INFINITY;
        firstEventTimes = Arrays.copyOf(firstEventTimes, i + 1);
        firstEventTimes[i] = Long.MAX_VALUE;
        lastEventTimes = Arrays.copyOf(lastEventTimes, i + 1);
        lastEventTimes[i] = Long.MIN_VALUE;
        familyEventIds = Arrays.copyOf(familyEventIds, i + 1);
        familyEventIds[i] = new String[0];
        return i;
    }
}
