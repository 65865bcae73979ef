package io.infometis.streams.fraud.rules;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;

/**
 * An operator's parsed copy of the broadcast rule set, kept in step change by change: a rule change parses that one
 * rule, not the whole set. Why: with 1,000 rules loading at start, re-parsing the set after each change was a
 * million JSON parses (the profile's top methods were Jackson's). Transient; after a restore it is loaded from the
 * broadcast state on first use.
 */
final class ParsedRules {

    /** A parsed rule with its {@link WindowFamily#id(Rule) family} and {@link WindowShape#id(Rule) shape} ids. */
    record Entry(Rule rule, long family, long shape) {

        static Entry of(Rule rule) {
            return new Entry(rule, WindowFamily.id(rule), WindowShape.id(rule));
        }
    }

    private final Map<String, Entry> byId = new HashMap<>();
    private boolean loaded;

    /** Applies an accepted change (after it was written to broadcast state). */
    void apply(RuleChange change) {
        if (!loaded) {
            return; // loaded from the state, this change included, on first use
        }
        if (change.isDelete()) {
            byId.remove(change.ruleId);
        } else {
            put(change.ruleId, change.json);
        }
    }

    /** Every readable rule, enabled or not. */
    Collection<Entry> all(ReadOnlyBroadcastState<String, String> state) throws Exception {
        if (!loaded) {
            for (Map.Entry<String, String> e : state.immutableEntries()) {
                put(e.getKey(), e.getValue());
            }
            loaded = true;
        }
        return byId.values();
    }

    private void put(String ruleId, String json) {
        Rule rule = RuleBroadcast.parse(ruleId, json);
        if (rule == null) {
            byId.remove(ruleId);
        } else {
            byId.put(ruleId, Entry.of(rule));
        }
    }
}
