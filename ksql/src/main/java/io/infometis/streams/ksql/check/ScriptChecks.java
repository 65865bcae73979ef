package io.infometis.streams.ksql.check;

import io.infometis.streams.ksql.KsqlProject.ScriptFile;
import io.infometis.streams.ksql.parse.ColumnDef;
import io.infometis.streams.ksql.parse.Identifier;
import io.infometis.streams.ksql.parse.KsqlType;
import io.infometis.streams.ksql.parse.ParsedStatement;
import io.infometis.streams.ksql.parse.Query;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.apache.avro.Schema;

/** The offline checks of the numbered scripts; each returns every problem it finds, none when all is well. */
public final class ScriptChecks {

    private ScriptChecks() {}

    /**
     * Every topic a source reads is in the catalogue (and in the KafkaTopic manifests, when given); every output
     * topic is named, is not a catalogue topic (a query must never write into the platform's own topics) and is
     * written by one query only.
     */
    public static List<Problem> topics(List<ParsedStatement> statements, Set<String> catalogueTopics,
                                       Optional<Set<String>> manifestTopics) {
        List<Problem> problems = new ArrayList<>();
        Map<String, String> outputs = new HashMap<>();
        for (ParsedStatement statement : statements) {
            String where = statement.statement().where() + " (" + statement.kind() + ")";
            if (statement instanceof ParsedStatement.CreateSource source) {
                String topic = source.properties().get("KAFKA_TOPIC");
                if (topic != null && !catalogueTopics.contains(topic)) {
                    problems.add(new Problem(where, "reads topic '" + topic + "', which is not in the topic catalogue "
                            + "(io.infometis.streams.events.Topics: " + catalogueTopics + ")"));
                }
                if (topic != null && manifestTopics.isPresent() && !manifestTopics.get().contains(topic)) {
                    problems.add(new Problem(where, "reads topic '" + topic
                            + "', which no Strimzi KafkaTopic manifest in k8s/ creates"));
                }
            } else if (statement instanceof ParsedStatement.CreateAsSelect query) {
                String topic = query.properties().get("KAFKA_TOPIC");
                if (topic == null) {
                    problems.add(new Problem(where, "no KAFKA_TOPIC in WITH: name the output topic explicitly"));
                } else if (catalogueTopics.contains(topic)) {
                    problems.add(new Problem(where, "writes to catalogue topic '" + topic
                            + "': a ksqlDB query must write to a topic of its own"));
                } else if (outputs.putIfAbsent(topic, where) != null) {
                    problems.add(new Problem(where, "writes to '" + topic + "', which " + outputs.get(topic)
                            + " writes too"));
                }
            }
        }
        return problems;
    }

    /**
     * Every column a source declares exists in the Avro schema of its topic with a compatible type, key columns
     * are STRING in the KAFKA key format (every producer writes string keys), and Avro topics are read as AVRO.
     */
    public static List<Problem> avroColumns(List<ParsedStatement> statements,
                                            Function<String, Optional<Schema>> valueSchemaOfTopic) {
        List<Problem> problems = new ArrayList<>();
        for (ParsedStatement statement : statements) {
            if (!(statement instanceof ParsedStatement.CreateSource source)) {
                continue;
            }
            String where = source.statement().where() + " (" + source.kind() + ")";
            String topic = source.properties().get("KAFKA_TOPIC");
            Optional<Schema> schema = topic == null ? Optional.empty() : valueSchemaOfTopic.apply(topic);
            if (schema.isEmpty()) {
                continue;
            }
            String valueFormat = source.properties().getOrDefault("VALUE_FORMAT", source.properties().get("FORMAT"));
            if (valueFormat == null || !valueFormat.equalsIgnoreCase("AVRO")) {
                problems.add(new Problem(where, "topic '" + topic + "' holds Avro values: VALUE_FORMAT must be 'AVRO'"));
            }
            String keyFormat = source.properties().getOrDefault("KEY_FORMAT", source.properties().get("FORMAT"));
            if (source.columns().stream().noneMatch(c -> c.role() == ColumnDef.Role.VALUE)) {
                problems.add(new Problem(where, "declares no value columns: declare them (the scripts do not rely on "
                        + "schema inference, so the build can check them and ksql-test-runner can run)"));
            }
            for (ColumnDef column : source.columns()) {
                if (column.isKey()) {
                    if (column.type() != KsqlType.STRING) {
                        problems.add(new Problem(where, "key column " + column.name() + " is " + column.type()
                                + ", but the topic's keys are strings: declare it STRING"));
                    }
                    if (keyFormat != null && !keyFormat.equalsIgnoreCase("KAFKA")) {
                        problems.add(new Problem(where, "key column " + column.name() + ": keys are plain UTF-8 "
                                + "strings, KEY_FORMAT must be 'KAFKA', not '" + keyFormat + "'"));
                    }
                    continue;
                }
                Optional<Schema.Field> field = AvroCompatibility.field(schema.get(), column.name().name());
                if (field.isEmpty()) {
                    problems.add(new Problem(where, "column " + column.name() + " is not a field of Avro record "
                            + schema.get().getFullName() + " (topic '" + topic + "')"));
                    continue;
                }
                AvroCompatibility.problem(column.type(), field.get().schema()).ifPresent(p ->
                        problems.add(new Problem(where, "column " + column.name() + ": " + p)));
            }
        }
        return problems;
    }

