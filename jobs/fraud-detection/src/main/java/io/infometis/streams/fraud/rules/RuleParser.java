package io.infometis.streams.fraud.rules;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.infometis.streams.events.Severity;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.avro.Schema;
import org.apache.flink.util.TimeUtils;

/**
 * Parses and validates a rule's JSON (see docs/rules.md). Jackson does the syntax and rejects unknown fields (a
 * typo must not silently turn a filter off); the checks here do the meaning: fields that exist in the stream's
 * schema and have the right kind, windows that divide evenly, a known comparison and severity.
 */
public final class RuleParser {

    /** Bounds the buckets and timers one (window family, group) key can hold. */
    public static final int MAX_WINDOW_SLIDES = 100;

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    record RuleJson(
            String id,
            Integer version,
            Boolean enabled,
            String stream,
            String description,
            List<FilterJson> filter,
            @JsonProperty("group_by") String groupBy,
            AggregateJson aggregate,
            WindowJson window,
            ThresholdJson threshold,
            String severity) {}

    record FilterJson(String field, String op, JsonNode value, List<JsonNode> values, Double min, Double max) {}

    record AggregateJson(String function, String field) {}

    record WindowJson(String size, String slide) {}

    record ThresholdJson(String comparison, Double value) {}

    private RuleParser() {}

    /** The rule in {@code json}; the record key it came with must be its id. */
    public static Rule parse(String key, String json) throws InvalidRuleException {
        if (json == null || json.isBlank()) {
            throw new InvalidRuleException(List.of("empty rule"));
        }
        RuleJson raw;
        try {
            raw = MAPPER.readValue(json, RuleJson.class);
        } catch (JsonProcessingException e) {
            throw new InvalidRuleException(List.of("not a rule in JSON: " + e.getOriginalMessage()));
        }
        if (raw == null) {
            throw new InvalidRuleException(List.of("empty rule"));
        }
        return new Validation(key, raw).rule();
    }

    /** Collects every problem, then either builds the rule or throws them all. */
    private static final class Validation {
        private final List<String> problems = new ArrayList<>();
        private final String key;
        private final RuleJson raw;

        Validation(String key, RuleJson raw) {
            this.key = key;
            this.raw = raw;
        }

        Rule rule() throws InvalidRuleException {
            String id = raw.id();
            if (id == null || !ID.matcher(id).matches()) {
                problems.add("id: expected 1-128 characters of letters, digits, '.', '_' or '-', got " + quote(id));
            } else if (key != null && !key.equals(id)) {
                problems.add("id: the record key '" + key + "' must be the rule id '" + id + "'");
            }
            int version = 0;
            if (raw.version() == null || raw.version() < 1) {
                problems.add("version: expected an integer >= 1, got " + raw.version());
            } else {
                version = raw.version();
            }
            boolean enabled = raw.enabled() == null || raw.enabled();

            Optional<RuleStream> stream = RuleStream.byRuleName(raw.stream());
            if (stream.isEmpty()) {
                problems.add("stream: expected one of " + RuleStream.allowedNames() + ", got " + quote(raw.stream()));
            }
            Schema schema = stream.map(RuleStream::schema).orElse(null);

            List<FieldFilter> filters = new ArrayList<>();
            List<FilterJson> rawFilters = raw.filter() == null ? List.of() : raw.filter();
            for (int i = 0; i < rawFilters.size(); i++) {
                filter(schema, "filter[" + i + "]", rawFilters.get(i)).ifPresent(filters::add);
            }

            int groupByPosition = -1;
            if (raw.groupBy() == null || raw.groupBy().isBlank()) {
                problems.add("group_by: expected the name of a text or number field of the stream");
            } else if (schema != null) {
                Optional<EventFields.Kind> kind = EventFields.kindOf(schema, raw.groupBy());
                if (kind.isEmpty() || kind.get() == EventFields.Kind.UNSUPPORTED) {
                    problems.add("group_by: expected a text or number field of " + raw.stream() + " ("
                            + fieldNames(schema) + "), got " + quote(raw.groupBy()));
                } else {
                    groupByPosition = EventFields.position(schema, raw.groupBy());
                }
            }

            Aggregate aggregate = aggregate(schema);
            long[] window = window();
            Threshold threshold = threshold();

            Severity severity = null;
            try {
                severity = Severity.valueOf(String.valueOf(raw.severity()));
            } catch (IllegalArgumentException e) {
                problems.add("severity: expected one of " + Arrays.toString(Severity.values()) + ", got "
                        + quote(raw.severity()));
            }

            if (!problems.isEmpty()) {
                throw new InvalidRuleException(problems);
            }
            return new Rule(id, version, enabled, stream.get(), raw.description() == null ? "" : raw.description(),
                    filters, raw.groupBy(), groupByPosition, aggregate, window[0], window[1], threshold, severity);
        }

