package io.infometis.streams.fraud.rules;

/**
 * One event that passed one rule's filter: what it adds to the (rule, group value) windows. Carries the window
 * shape so the evaluator can place it and set timers even before its own copy of the rule set has the version
 * (broadcast reaches operators at different moments). A Flink POJO.
 */
public class RuleHit {

    public String ruleId;
    public int ruleVersion;
    public String groupValue;
    public String eventId;
    public long eventTime;
    /** What the event adds to the aggregate (1 for count). */
    public double value;
    public long windowSizeMillis;
    public long slideMillis;

    public RuleHit() {}

    public String evaluationKey() {
        return key(ruleId, groupValue);
    }

    /** The keyed-state key of a (rule, group value) pair; the unit separator never occurs in ids. */
    public static String key(String ruleId, String groupValue) {
        return ruleId + '\u001f' + groupValue;
    }

    @Override
    public String toString() {
        return "RuleHit{" + ruleId + " v" + ruleVersion + " " + groupValue + " " + eventId + "@" + eventTime + "=" + value + "}";
    }
}
