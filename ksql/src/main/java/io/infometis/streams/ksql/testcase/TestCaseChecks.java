package io.infometis.streams.ksql.testcase;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.infometis.streams.ksql.KsqlProject.ScriptFile;
import io.infometis.streams.ksql.catalog.Catalog;
import io.infometis.streams.ksql.catalog.Column;
import io.infometis.streams.ksql.catalog.Source;
import io.infometis.streams.ksql.check.Problem;
import io.infometis.streams.ksql.parse.KsqlSyntaxException;
import io.infometis.streams.ksql.parse.ParsedStatement;
import io.infometis.streams.ksql.parse.WindowSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.apache.avro.Schema;

/**
 * Checks one ksql-test-runner case folder ({@code statements.sql}, {@code input.json}, {@code output.json}) against
 * the numbered scripts and the schemas: the statements are the scripts' own (so a case cannot drift from what
 * runs), inputs are records the producers could write (their topic's Avro schema), outputs have exactly the
 * columns the query produces, with windows where the query is windowed.
 */
public final class TestCaseChecks {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<ParsedStatement> scriptStatements;
    private final Function<String, Optional<Schema>> valueSchemaOfTopic;

    public TestCaseChecks(List<ParsedStatement> scriptStatements, Function<String, Optional<Schema>> valueSchemaOfTopic) {
        this.scriptStatements = List.copyOf(scriptStatements);
        this.valueSchemaOfTopic = valueSchemaOfTopic;
    }

    /** Problems of one case folder. */
    public List<Problem> check(Path folder) {
        String name = "tests/" + folder.getFileName();
        List<Problem> problems = new ArrayList<>();
        for (String file : List.of("statements.sql", "input.json", "output.json")) {
            if (!Files.isRegularFile(folder.resolve(file))) {
                problems.add(new Problem(name, "missing " + file + " (ksql-test-runner needs -s, -i and -o files)"));
            }
        }
        if (!problems.isEmpty()) {
            return problems;
        }
        ScriptFile statements;
        JsonNode input;
        JsonNode output;
        try {
            statements = ScriptFile.of(name + "/statements.sql", Files.readString(folder.resolve("statements.sql")));
            input = JSON.readTree(folder.resolve("input.json").toFile());
            output = JSON.readTree(folder.resolve("output.json").toFile());
        } catch (IOException | KsqlSyntaxException e) {
            return List.of(new Problem(name, "cannot be read: " + e.getMessage()));
        }
        problems.addAll(sameAsScripts(statements));
        Catalog catalog = Catalog.of(statements.parsed(), valueSchemaOfTopic);
        problems.addAll(catalog.problems());
        problems.addAll(inputs(name + "/input.json", input, catalog));
        problems.addAll(outputs(name + "/output.json", output, catalog));
        return problems;
    }

    /** The normalized statements of every case, to check each persistent query has one. */
    public static Set<String> statementsOf(List<Path> folders) throws IOException {
        Set<String> all = new HashSet<>();
        for (Path folder : folders) {
            Path file = folder.resolve("statements.sql");
            if (Files.isRegularFile(file)) {
                ScriptFile.of(file.toString(), Files.readString(file)).statements()
                        .forEach(s -> all.add(s.normalized()));
            }
        }
        return all;
    }

    private List<Problem> sameAsScripts(ScriptFile statements) {
        List<Problem> problems = new ArrayList<>();
        Set<String> known = new HashSet<>();
        scriptStatements.forEach(s -> known.add(s.statement().normalized()));
        for (ParsedStatement statement : statements.parsed()) {
            String where = statement.statement().where() + " (" + statement.kind() + ")";
            if (!(statement instanceof ParsedStatement.CreateSource) && !(statement instanceof ParsedStatement.CreateAsSelect)) {
                problems.add(new Problem(where, "ksql-test-runner takes only CREATE STREAM/TABLE [AS SELECT] and "
                        + "INSERT INTO statements"));
                continue;
            }
            if (!known.contains(statement.statement().normalized())) {
                String hint = scriptStatements.stream().filter(s -> s.kind().equals(statement.kind())).findFirst()
                        .map(s -> "; it differs from " + s.statement().where() + ": copy that statement unchanged")
                        .orElse("; no numbered script has a statement of that kind and name");
                problems.add(new Problem(where, "is not a statement of the numbered scripts" + hint));
            }
        }
        return problems;
    }

