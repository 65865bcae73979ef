package io.infometis.streams.ksql.catalog;

import io.infometis.streams.ksql.check.AvroCompatibility;
import io.infometis.streams.ksql.check.Problem;
import io.infometis.streams.ksql.parse.ColumnDef;
import io.infometis.streams.ksql.parse.ParsedStatement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.apache.avro.Schema;

/**
 * The streams and tables a sequence of statements defines, built in run order the way ksqlDB's metastore would be:
 * a statement can only use what the statements before it created. Problems found on the way (unknown sources or
 * columns, output schemas ksqlDB would reject) are collected, not thrown, so one run reports all of them.
 */
public final class Catalog {

    /** ksqlDB's default key format (ksql.persistence.default.format.key). */
    static final String DEFAULT_KEY_FORMAT = "KAFKA";

    private final Map<String, Source> sources = new LinkedHashMap<>();
    private final Function<String, Optional<Schema>> valueSchemaOfTopic;
    private final List<Problem> problems = new ArrayList<>();

    private Catalog(Function<String, Optional<Schema>> valueSchemaOfTopic) {
        this.valueSchemaOfTopic = valueSchemaOfTopic;
    }

    /** Without schemas: enum symbols are unknown, so comparisons with them are not checked. */
    public static Catalog of(List<ParsedStatement> statements) {
        return of(statements, topic -> Optional.empty());
    }

    /** With the Avro value schema of each topic, so STRING columns read from enums know their symbols. */
    public static Catalog of(List<ParsedStatement> statements, Function<String, Optional<Schema>> valueSchemaOfTopic) {
        Catalog catalog = new Catalog(valueSchemaOfTopic);
        statements.forEach(catalog::add);
        return catalog;
    }

    private void add(ParsedStatement statement) {
        if (statement instanceof ParsedStatement.CreateSource create) {
            register(statement, fromCreate(create));
        } else if (statement instanceof ParsedStatement.CreateAsSelect create) {
            new QueryAnalyzer(this, create).output().ifPresent(s -> register(statement, s));
        } else if (statement instanceof ParsedStatement.TransientQuery query) {
            new QueryAnalyzer(this, query).check();
        }
    }

    private Source fromCreate(ParsedStatement.CreateSource create) {
        String where = create.statement().where() + " (" + create.kind() + ")";
        String topic = create.properties().get("KAFKA_TOPIC");
        Optional<Schema> schema = topic == null ? Optional.empty() : valueSchemaOfTopic.apply(topic);
        List<Column> columns = new ArrayList<>();
        for (ColumnDef def : create.columns()) {
            if (def.role() == ColumnDef.Role.HEADERS) {
                continue;
            }
            if (create.table() && def.role() == ColumnDef.Role.KEY) {
                problem(where, "column " + def.name() + ": a table's key column is declared PRIMARY KEY, not KEY");
            }
            if (!create.table() && def.role() == ColumnDef.Role.PRIMARY_KEY) {
                problem(where, "column " + def.name() + ": a stream's key column is declared KEY, not PRIMARY KEY");
            }
            columns.add(new Column(def.name().name(), def.type(), def.isKey(),
                    def.isKey() ? Set.of() : enumSymbols(schema, def.name().name())));
        }
        if (create.table() && columns.stream().noneMatch(Column::key)) {
            problem(where, "a table needs a PRIMARY KEY column");
        }
        if (topic == null) {
            problem(where, "no KAFKA_TOPIC: name the topic the " + (create.table() ? "table" : "stream") + " reads");
        }
        String keyFormat = format(create.properties(), "KEY_FORMAT");
        String valueFormat = format(create.properties(), "VALUE_FORMAT");
        if (valueFormat == null) {
            problem(where, "no VALUE_FORMAT (or FORMAT): say how the values are serialized, e.g. 'AVRO'");
        }
        return new Source(create.name().name(), create.table(), topic,
                keyFormat == null ? DEFAULT_KEY_FORMAT : keyFormat, valueFormat, columns, null,
                create.table() && create.readOnly(), create);
    }

    private static Set<String> enumSymbols(Optional<Schema> record, String column) {
        return record.flatMap(r -> AvroCompatibility.field(r, column))
                .map(f -> AvroCompatibility.nonNull(f.schema()))
                .filter(s -> s != null && s.getType() == Schema.Type.ENUM)
                .map(s -> Set.copyOf(s.getEnumSymbols()))
                .orElse(Set.of());
    }

    static String format(Map<String, String> properties, String key) {
        String value = properties.getOrDefault(key, properties.get("FORMAT"));
        return value == null ? null : value.toUpperCase(Locale.ROOT);
    }

    private void register(ParsedStatement statement, Source source) {
        if (sources.containsKey(source.name())) {
            problem(statement.statement().where(), source.name() + " is already defined by "
                    + sources.get(source.name()).definedBy().statement().where());
            return;
        }
        sources.put(source.name(), source);
    }

    void problem(String where, String message) {
        problems.add(new Problem(where, message));
    }

    public Optional<Source> source(String name) {
        return Optional.ofNullable(sources.get(name));
    }

    public List<Source> sources() {
        return List.copyOf(sources.values());
    }

    public List<Problem> problems() {
        return List.copyOf(problems);
    }
}
