package io.infometis.streams.fraud.rules;

/** Which window family, group value and window shape the buckets of one key belong to. A Flink POJO. */
public class WindowSpec {

    public String family;
    public String groupValue;
    public long windowSizeMillis;
    public long slideMillis;

    public WindowSpec() {}

    static WindowSpec of(RuleHit hit) {
        WindowSpec s = new WindowSpec();
        s.family = hit.family;
        s.groupValue = hit.groupValue;
        s.windowSizeMillis = hit.windowSizeMillis;
        s.slideMillis = hit.slideMillis;
        return s;
    }
}
