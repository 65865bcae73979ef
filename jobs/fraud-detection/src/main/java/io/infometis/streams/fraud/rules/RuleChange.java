package io.infometis.streams.fraud.rules;

/**
 * An accepted change to the rule set, broadcast to every rule operator: the rule's validated JSON, or null when
 * the rule was deleted (a tombstone). The JSON itself is what broadcast state keeps: a string survives any change
 * to the rule classes between savepoint and restore. A Flink POJO.
 */
public class RuleChange {

    public String ruleId;
    public int version;
    /** Validated rule JSON; null = deleted. */
    public String json;

    public RuleChange() {}

    public static RuleChange upsert(String ruleId, int version, String json) {
        RuleChange c = new RuleChange();
        c.ruleId = ruleId;
        c.version = version;
        c.json = json;
        return c;
    }

    public static RuleChange delete(String ruleId) {
        RuleChange c = new RuleChange();
        c.ruleId = ruleId;
        return c;
    }

    public boolean isDelete() {
        return json == null;
    }

    @Override
    public String toString() {
        return isDelete() ? "delete " + ruleId : ruleId + " v" + version;
    }
}