        private Optional<FieldFilter> filter(Schema schema, String where, FilterJson f) {
            if (f == null || f.field() == null) {
                problems.add(where + ".field: expected a field name");
                return Optional.empty();
            }
            if (schema == null) {
                return Optional.empty();
            }
            Optional<EventFields.Kind> kind = EventFields.kindOf(schema, f.field());
            if (kind.isEmpty() || kind.get() == EventFields.Kind.UNSUPPORTED) {
                problems.add(where + ".field: expected a text or number field of " + raw.stream() + " ("
                        + fieldNames(schema) + "), got " + quote(f.field()));
                return Optional.empty();
            }
            int position = EventFields.position(schema, f.field());
            boolean text = kind.get() == EventFields.Kind.TEXT;
            String op = f.op() == null ? "" : f.op();
            switch (op) {
                case "equals", "not_equals" -> {
                    FieldFilter.Op o = op.equals("equals") ? FieldFilter.Op.EQUALS : FieldFilter.Op.NOT_EQUALS;
                    if (f.value() == null || !f.value().isValueNode() || f.value().isNull()) {
                        problems.add(where + ".value: expected a " + (text ? "string" : "number") + " for " + op);
                    } else if (text) {
                        return Optional.of(FieldFilter.equalsText(f.field(), position, o, f.value().asText()));
                    } else if (!f.value().isNumber()) {
                        problems.add(where + ".value: " + f.field() + " is a number field, got " + f.value());
                    } else {
                        return Optional.of(FieldFilter.equalsNumber(f.field(), position, o, f.value().asDouble()));
                    }
                }
                case "in" -> {
                    if (!text) {
                        problems.add(where + ".op: 'in' needs a text field; use 'range' for the number field "
                                + f.field());
                    } else if (f.values() == null || f.values().isEmpty()
                            || f.values().stream().anyMatch(v -> v == null || !v.isTextual())) {
                        problems.add(where + ".values: expected a non-empty array of strings");
                    } else {
                        return Optional.of(FieldFilter.in(f.field(), position,
                                f.values().stream().map(JsonNode::asText).toList()));
                    }
                }
                case "range" -> {
                    if (text) {
                        problems.add(where + ".op: 'range' needs a number field, " + f.field() + " is text");
                    } else if (f.min() == null && f.max() == null) {
                        problems.add(where + ": expected 'min' and/or 'max' for range");
                    } else if (f.min() != null && f.max() != null && f.min() > f.max()) {
                        problems.add(where + ": min " + f.min() + " is above max " + f.max());
                    } else {
                        return Optional.of(FieldFilter.range(f.field(), position, f.min(), f.max()));
                    }
                }
                default -> problems.add(where + ".op: expected equals|not_equals|in|range, got " + quote(f.op()));
            }
            return Optional.empty();
        }

        private Aggregate aggregate(Schema schema) {
            AggregateJson a = raw.aggregate();
            if (a == null || a.function() == null) {
                problems.add("aggregate.function: expected count|sum|min|max|avg");
                return null;
            }
            Aggregate.Function function;
            try {
                function = Aggregate.Function.valueOf(a.function().toUpperCase());
            } catch (IllegalArgumentException e) {
                problems.add("aggregate.function: expected count|sum|min|max|avg, got " + quote(a.function()));
                return null;
            }
            if (function == Aggregate.Function.COUNT) {
                if (a.field() != null) {
                    problems.add("aggregate.field: count takes no field, got " + quote(a.field()));
                }
                return Aggregate.count();
            }
            if (schema == null) {
                return null;
            }
            if (a.field() == null || EventFields.kindOf(schema, a.field()).orElse(null) != EventFields.Kind.NUMBER) {
                problems.add("aggregate.field: " + a.function() + " needs a number field of " + raw.stream()
                        + ", got " + quote(a.field()));
                return null;
            }
            return new Aggregate(function, a.field(), EventFields.position(schema, a.field()));
        }

        private long[] window() {
            WindowJson w = raw.window();
            if (w == null) {
                problems.add("window: expected {\"size\": \"10 min\", \"slide\": \"1 min\"}");
                return new long[] {0, 0};
            }
            long size = duration("window.size", w.size());
            long slide = w.slide() == null ? size : duration("window.slide", w.slide());
            if (size > 0 && slide > 0) {
                if (slide > size) {
                    problems.add("window.slide: must not be longer than the size (" + w.size() + "), got " + quote(w.slide()));
                } else if (size % slide != 0) {
                    problems.add("window.size: must be a whole multiple of the slide " + quote(w.slide())
                            + ", got " + quote(w.size()));
                } else if (size / slide > MAX_WINDOW_SLIDES) {
                    problems.add("window: at most " + MAX_WINDOW_SLIDES + " slides per window, got " + size / slide);
                }
            }
            return new long[] {size, slide};
        }

        private long duration(String where, String text) {
            if (text == null) {
                problems.add(where + ": expected a duration like '30 s', '10 min', '2 h'");
                return 0;
            }
            try {
                Duration d = TimeUtils.parseDuration(text);
                if (d.toMillis() < 1) {
                    problems.add(where + ": expected a positive duration, got " + quote(text));
                    return 0;
                }
                return d.toMillis();
            } catch (IllegalArgumentException e) {
                problems.add(where + ": expected a duration like '30 s', '10 min', '2 h', got " + quote(text));
                return 0;
            }
        }

        private Threshold threshold() {
            ThresholdJson t = raw.threshold();
            if (t == null) {
                problems.add("threshold: expected {\"comparison\": \">\", \"value\": 5}");
                return null;
            }
            Optional<Threshold.Comparison> comparison = Threshold.Comparison.bySymbol(String.valueOf(t.comparison()));
            if (comparison.isEmpty()) {
                problems.add("threshold.comparison: expected one of > >= < <=, got " + quote(t.comparison()));
            }
            if (t.value() == null || t.value().isNaN() || t.value().isInfinite()) {
                problems.add("threshold.value: expected a number, got " + t.value());
            }
            return comparison.isPresent() && t.value() != null ? new Threshold(comparison.get(), t.value()) : null;
        }

        private static String fieldNames(Schema schema) {
            return String.join(", ", schema.getFields().stream()
                    .filter(f -> EventFields.kindOf(schema, f.name()).orElse(null) != EventFields.Kind.UNSUPPORTED)
                    .map(Schema.Field::name).toList());
        }

        private static String quote(String s) {
            return s == null ? "nothing" : "'" + s + "'";
        }
    }
}
