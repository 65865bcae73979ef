package io.infometis.streams.fraud.rules;

import java.util.Arrays;

/**
 * One event that belongs to the windows of one {@link WindowShape} and group value: which {@link WindowFamily
 * families} of the shape it counts in and what it adds to each. Carries the window shape so the evaluator can place
 * it and set timers even before its own copy of the rule set has the rules (broadcast reaches operators at
 * different moments). A Flink POJO.
 *
 * <p>The evaluator's key travels in the hit, built once by the fan-out from the shape's precomputed prefix: the
 * keyed exchange and the evaluator read it as it is instead of concatenating it again on each side.
 */
public class RuleHit {

    /** The {@link WindowShape#id(Rule) shape id}. */
    public long shape;
    /** The keyed-state key: {@link #key(long, String)} of the shape and the group value. */
    public String key;
    /** The {@link WindowFamily#id(Rule) ids} of the families the event counts in, ascending. */
    public long[] families;
    /** Per family (same index): what the event adds to its aggregate (1 for count). */
    public double[] values;
    public String eventId;
    public long eventTime;
    public long windowSizeMillis;
    public long slideMillis;

    public RuleHit() {}

    /** A hit whose key starts with {@code keyPrefix}, the shape's {@link StableIds#keyPrefix} (precomputed). */
    static RuleHit of(long shape, String keyPrefix, String groupValue, long[] families, double[] values,
            String eventId, long eventTime, long windowSizeMillis, long slideMillis) {
        if (families.length != values.length || families.length == 0) {
            throw new IllegalArgumentException("one value per family, at least one family: "
                    + Arrays.toString(families) + " " + Arrays.toString(values));
        }
        RuleHit hit = new RuleHit();
        hit.shape = shape;
        hit.key = keyPrefix.concat(groupValue);
        hit.families = families;
        hit.values = values;
        hit.eventId = eventId;
        hit.eventTime = eventTime;
        hit.windowSizeMillis = windowSizeMillis;
        hit.slideMillis = slideMillis;
        return hit;
    }

    public static RuleHit of(long shape, String groupValue, long[] families, double[] values, String eventId,
            long eventTime, long windowSizeMillis, long slideMillis) {
        return of(shape, StableIds.keyPrefix(shape), groupValue, families, values, eventId, eventTime,
                windowSizeMillis, slideMillis);
    }

    public String evaluationKey() {
        return key;
    }

    /** The group value, read back from the key (the evaluator needs it once per key, when its windows open). */
    public String groupValue() {
        return key.substring(StableIds.KEY_PREFIX_LENGTH);
    }

    /** The keyed-state key of a (shape, group value) pair: 12 characters of shape id, then the group value. */
    public static String key(long shape, String groupValue) {
        return StableIds.keyPrefix(shape).concat(groupValue);
    }

    @Override
    public String toString() {
        return "RuleHit{" + key + " " + Arrays.toString(families) + "=" + Arrays.toString(values) + " " + eventId
                + "@" + eventTime + "}";
    }
}
