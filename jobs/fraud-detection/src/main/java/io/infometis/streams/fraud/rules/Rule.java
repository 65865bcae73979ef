package io.infometis.streams.fraud.rules;

import io.infometis.streams.events.Severity;
import java.io.Serializable;
import java.util.List;
import org.apache.avro.generic.IndexedRecord;

/**
 * A validated threshold rule: on events of {@link #stream()} that pass every {@link #filters() filter}, grouped by
 * the {@link #groupBy()} field, compute the {@link #aggregate()} over sliding event-time windows of
 * {@link #windowSizeMillis()} every {@link #slideMillis()}, and alert when it crosses the {@link #threshold()}.
 * Built only by {@link RuleParser}, so every instance is valid (field positions already resolved).
 */
public record Rule(
        String id,
        int version,
        boolean enabled,
        RuleStream stream,
        String description,
        List<FieldFilter> filters,
        String groupBy,
        int groupByPosition,
        Aggregate aggregate,
        long windowSizeMillis,
        long slideMillis,
        Threshold threshold,
        Severity severity) implements Serializable {

    public Rule {
        filters = List.copyOf(filters);
    }

    public boolean matches(IndexedRecord event) {
        for (FieldFilter filter : filters) {
            if (!filter.test(event)) {
                return false;
            }
        }
        return true;
    }

    /** The value the event is grouped by, or null when the event has none (then the rule ignores it). */
    public String groupValue(IndexedRecord event) {
        String value = EventFields.text(event, groupByPosition);
        return value == null || value.isEmpty() ? null : value;
    }

    /** What the event contributes to the aggregate: 1 for count, else the field's value (null: ignored). */
    public Double aggregateInput(IndexedRecord event) {
        if (aggregate.function() == Aggregate.Function.COUNT) {
            return 1.0;
        }
        return EventFields.number(event, aggregate.position());
    }

    /** A one-line description of what the rule checks, for alert summaries and logs. */
    public String describe() {
        String where = filters.isEmpty() ? "" : " where " + String.join(" and ", filters.stream().map(Object::toString).toList());
        return aggregate + " of " + stream.ruleName() + where + " per " + groupBy + " " + threshold
                + " in " + windowSizeMillis / 1000 + " s windows";
    }
}