    private List<Problem> inputs(String where, JsonNode root, Catalog catalog) {
        List<Problem> problems = new ArrayList<>();
        JsonNode records = root.get("inputs");
        if (records == null || !records.isArray() || records.isEmpty()) {
            return List.of(new Problem(where, "needs a non-empty array \"inputs\""));
        }
        for (int i = 0; i < records.size(); i++) {
            JsonNode record = records.get(i);
            String at = where + " inputs[" + i + "]";
            String topic = text(record, "topic");
            Optional<Source> source = catalog.sources().stream()
                    .filter(s -> !s.isPersistentQuery() && s.topic() != null && s.topic().equals(topic)).findFirst();
            if (source.isEmpty()) {
                problems.add(new Problem(at, "topic '" + topic + "' is not read by a CREATE STREAM/TABLE of the case"));
                continue;
            }
            problems.addAll(timestamp(at, record));
            JsonNode key = record.get("key");
            if (key == null || key.isNull()) {
                if (source.get().table()) {
                    problems.add(new Problem(at, "a table's records need a key (its PRIMARY KEY)"));
                }
            } else if (!key.isTextual()) {
                problems.add(new Problem(at, "key must be a string (the producers' keys are strings), got " + key));
            }
            JsonNode value = record.get("value");
            if (value == null || value.isNull()) {
                if (!source.get().table()) {
                    problems.add(new Problem(at, "value is null: a stream ignores it; give a record"));
                }
                continue;
            }
            Optional<Schema> schema = valueSchemaOfTopic.apply(topic);
            if (schema.isEmpty()) {
                problems.add(new Problem(at, "topic '" + topic + "' has no Avro schema in the catalogue"));
                continue;
            }
            JsonValues.againstAvro(value, schema.get(), "value").forEach(p -> problems.add(new Problem(at, p)));
            for (Iterator<String> it = value.fieldNames(); it.hasNext(); ) {
                String field = it.next();
                if (source.get().column(field).filter(c -> !c.key()).isEmpty()) {
                    problems.add(new Problem(at, "value." + field + " is not a value column of " + source.get().name()
                            + " (ksql-test-runner writes the record with the declared columns; names as declared)"));
                }
            }
            String timestampColumn = timestampColumn(source.get());
            if (timestampColumn != null && value.has(timestampColumn) && record.has("timestamp")
                    && value.get(timestampColumn).asLong() != record.get("timestamp").asLong()) {
                problems.add(new Problem(at, "timestamp " + record.get("timestamp") + " differs from value."
                        + timestampColumn + " " + value.get(timestampColumn) + ": ksqlDB uses the column (TIMESTAMP = '"
                        + timestampColumn + "'); keep them equal so the case reads plainly"));
            }
        }
        return problems;
    }

    private static String timestampColumn(Source source) {
        if (source.definedBy() instanceof ParsedStatement.CreateSource create) {
            String column = create.properties().get("TIMESTAMP");
            return column == null ? null : column.toUpperCase(java.util.Locale.ROOT);
        }
        return null;
    }

