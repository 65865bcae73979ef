package io.infometis.streams.fraud.rules;

import java.util.Arrays;
import java.util.Map;

/**
 * Everything the rule windows of one (window shape, group value) key hold except its breach episodes: the shape,
 * the key's one timer and its slide-long buckets in start order. A Flink POJO, kept as one keyed-state value.
 *
 * <p>Why one value and not a MapState of buckets beside a spec and a timer value (the layout up to 637316b): a
 * key's timer fires at every window end while it has buckets, and each firing read the spec and the timer, walked
 * the bucket map, removed the expired bucket and wrote the timer back, every one a lookup in the heap state map.
 * Those lookups and the map walk were most of the operator's profile. Now a hit or a window end reads and writes
 * one value, and a window is a range of the sorted arrays. The price, on RocksDB: each write serializes all of a
 * key's buckets, not one (the fraud job runs on the heap, docs/jobs/fraud-detection.md).
 */
public class GroupWindows {

    /** {@link #timer} when no timer is registered (the key has no bucket). */
    public static final long NO_TIMER = Long.MIN_VALUE;

    /** The {@link WindowShape#id(Rule) shape id}; {@link StableIds#NONE} for state of a build before shape ids. */
    public long shapeId;
    public String groupValue;
    public long windowSizeMillis;
    public long slideMillis;
    /** The key's one event-time timer (a window end - 1), or {@link #NO_TIMER}. */
    public long timer = NO_TIMER;
    /**
     * Whether {@code breach-ends} may hold an episode of this key. False from the first window end at which no rule
     * breached (which ends every episode), so most window ends need not read that state at all.
     */
    public boolean openEpisodes;
    /** The start of each bucket's slide, ascending. */
    public long[] starts = new long[0];
    /** The buckets, indexed like {@link #starts}. */
    public WindowBucket[] buckets = new WindowBucket[0];

    public GroupWindows() {}

    static GroupWindows of(RuleHit hit) {
        GroupWindows w = new GroupWindows();
        w.shapeId = hit.shape;
        w.groupValue = hit.groupValue();
        w.windowSizeMillis = hit.windowSizeMillis;
        w.slideMillis = hit.slideMillis;
        return w;
    }

    /** The windows of a key restored in the layout up to 637316b (spec, timer and bucket map). */
    static GroupWindows of(WindowSpec spec, Long timer, Iterable<Map.Entry<Long, WindowBucket>> buckets) {
        GroupWindows w = new GroupWindows();
        w.shapeId = spec.shapeId;
        w.groupValue = spec.groupValue;
        w.windowSizeMillis = spec.windowSizeMillis;
        w.slideMillis = spec.slideMillis;
        w.timer = timer == null ? NO_TIMER : timer;
        w.openEpisodes = true; // that layout kept no such flag
        for (Map.Entry<Long, WindowBucket> e : buckets) {
            w.bucketFor(e.getKey(), e.getValue());
        }
        return w;
    }

    /** The index of the bucket starting at {@code start}, or -1. From the end: most hits are for the newest slide. */
    int indexOf(long start) {
        for (int i = starts.length - 1; i >= 0 && starts[i] >= start; i--) {
            if (starts[i] == start) {
                return i;
            }
        }
        return -1;
    }

    /** Inserts {@code bucket} at {@code start} (which has none yet) in start order; returns it. */
    WindowBucket bucketFor(long start, WindowBucket bucket) {
        int at = starts.length;
        while (at > 0 && starts[at - 1] > start) {
            at--;
        }
        long[] newStarts = new long[starts.length + 1];
        WindowBucket[] newBuckets = new WindowBucket[buckets.length + 1];
        System.arraycopy(starts, 0, newStarts, 0, at);
        System.arraycopy(buckets, 0, newBuckets, 0, at);
        newStarts[at] = start;
        newBuckets[at] = bucket;
        System.arraycopy(starts, at, newStarts, at + 1, starts.length - at);
        System.arraycopy(buckets, at, newBuckets, at + 1, buckets.length - at);
        starts = newStarts;
        buckets = newBuckets;
        return bucket;
    }

    /** The index of the first bucket starting at or after {@code time} ({@code starts.length} if none). */
    int firstFrom(long time) {
        int i = 0;
        while (i < starts.length && starts[i] < time) {
            i++;
        }
        return i;
    }

    /** Drops the buckets starting before {@code time}. */
    void dropBefore(long time) {
        int keep = firstFrom(time);
        if (keep > 0) {
            starts = Arrays.copyOfRange(starts, keep, starts.length);
            buckets = Arrays.copyOfRange(buckets, keep, buckets.length);
        }
    }

    boolean isEmpty() {
        return starts.length == 0;
    }
}
