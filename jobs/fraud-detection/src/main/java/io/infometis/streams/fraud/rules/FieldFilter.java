package io.infometis.streams.fraud.rules;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.apache.avro.generic.IndexedRecord;

/**
 * One condition of a rule's filter on a field of the event: {@code equals} / {@code not_equals} a value,
 * {@code in} a set of values (text fields), or in a numeric {@code range} (both bounds inclusive, either optional).
 */
public final class FieldFilter implements Serializable {

    private static final long serialVersionUID = 1L;

    public enum Op { EQUALS, NOT_EQUALS, IN, RANGE }

    private final String field;
    private final int position;
    private final EventFields.Kind kind;
    private final Op op;
    private final Set<String> texts;
    private final Double number;
    private final Double min;
    private final Double max;

    private FieldFilter(String field, int position, EventFields.Kind kind, Op op, Set<String> texts, Double number,
            Double min, Double max) {
        this.field = Objects.requireNonNull(field, "field");
        this.position = position;
        this.kind = kind;
        this.op = op;
        this.texts = texts;
        this.number = number;
        this.min = min;
        this.max = max;
    }

    static FieldFilter equalsText(String field, int position, Op op, String value) {
        return new FieldFilter(field, position, EventFields.Kind.TEXT, op, Set.of(value), null, null, null);
    }

    static FieldFilter equalsNumber(String field, int position, Op op, double value) {
        return new FieldFilter(field, position, EventFields.Kind.NUMBER, op, Set.of(), value, null, null);
    }

    static FieldFilter in(String field, int position, List<String> values) {
        return new FieldFilter(field, position, EventFields.Kind.TEXT, Op.IN, Set.copyOf(values), null, null, null);
    }

    static FieldFilter range(String field, int position, Double min, Double max) {
        return new FieldFilter(field, position, EventFields.Kind.NUMBER, Op.RANGE, Set.of(), null, min, max);
    }

    public String field() {
        return field;
    }

    public Op op() {
        return op;
    }

    public boolean test(IndexedRecord event) {
        if (kind == EventFields.Kind.TEXT) {
            String value = EventFields.text(event, position);
            boolean contained = value != null && texts.contains(value);
            return op == Op.NOT_EQUALS ? !contained : contained;
        }
        Double value = EventFields.number(event, position);
        if (value == null) {
            return op == Op.NOT_EQUALS;
        }
        return switch (op) {
            case EQUALS -> value.doubleValue() == number;
            case NOT_EQUALS -> value.doubleValue() != number;
            case RANGE -> (min == null || value >= min) && (max == null || value <= max);
            case IN -> throw new IllegalStateException("'in' is for text fields");
        };
    }

    /**
     * The condition as text that is the same for equal conditions in every JVM (set values sorted): what
     * {@link WindowFamily} compares. {@link #toString()} is not, since {@code Set.copyOf} iterates in a per-JVM order.
     */
    public String canonical() {
        return switch (op) {
            case EQUALS, NOT_EQUALS, IN -> field + " " + op + " "
                    + (kind == EventFields.Kind.TEXT ? new TreeSet<>(texts).toString() : Double.toString(number));
            case RANGE -> field + " " + op + " " + min + ".." + max;
        };
    }

    @Override
    public String toString() {
        return switch (op) {
            case EQUALS -> field + "=" + (kind == EventFields.Kind.TEXT ? texts.iterator().next() : number);
            case NOT_EQUALS -> field + "!=" + (kind == EventFields.Kind.TEXT ? texts.iterator().next() : number);
            case IN -> field + " in " + texts;
            case RANGE -> field + " in [" + (min == null ? "-inf" : min) + ", " + (max == null ? "+inf" : max) + "]";
        };
    }
}