    private List<Problem> outputs(String where, JsonNode root, Catalog catalog) {
        List<Problem> problems = new ArrayList<>();
        JsonNode records = root.get("outputs");
        if (records == null || !records.isArray() || records.isEmpty()) {
            return List.of(new Problem(where, "needs a non-empty array \"outputs\""));
        }
        Set<String> topicsWithOutput = new HashSet<>();
        for (int i = 0; i < records.size(); i++) {
            JsonNode record = records.get(i);
            String at = where + " outputs[" + i + "]";
            String topic = text(record, "topic");
            Optional<Source> source = catalog.sources().stream()
                    .filter(s -> s.isPersistentQuery() && topic != null && topic.equals(s.topic())).findFirst();
            if (source.isEmpty()) {
                problems.add(new Problem(at, "topic '" + topic + "' is not written by a persistent query of the case"));
                continue;
            }
            topicsWithOutput.add(topic);
            problems.addAll(timestamp(at, record));
            problems.addAll(outputKey(at, record.get("key"), source.get()));
            problems.addAll(window(at, record, source.get()));
            JsonNode value = record.get("value");
            if (value == null || value.isNull()) {
                if (!source.get().table()) {
                    problems.add(new Problem(at, "a stream never writes a null value"));
                }
                continue;
            }
            if (!value.isObject()) {
                problems.add(new Problem(at, "value must be an object of " + source.get().name() + "'s value columns"));
                continue;
            }
            Set<String> seen = new HashSet<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                seen.add(field.getKey());
                Optional<Column> column = source.get().column(field.getKey()).filter(c -> !c.key());
                if (column.isEmpty()) {
                    problems.add(new Problem(at, "value." + field.getKey() + " is not a value column of "
                            + source.get().name() + " " + names(source.get().valueColumns())));
                    continue;
                }
                JsonValues.againstKsql(field.getValue(), column.get().type(), "value." + field.getKey())
                        .forEach(p -> problems.add(new Problem(at, p)));
            }
            for (Column column : source.get().valueColumns()) {
                if (!seen.contains(column.name())) {
                    problems.add(new Problem(at, "value lacks column " + column.name() + " of " + source.get().name()
                            + " (the runner compares whole values; write null for a null column)"));
                }
            }
        }
        for (Source source : catalog.sources()) {
            if (source.isPersistentQuery() && source.topic() != null && !topicsWithOutput.contains(source.topic())) {
                problems.add(new Problem(where, "no expected record for " + source.name() + " (topic '"
                        + source.topic() + "'): every query of the case needs its outputs listed"));
            }
        }
        return problems;
    }

    private static List<Problem> outputKey(String at, JsonNode key, Source source) {
        List<Column> keys = source.keyColumns();
        List<Problem> problems = new ArrayList<>();
        if (keys.isEmpty()) {
            return problems;
        }
        if (key == null || key.isNull()) {
            problems.add(new Problem(at, "key is missing: " + source.name() + " is keyed by " + names(keys)));
            return problems;
        }
        if (keys.size() == 1) {
            JsonValues.againstKsql(key, keys.get(0).type(), "key (" + keys.get(0).name() + ")")
                    .forEach(p -> problems.add(new Problem(at, p)));
            return problems;
        }
        if (!key.isObject()) {
            problems.add(new Problem(at, "key must be an object of " + names(keys) + " (" + source.keyFormat()
                    + " key with several columns), got " + key));
            return problems;
        }
        for (Column column : keys) {
            if (!key.has(column.name())) {
                problems.add(new Problem(at, "key lacks key column " + column.name()));
            } else {
                JsonValues.againstKsql(key.get(column.name()), column.type(), "key." + column.name())
                        .forEach(p -> problems.add(new Problem(at, p)));
            }
        }
        key.fieldNames().forEachRemaining(n -> {
            if (keys.stream().noneMatch(c -> c.name().equals(n))) {
                problems.add(new Problem(at, "key." + n + " is not a key column of " + source.name()));
            }
        });
        return problems;
    }

    private static List<Problem> window(String at, JsonNode record, Source source) {
        JsonNode window = record.get("window");
        WindowSpec spec = source.window();
        if (spec == null) {
            return window == null ? List.of()
                    : List.of(new Problem(at, source.name() + " is not windowed: remove \"window\""));
        }
        if (window == null || !window.isObject()) {
            return List.of(new Problem(at, source.name() + " is windowed (" + spec.type()
                    + "): the record needs \"window\": {\"start\", \"end\", \"type\": \"time\"}"));
        }
        List<Problem> problems = new ArrayList<>();
        String expectedType = spec.type() == WindowSpec.Type.SESSION ? "session" : "time";
        if (!expectedType.equals(text(window, "type"))) {
            problems.add(new Problem(at, "window.type must be \"" + expectedType + "\" for " + spec.type()
                    + " windows, got " + window.get("type")));
        }
        if (!window.path("start").isIntegralNumber() || !window.path("end").isIntegralNumber()) {
            problems.add(new Problem(at, "window needs integral \"start\" and \"end\" (epoch milliseconds)"));
            return problems;
        }
        long start = window.get("start").asLong();
        long end = window.get("end").asLong();
        if (spec.type() != WindowSpec.Type.SESSION) {
            if (end - start != spec.sizeMillis()) {
                problems.add(new Problem(at, "window end - start = " + (end - start) + " ms, but the window SIZE is "
                        + spec.sizeMillis() + " ms"));
            }
            if (start % spec.stepMillis() != 0) {
                problems.add(new Problem(at, "window start " + start + " is not a multiple of "
                        + spec.stepMillis() + " ms: " + spec.type() + " windows start at multiples of "
                        + (spec.advanceMillis() != null ? "ADVANCE BY" : "SIZE")));
            }
            long timestamp = record.path("timestamp").asLong(-1);
            if (timestamp >= 0 && (timestamp < start || timestamp >= end)) {
                problems.add(new Problem(at, "timestamp " + timestamp + " is outside its window [" + start + ", "
                        + end + ")"));
            }
        }
        return problems;
    }

    private static List<Problem> timestamp(String at, JsonNode record) {
        JsonNode timestamp = record.get("timestamp");
        if (timestamp == null || !timestamp.isIntegralNumber() || timestamp.asLong() < 0) {
            return List.of(new Problem(at, "needs \"timestamp\" in epoch milliseconds"));
        }
        return List.of();
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || !value.isTextual() ? null : value.asText();
    }

    private static List<String> names(List<Column> columns) {
        return columns.stream().map(Column::name).toList();
    }
}
