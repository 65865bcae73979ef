package io.infometis.streams.fraud.rules;

import java.util.List;

/**
 * The part of a rule that decides which events land in which windows: its stream, filter, group-by field, the
 * input of its aggregate (events for {@code count}, else the field) and its window size and slide. Rules that agree
 * on all of these (they differ only in aggregate function, threshold, severity or description) put exactly the same
 * events into exactly the same windows, so they share one set of window buckets and each event becomes one hit per
 * family, not one per rule.
 *
 * <p>Why: a rule set typically holds many thresholds over few window shapes (severity tiers, per-segment limits
 * tuned over time). Per-rule windows made 1,000 such rules cost hundreds of keyed-state updates per event; per
 * family the cost follows the number of distinct shapes an event matches.
 */
public final class WindowFamily {

    private WindowFamily() {}

    /** The family id: equal for rules that share windows, in every JVM (the id is part of the keyed-state key). */
    public static String of(Rule rule) {
        List<String> filters = rule.filters().stream().map(FieldFilter::canonical).sorted().toList();
        String input = rule.aggregate().function() == Aggregate.Function.COUNT ? "events" : rule.aggregate().field();
        return rule.stream().ruleName() + " where " + String.join(" and ", filters) + " by " + rule.groupBy()
                + " of " + input + " in " + rule.windowSizeMillis() + "/" + rule.slideMillis() + " ms";
    }
}
