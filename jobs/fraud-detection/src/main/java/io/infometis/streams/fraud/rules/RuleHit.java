package io.infometis.streams.fraud.rules;

/**
 * One event that belongs to the windows of one {@link WindowFamily} and group value: what it adds to them. Carries
 * the window shape so the evaluator can place it and set timers even before its own copy of the rule set has the
 * rules (broadcast reaches operators at different moments). A Flink POJO.
 */
public class RuleHit {

    /** The {@link WindowFamily} id. */
    public String family;
    public String groupValue;
    public String eventId;
    public long eventTime;
    /** What the event adds to the aggregate (1 for count). */
    public double value;
    public long windowSizeMillis;
    public long slideMillis;

    public RuleHit() {}

    public String evaluationKey() {
        return key(family, groupValue);
    }

    /** The keyed-state key of a (family, group value) pair; the unit separator never occurs in ids. */
    public static String key(String family, String groupValue) {
        return family + '\u001f' + groupValue;
    }

    @Override
    public String toString() {
        return "RuleHit{" + family + " " + groupValue + " " + eventId + "@" + eventTime + "=" + value + "}";
    }
}