    /** No unquoted name (stream, table, column, struct field, alias) is a ksqlDB keyword. */
    public static List<Problem> reservedWords(List<ParsedStatement> statements) {
        List<Problem> problems = new ArrayList<>();
        for (ParsedStatement statement : statements) {
            String where = statement.statement().where() + " (" + statement.kind() + ")";
            List<Identifier> names = new ArrayList<>();
            if (statement instanceof ParsedStatement.CreateSource s) {
                names.add(s.name());
                for (ColumnDef column : s.columns()) {
                    names.add(column.name());
                }
            } else if (statement instanceof ParsedStatement.CreateAsSelect c) {
                names.add(c.name());
                names.addAll(queryNames(c.query()));
            } else if (statement instanceof ParsedStatement.TransientQuery t) {
                names.addAll(queryNames(t.query()));
            }
            for (Identifier name : names) {
                if (!name.quoted()) {
                    ReservedWords.problem(name.name()).ifPresent(p ->
                            problems.add(new Problem(where, "name " + name + " (line " + name.line() + "): " + p)));
                }
            }
            if (statement instanceof ParsedStatement.CreateSource s) {
                for (ColumnDef column : s.columns()) {
                    structFieldNames(column.type()).forEach(field -> ReservedWords.problem(field).ifPresent(p ->
                            problems.add(new Problem(where, "struct field " + field + " of column " + column.name()
                                    + ": " + p))));
                }
            }
        }
        return problems;
    }

    private static List<Identifier> queryNames(Query query) {
        List<Identifier> names = new ArrayList<>();
        query.items().stream().map(Query.SelectItem::alias).filter(a -> a != null).forEach(names::add);
        query.relations().stream().map(Query.AliasedRelation::alias).filter(a -> a != null).forEach(names::add);
        return names;
    }

    private static List<String> structFieldNames(KsqlType type) {
        List<String> names = new ArrayList<>();
        if (type instanceof KsqlType.Struct s) {
            s.fields().forEach((name, fieldType) -> {
                names.add(name);
                names.addAll(structFieldNames(fieldType));
            });
        } else if (type instanceof KsqlType.Array a) {
            names.addAll(structFieldNames(a.element()));
        } else if (type instanceof KsqlType.MapType m) {
            names.addAll(structFieldNames(m.value()));
        }
        return names;
    }

    /**
     * The numbered scripts are what ksqlDB should run for good: each starts with a header comment saying what it
     * creates and why, and holds no transient query (those belong in queries/).
     */
    public static List<Problem> scriptShape(List<ScriptFile> scripts) {
        List<Problem> problems = new ArrayList<>();
        for (ScriptFile script : scripts) {
            if (!script.text().startsWith("-- " + script.name())) {
                problems.add(new Problem(script.name(), "must start with a header comment '-- " + script.name()
                        + "' followed by what it creates and why"));
            } else if (!script.text().contains("-- Creates:") || !script.text().contains("-- Why:")) {
                problems.add(new Problem(script.name(), "header comment must say '-- Creates:' and '-- Why:'"));
            }
            if (script.statements().isEmpty()) {
                problems.add(new Problem(script.name(), "holds no statement"));
            }
            for (ParsedStatement statement : script.parsed()) {
                if (statement instanceof ParsedStatement.TransientQuery || statement instanceof ParsedStatement.Other) {
                    problems.add(new Problem(statement.statement().where(), statement.kind()
                            + " in a numbered script: scripts hold only SET and CREATE statements; put example "
                            + "queries in queries/"));
                }
            }
        }
        return problems;
    }

    /**
     * The example queries in queries/: only SET and transient SELECTs, each file documenting the expected shape of
     * its results, every query resolving against what the numbered scripts create (pull queries only on
     * materialized tables, by key).
     */
    public static List<Problem> exampleQueries(List<ScriptFile> files, List<ParsedStatement> scriptStatements,
                                               Function<String, Optional<Schema>> valueSchemaOfTopic) {
        List<Problem> problems = new ArrayList<>();
        for (ScriptFile file : files) {
            if (!file.text().contains("-- Expected")) {
                problems.add(new Problem(file.name(), "must show the expected result in a comment ('-- Expected ...')"));
            }
            boolean hasQuery = false;
            for (ParsedStatement statement : file.parsed()) {
                if (statement instanceof ParsedStatement.TransientQuery) {
                    hasQuery = true;
                } else if (!(statement instanceof ParsedStatement.SetProperty)) {
                    problems.add(new Problem(statement.statement().where(), statement.kind()
                            + " in queries/: example files hold SET and SELECT only; persistent statements belong in "
                            + "the numbered scripts"));
                }
            }
            if (!hasQuery) {
                problems.add(new Problem(file.name(), "holds no query"));
            }
            List<ParsedStatement> all = new ArrayList<>(scriptStatements);
            all.addAll(file.parsed());
            problems.addAll(io.infometis.streams.ksql.catalog.Catalog.of(all, valueSchemaOfTopic).problems());
            problems.addAll(reservedWords(file.parsed()));
        }
        return problems;
    }
}
