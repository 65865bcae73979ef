package io.infometis.streams.fraud.rules;

/**
 * Which window family, group value and window shape the buckets of one key belong to. A Flink POJO.
 *
 * <p>Up to caad6e8 the family was a String field {@code family} (its canonical description). A POJO field cannot
 * change type across a restore, so that field is gone and {@link #familyId} is new: state of that build restores
 * with {@code familyId == WindowFamily.NONE}, which no rule has, and the evaluator clears such a key at its next
 * window end.
 */
public class WindowSpec {

    public long familyId;
    public String groupValue;
    public long windowSizeMillis;
    public long slideMillis;

    public WindowSpec() {}

    static WindowSpec of(RuleHit hit) {
        WindowSpec s = new WindowSpec();
        s.familyId = hit.family;
        s.groupValue = hit.groupValue();
        s.windowSizeMillis = hit.windowSizeMillis;
        s.slideMillis = hit.slideMillis;
        return s;
    }
}
