package io.infometis.streams.fraud.rules;

/**
 * One event that belongs to the windows of one {@link WindowFamily} and group value: what it adds to them. Carries
 * the window shape so the evaluator can place it and set timers even before its own copy of the rule set has the
 * rules (broadcast reaches operators at different moments). A Flink POJO.
 *
 * <p>The evaluator's key travels in the hit, built once by the fan-out from the family's precomputed prefix: the
 * keyed exchange and the evaluator read it as it is instead of concatenating it again on each side.
 */
public class RuleHit {

    /** The {@link WindowFamily#id(Rule) family id}. */
    public long family;
    /** The keyed-state key: {@link #key(long, String)} of the family and the group value. */
    public String key;
    public String eventId;
    public long eventTime;
    /** What the event adds to the aggregate (1 for count). */
    public double value;
    public long windowSizeMillis;
    public long slideMillis;

    public RuleHit() {}

    /** A hit whose key starts with {@code keyPrefix}, the family's {@link WindowFamily#keyPrefix} (precomputed). */
    static RuleHit of(long family, String keyPrefix, String groupValue, String eventId, long eventTime, double value,
            long windowSizeMillis, long slideMillis) {
        RuleHit hit = new RuleHit();
        hit.family = family;
        hit.key = keyPrefix.concat(groupValue);
        hit.eventId = eventId;
        hit.eventTime = eventTime;
        hit.value = value;
        hit.windowSizeMillis = windowSizeMillis;
        hit.slideMillis = slideMillis;
        return hit;
    }

    public static RuleHit of(long family, String groupValue, String eventId, long eventTime, double value,
            long windowSizeMillis, long slideMillis) {
        return of(family, WindowFamily.keyPrefix(family), groupValue, eventId, eventTime, value, windowSizeMillis,
                slideMillis);
    }

    public String evaluationKey() {
        return key;
    }

    /** The group value, read back from the key (the evaluator needs it once per key, when its windows open). */
    public String groupValue() {
        return key.substring(WindowFamily.KEY_PREFIX_LENGTH);
    }

    /** The keyed-state key of a (family, group value) pair: 12 characters of family id, then the group value. */
    public static String key(long family, String groupValue) {
        return WindowFamily.keyPrefix(family).concat(groupValue);
    }

    @Override
    public String toString() {
        return "RuleHit{" + key + " " + eventId + "@" + eventTime + "=" + value + "}";
    }
}
