package io.infometis.streams.fraud.rules;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.apache.avro.generic.IndexedRecord;

/**
 * The enabled rules of one stream grouped into {@link WindowFamily window families}, and the families into
 * {@link WindowShape window shapes}: what the fan-out checks every event against. An event is tested once per
 * family (its rules share filter, grouping and aggregate input) and yields one {@link RuleHit} per shape it belongs
 * to, listing the families of that shape it counts in.
 */
public final class ActiveFamilies {

    private final long[] shapes;
    /** Per shape, {@link StableIds#keyPrefix} of its id: a hit's key is one concatenation away. */
    private final String[] keyPrefixes;
    /** Per shape, its families' ids, ascending, and one rule of each (they test and read events alike). */
    private final long[][] familyIds;
    private final Rule[][] familyRules;
    private final int families;
    private final int rules;
    /** Reused per event: the families that matched in the current shape. Operators call match from one thread. */
    private final long[] matchedFamilies;
    private final double[] matchedValues;

    private ActiveFamilies(Map<Long, Map<Long, Rule>> byShape, int rules) {
        int n = byShape.size();
        shapes = new long[n];
        keyPrefixes = new String[n];
        familyIds = new long[n][];
        familyRules = new Rule[n][];
        int s = 0;
        int total = 0;
        int widest = 0;
        for (Map.Entry<Long, Map<Long, Rule>> shape : byShape.entrySet()) {
            shapes[s] = shape.getKey();
            keyPrefixes[s] = StableIds.keyPrefix(shape.getKey());
            familyIds[s] = shape.getValue().keySet().stream().mapToLong(Long::longValue).toArray();
            familyRules[s] = shape.getValue().values().toArray(new Rule[0]);
            total += familyIds[s].length;
            widest = Math.max(widest, familyIds[s].length);
            s++;
        }
        this.families = total;
        this.rules = rules;
        matchedFamilies = new long[widest];
        matchedValues = new double[widest];
    }

    /** The families of the enabled rules of {@code stream} among {@code candidates}. */
    public static ActiveFamilies of(RuleStream stream, Iterable<Rule> candidates) {
        List<ParsedRules.Entry> entries = new ArrayList<>();
        for (Rule rule : candidates) {
            entries.add(ParsedRules.Entry.of(rule));
        }
        return of(stream, entries);
    }

    static ActiveFamilies of(RuleStream stream, Collection<ParsedRules.Entry> candidates) {
        // Sorted by id: the same hit order, and the same family order in a hit, on every subtask.
        Map<Long, Map<Long, Rule>> byShape = new TreeMap<>();
        int rules = 0;
        for (ParsedRules.Entry entry : candidates) {
            Rule rule = entry.rule();
            if (rule.enabled() && rule.stream() == stream) {
                byShape.computeIfAbsent(entry.shape(), s -> new TreeMap<>()).putIfAbsent(entry.family(), rule);
                rules++;
            }
        }
        return new ActiveFamilies(byShape, rules);
    }

    public int families() {
        return families;
    }

    public int shapes() {
        return shapes.length;
    }

    public int rules() {
        return rules;
    }

    /** Passes one hit per shape the event belongs to to {@code out}; returns how many. */
    public int match(IndexedRecord event, String eventId, long eventTime, Consumer<RuleHit> out) {
        int hits = 0;
        for (int s = 0; s < shapes.length; s++) {
            Rule[] rulesOfShape = familyRules[s];
            int matched = 0;
            for (int f = 0; f < rulesOfShape.length; f++) {
                Rule rule = rulesOfShape[f];
                if (!rule.matches(event)) {
                    continue;
                }
                Double value = rule.aggregateInput(event);
                if (value != null) {
                    matchedFamilies[matched] = familyIds[s][f];
                    matchedValues[matched] = value;
                    matched++;
                }
            }
            if (matched == 0) {
                continue;
            }
            Rule any = rulesOfShape[0]; // same stream and group-by field for all of the shape
            String group = any.groupValue(event);
            if (group == null) {
                continue;
            }
            out.accept(RuleHit.of(shapes[s], keyPrefixes[s], group, Arrays.copyOf(matchedFamilies, matched),
                    Arrays.copyOf(matchedValues, matched), eventId, eventTime, any.windowSizeMillis(),
                    any.slideMillis()));
            hits++;
        }
        return hits;
    }
}
