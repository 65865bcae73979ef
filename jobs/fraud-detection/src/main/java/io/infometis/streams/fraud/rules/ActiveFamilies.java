package io.infometis.streams.fraud.rules;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.apache.avro.generic.IndexedRecord;

/**
 * The enabled rules of one stream grouped into {@link WindowFamily window families}: what the fan-out checks every
 * event against. An event is tested once per family (its rules share filter, grouping and aggregate input), and
 * yields one {@link RuleHit} per family it belongs to.
 */
public final class ActiveFamilies {

    private final long[] ids;
    /** Per family, {@link WindowFamily#keyPrefix} of its id: a hit's key is one concatenation away. */
    private final String[] keyPrefixes;
    private final Rule[] representatives;
    private final int rules;

    private ActiveFamilies(long[] ids, Rule[] representatives, int rules) {
        this.ids = ids;
        this.representatives = representatives;
        this.rules = rules;
        this.keyPrefixes = new String[ids.length];
        for (int i = 0; i < ids.length; i++) {
            keyPrefixes[i] = WindowFamily.keyPrefix(ids[i]);
        }
    }

    /** The families of the enabled rules of {@code stream} among {@code candidates}. */
    public static ActiveFamilies of(RuleStream stream, Iterable<Rule> candidates) {
        List<ParsedRules.Entry> entries = new ArrayList<>();
        for (Rule rule : candidates) {
            entries.add(new ParsedRules.Entry(rule, WindowFamily.id(rule)));
        }
        return of(stream, entries);
    }

    static ActiveFamilies of(RuleStream stream, Collection<ParsedRules.Entry> candidates) {
        Map<Long, Rule> byFamily = new TreeMap<>(); // sorted: the same hit order on every subtask
        int rules = 0;
        for (ParsedRules.Entry entry : candidates) {
            Rule rule = entry.rule();
            if (rule.enabled() && rule.stream() == stream) {
                byFamily.putIfAbsent(entry.family(), rule);
                rules++;
            }
        }
        long[] ids = byFamily.keySet().stream().mapToLong(Long::longValue).toArray();
        return new ActiveFamilies(ids, byFamily.values().toArray(new Rule[0]), rules);
    }

    public int families() {
        return ids.length;
    }

    public int rules() {
        return rules;
    }

    /** Passes one hit per family the event belongs to to {@code out}; returns how many. */
    public int match(IndexedRecord event, String eventId, long eventTime, Consumer<RuleHit> out) {
        int hits = 0;
        for (int i = 0; i < representatives.length; i++) {
            Rule rule = representatives[i];
            if (!rule.matches(event)) {
                continue;
            }
            String group = rule.groupValue(event);
            Double value = rule.aggregateInput(event);
            if (group == null || value == null) {
                continue;
            }
            out.accept(RuleHit.of(ids[i], keyPrefixes[i], group, eventId, eventTime, value, rule.windowSizeMillis(),
                    rule.slideMillis()));
            hits++;
        }
        return hits;
    }
}
