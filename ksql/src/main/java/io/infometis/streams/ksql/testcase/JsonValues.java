package io.infometis.streams.ksql.testcase;

import com.fasterxml.jackson.databind.JsonNode;
import io.infometis.streams.ksql.check.AvroCompatibility;
import io.infometis.streams.ksql.parse.KsqlType;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;

/** Checks JSON values of test records against an Avro schema (inputs) or ksqlDB column types (outputs). */
public final class JsonValues {

    private JsonValues() {}

    /**
     * Problems of a JSON value as a record the producer could write with {@code schema}: every field exists
     * (names match case-insensitively, as ksqlDB matches them), has the right JSON type and enum symbol, and every
     * field without a default and not nullable is present.
     */
    public static List<String> againstAvro(JsonNode value, Schema schema, String path) {
        List<String> problems = new ArrayList<>();
        checkAvro(value, schema, path, problems);
        return problems;
    }

    private static void checkAvro(JsonNode value, Schema schema, String path, List<String> problems) {
        if (value == null || value.isNull()) {
            boolean nullable = schema.getType() == Schema.Type.NULL || (schema.getType() == Schema.Type.UNION
                    && schema.getTypes().stream().anyMatch(s -> s.getType() == Schema.Type.NULL));
            if (!nullable) {
                problems.add(path + " is null, but Avro type " + AvroCompatibility.describe(schema) + " is not nullable");
            }
            return;
        }
        Schema actual = AvroCompatibility.nonNull(schema);
        if (actual == null) {
            problems.add(path + ": union " + schema + " is not supported by the checks");
            return;
        }
        switch (actual.getType()) {
            case STRING -> expect(value.isTextual(), path, "a string", value, problems);
            case ENUM -> {
                if (!value.isTextual()) {
                    problems.add(path + " must be one of " + actual.getEnumSymbols() + ", got " + value);
                } else if (!actual.getEnumSymbols().contains(value.asText())) {
                    problems.add(path + " = '" + value.asText() + "' is not a symbol of enum " + actual.getName() + " "
                            + actual.getEnumSymbols());
                }
            }
            case INT -> expect(value.canConvertToInt() && value.isIntegralNumber(), path,
                    actual.getLogicalType() instanceof LogicalTypes.Date ? "days since 1970-01-01 (int)" : "an int",
                    value, problems);
            case LONG -> expect(value.isIntegralNumber() && value.canConvertToLong(), path,
                    actual.getLogicalType() instanceof LogicalTypes.TimestampMillis ? "epoch milliseconds (long)"
                            : "a long", value, problems);
            case DOUBLE, FLOAT -> expect(value.isNumber(), path, "a number", value, problems);
            case BOOLEAN -> expect(value.isBoolean(), path, "true or false", value, problems);
            case ARRAY -> {
                if (!value.isArray()) {
                    problems.add(path + " must be an array, got " + value);
                    return;
                }
                for (int i = 0; i < value.size(); i++) {
                    checkAvro(value.get(i), actual.getElementType(), path + "[" + i + "]", problems);
                }
            }
            case MAP -> {
                if (!value.isObject()) {
                    problems.add(path + " must be an object (map), got " + value);
                    return;
                }
                value.fields().forEachRemaining(e ->
                        checkAvro(e.getValue(), actual.getValueType(), path + "." + e.getKey(), problems));
            }
            case RECORD -> {
                if (!value.isObject()) {
                    problems.add(path + " must be an object (record " + actual.getName() + "), got " + value);
                    return;
                }
                for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> entry = it.next();
                    Optional<Schema.Field> field = AvroCompatibility.field(actual, entry.getKey());
                    if (field.isEmpty()) {
                        problems.add(path + "." + entry.getKey() + " is not a field of Avro record " + actual.getName());
                    } else {
                        checkAvro(entry.getValue(), field.get().schema(), path + "." + entry.getKey(), problems);
                    }
                }
                for (Schema.Field field : actual.getFields()) {
                    boolean present = fieldNames(value).contains(field.name().toUpperCase(Locale.ROOT));
                    if (!present && !field.hasDefaultValue() && !isNullable(field.schema())) {
                        problems.add(path + " lacks field " + field.name() + " (required by Avro record "
                                + actual.getName() + ")");
                    }
                }
            }
            default -> problems.add(path + ": Avro type " + actual.getType() + " is not supported by the checks");
        }
    }

    /**
     * Problems of a JSON value as ksqlDB would write a column of {@code type} in the test runner's JSON form
     * (timestamps and dates as numbers, structs as objects with the struct's field names).
     */
    public static List<String> againstKsql(JsonNode value, KsqlType type, String path) {
        List<String> problems = new ArrayList<>();
        checkKsql(value, type, path, problems);
        return problems;
    }

    private static void checkKsql(JsonNode value, KsqlType type, String path, List<String> problems) {
        if (value == null || value.isNull()) {
            return;
        }
        if (type instanceof KsqlType.Primitive p) {
            switch (p.base()) {
                case STRING -> expect(value.isTextual(), path, "a string", value, problems);
                case BOOLEAN -> expect(value.isBoolean(), path, "true or false", value, problems);
                case INT -> expect(value.isIntegralNumber() && value.canConvertToInt(), path, "an INT", value, problems);
                case BIGINT -> expect(value.isIntegralNumber(), path, "a BIGINT", value, problems);
                case DOUBLE -> expect(value.isNumber(), path, "a DOUBLE", value, problems);
                case TIMESTAMP -> expect(value.isIntegralNumber(), path, "a TIMESTAMP as epoch milliseconds", value,
                        problems);
                case DATE -> expect(value.isIntegralNumber(), path, "a DATE as days since 1970-01-01", value, problems);
                case TIME -> expect(value.isIntegralNumber(), path, "a TIME as milliseconds", value, problems);
                case BYTES -> expect(value.isTextual(), path, "base64 BYTES", value, problems);
                default -> throw new IllegalStateException("unknown type " + p);
            }
        } else if (type instanceof KsqlType.Decimal d) {
            expect(value.isNumber(), path, "a " + d, value, problems);
        } else if (type instanceof KsqlType.Array a) {
            if (!value.isArray()) {
                problems.add(path + " must be an array (" + a + "), got " + value);
                return;
            }
            for (int i = 0; i < value.size(); i++) {
                checkKsql(value.get(i), a.element(), path + "[" + i + "]", problems);
            }
        } else if (type instanceof KsqlType.MapType m) {
            if (!value.isObject()) {
                problems.add(path + " must be an object (" + m + "), got " + value);
                return;
            }
            value.fields().forEachRemaining(e -> checkKsql(e.getValue(), m.value(), path + "." + e.getKey(), problems));
        } else {
            KsqlType.Struct s = (KsqlType.Struct) type;
            if (!value.isObject()) {
                problems.add(path + " must be an object (" + s + "), got " + value);
                return;
            }
            value.fields().forEachRemaining(e -> {
                KsqlType fieldType = s.fields().get(e.getKey());
                if (fieldType == null) {
                    problems.add(path + "." + e.getKey() + " is not a field of " + s);
                } else {
                    checkKsql(e.getValue(), fieldType, path + "." + e.getKey(), problems);
                }
            });
        }
    }

    private static boolean isNullable(Schema schema) {
        return schema.getType() == Schema.Type.UNION
                && schema.getTypes().stream().anyMatch(s -> s.getType() == Schema.Type.NULL);
    }

    private static List<String> fieldNames(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(n -> names.add(n.toUpperCase(Locale.ROOT)));
        return names;
    }

    private static void expect(boolean ok, String path, String what, JsonNode value, List<String> problems) {
        if (!ok) {
            problems.add(path + " must be " + what + ", got " + value);
        }
    }
}
