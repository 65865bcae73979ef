package io.infometis.streams.fraud.rules;

import java.time.Instant;
import java.util.Optional;
import org.apache.avro.LogicalType;
import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;

/**
 * Reads a top-level field of an Avro event by name, the way rules refer to fields ({@code status}, {@code amount},
 * {@code card_fingerprint}...). Only scalar fields can be used: text (strings, enums) and numbers. Positions are
 * resolved once per rule, so evaluating a rule against an event is an array access, not a name lookup.
 */
public final class EventFields {

    /** What a rule may do with a field. */
    public enum Kind { TEXT, NUMBER, UNSUPPORTED }

    private EventFields() {}

    /** The field's kind in the schema, or empty when the schema has no such field. */
    public static Optional<Kind> kindOf(Schema schema, String field) {
        Schema.Field f = schema.getField(field);
        if (f == null) {
            return Optional.empty();
        }
        return Optional.of(kindOf(nonNull(f.schema())));
    }

    public static int position(Schema schema, String field) {
        Schema.Field f = schema.getField(field);
        if (f == null) {
            throw new IllegalArgumentException("schema " + schema.getName() + " has no field '" + field + "'");
        }
        return f.pos();
    }

    /** The field value as text (enums by symbol), or null when it is null. */
    public static String text(IndexedRecord record, int position) {
        Object value = record.get(position);
        return value == null ? null : value.toString();
    }

    /** The field value as a number, or null when it is null or not numeric. */
    public static Double number(IndexedRecord record, int position) {
        Object value = record.get(position);
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        if (value instanceof Instant i) {
            return (double) i.toEpochMilli();
        }
        return null;
    }

    private static Kind kindOf(Schema s) {
        LogicalType logical = s.getLogicalType();
        if (logical != null) {
            // Times and decimals have no meaning a threshold rule could use safely.
            return Kind.UNSUPPORTED;
        }
        return switch (s.getType()) {
            case STRING, ENUM -> Kind.TEXT;
            case INT, LONG, FLOAT, DOUBLE -> Kind.NUMBER;
            default -> Kind.UNSUPPORTED;
        };
    }

    private static Schema nonNull(Schema s) {
        if (s.getType() != Schema.Type.UNION) {
            return s;
        }
        return s.getTypes().stream().filter(t -> t.getType() != Schema.Type.NULL).reduce((a, b) -> {
            throw new IllegalStateException("union with more than one non-null branch");
        }).orElse(s);
    }
}
