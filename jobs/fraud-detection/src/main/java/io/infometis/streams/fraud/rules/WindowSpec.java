package io.infometis.streams.fraud.rules;

/** Which rule version and window shape the buckets of one (rule, group value) key belong to. A Flink POJO. */
public class WindowSpec {

    public String ruleId;
    public int ruleVersion;
    public String groupValue;
    public long windowSizeMillis;
    public long slideMillis;

    public WindowSpec() {}

    static WindowSpec of(RuleHit hit) {
        WindowSpec s = new WindowSpec();
        s.ruleId = hit.ruleId;
        s.ruleVersion = hit.ruleVersion;
        s.groupValue = hit.groupValue;
        s.windowSizeMillis = hit.windowSizeMillis;
        s.slideMillis = hit.slideMillis;
        return s;
    }
}
