package io.infometis.streams.fraud.rules;

import java.util.List;

/**
 * The part of a rule that decides which events count in its windows: its stream, filter, group-by field, the
 * input of its aggregate (events for {@code count}, else the field) and its window size and slide. Rules that agree
 * on all of these (they differ only in aggregate function, threshold, severity or description) see exactly the same
 * events in exactly the same windows, so they share one aggregate per window bucket, and an event is tested once
 * per family, not once per rule.
 *
 * <p>Why: a rule set typically holds many thresholds over few window shapes (severity tiers, per-segment limits
 * tuned over time). Per-rule windows made 1,000 such rules cost hundreds of keyed-state updates per event; per
 * family the cost follows the number of distinct families an event matches. Families of one {@link WindowShape}
 * share one key and timer in the evaluator.
 *
 * <p>A family is named by its {@link #of canonical description} (readable, ~80 characters) and identified in hits
 * and window buckets by a 64-bit {@link #id(Rule) id} computed from it once per rule parse: the description in every
 * key made string hashing and serialization a sixth of the fraud job's time.
 */
public final class WindowFamily {

    private WindowFamily() {}

    /** The family's canonical description: equal for rules that share windows, in every JVM. */
    public static String of(Rule rule) {
        List<String> filters = rule.filters().stream().map(FieldFilter::canonical).sorted().toList();
        String input = rule.aggregate().function() == Aggregate.Function.COUNT ? "events" : rule.aggregate().field();
        return rule.stream().ruleName() + " where " + String.join(" and ", filters) + " by " + rule.groupBy()
                + " of " + input + " in " + rule.windowSizeMillis() + "/" + rule.slideMillis() + " ms";
    }

    /** The family id: {@link StableIds#of} of {@link #of the canonical description}. */
    public static long id(Rule rule) {
        return StableIds.of(of(rule));
    }
}
