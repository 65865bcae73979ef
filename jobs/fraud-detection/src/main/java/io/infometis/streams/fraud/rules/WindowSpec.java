package io.infometis.streams.fraud.rules;

/**
 * Which window shape, group value and window size/slide the buckets of one key belong to. A Flink POJO.
 *
 * <p>Up to caad6e8 the key was per family and this held a String field {@code family} (its description). A POJO
 * field cannot change type across a restore, so that field is gone and {@link #shapeId} is new: state of that
 * build restores with {@code shapeId == StableIds.NONE}, which no rule has, and the evaluator clears such a key at
 * its next window end.
 *
 * <p>Since d652af8 a key's spec is part of its {@link GroupWindows}; this class is only read to carry over restored
 * state of the builds before.
 */
public class WindowSpec {

    public long shapeId;
    public String groupValue;
    public long windowSizeMillis;
    public long slideMillis;

    public WindowSpec() {}
}
