package io.infometis.streams.ksql.check;

import io.infometis.streams.ksql.parse.KsqlType;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;

/**
 * Whether ksqlDB can read an Avro value into a column of a declared type. Mirrors how ksqlDB converts Avro through
 * Kafka Connect data: unions with null are the nullable branch, enums read as STRING, timestamp-millis as
 * TIMESTAMP (or BIGINT), date as DATE (or INT), record fields match struct fields case-insensitively. Stricter than
 * ksqlDB where ksqlDB would coerce silently (e.g. a number read into STRING): a script should say what it reads.
 */
public final class AvroCompatibility {

    private AvroCompatibility() {}

    /** Why the Avro schema does not fit the column type, or empty when it does. */
    public static Optional<String> problem(KsqlType declared, Schema avro) {
        Schema schema = nonNull(avro);
        if (schema == null) {
            return Optional.of("the Avro type is a union ksqlDB cannot read (" + avro + ")");
        }
        LogicalType logical = schema.getLogicalType();
        Schema.Type type = schema.getType();
        boolean fits;
        if (declared instanceof KsqlType.Primitive p) {
            fits = switch (p.base()) {
                case STRING -> type == Schema.Type.STRING || type == Schema.Type.ENUM;
                case BOOLEAN -> type == Schema.Type.BOOLEAN;
                case INT -> type == Schema.Type.INT && logical == null;
                case BIGINT -> (type == Schema.Type.LONG || type == Schema.Type.INT)
                        && !(logical instanceof LogicalTypes.Date);
                case DOUBLE -> type == Schema.Type.DOUBLE || type == Schema.Type.FLOAT;
                case TIMESTAMP -> logical instanceof LogicalTypes.TimestampMillis;
                case DATE -> logical instanceof LogicalTypes.Date;
                case TIME -> logical instanceof LogicalTypes.TimeMillis;
                case BYTES -> type == Schema.Type.BYTES && logical == null;
            };
        } else if (declared instanceof KsqlType.Decimal d) {
            fits = logical instanceof LogicalTypes.Decimal dec
                    && dec.getPrecision() == d.precision() && dec.getScale() == d.scale();
        } else if (declared instanceof KsqlType.Array a) {
            if (type != Schema.Type.ARRAY) {
                fits = false;
            } else {
                Optional<String> element = problem(a.element(), schema.getElementType());
                if (element.isPresent()) {
                    return Optional.of("array element: " + element.get());
                }
                fits = true;
            }
        } else if (declared instanceof KsqlType.MapType m) {
            if (type != Schema.Type.MAP || m.key() != KsqlType.STRING) {
                fits = false;
            } else {
                Optional<String> value = problem(m.value(), schema.getValueType());
                if (value.isPresent()) {
                    return Optional.of("map value: " + value.get());
                }
                fits = true;
            }
        } else {
            KsqlType.Struct s = (KsqlType.Struct) declared;
            if (type != Schema.Type.RECORD) {
                fits = false;
            } else {
                for (Map.Entry<String, KsqlType> field : s.fields().entrySet()) {
                    Optional<Schema.Field> avroField = field(schema, field.getKey());
                    if (avroField.isEmpty()) {
                        return Optional.of("struct field " + field.getKey() + " is not in Avro record "
                                + schema.getName());
                    }
                    Optional<String> nested = problem(field.getValue(), avroField.get().schema());
                    if (nested.isPresent()) {
                        return Optional.of("struct field " + field.getKey() + ": " + nested.get());
                    }
                }
                fits = true;
            }
        }
        return fits ? Optional.empty() : Optional.of("declared " + declared + " but the Avro field is " + describe(schema));
    }

    /** The field of a record whose name matches case-insensitively, as ksqlDB matches them. */
    public static Optional<Schema.Field> field(Schema record, String columnName) {
        return record.getFields().stream()
                .filter(f -> f.name().toUpperCase(Locale.ROOT).equals(columnName.toUpperCase(Locale.ROOT)))
                .findFirst();
    }

    /** The non-null branch of {@code ["null", X]}; the schema itself when not a union; null for wider unions. */
    public static Schema nonNull(Schema schema) {
        if (schema.getType() != Schema.Type.UNION) {
            return schema;
        }
        var branches = schema.getTypes().stream().filter(s -> s.getType() != Schema.Type.NULL).toList();
        return branches.size() == 1 ? branches.get(0) : null;
    }

    public static String describe(Schema schema) {
        LogicalType logical = schema.getLogicalType();
        String base = schema.getType() == Schema.Type.ENUM ? "enum " + schema.getName()
                : schema.getType().getName();
        return logical == null ? base : base + " (" + logical.getName() + ")";
    }
}
