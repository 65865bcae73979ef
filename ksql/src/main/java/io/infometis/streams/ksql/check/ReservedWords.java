package io.infometis.streams.ksql.check;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * ksqlDB's keywords, from its grammar (ksqldb-parser SqlBase.g4, 0.28/0.29 and later): RESERVED ones are syntax
 * errors as unquoted names (e.g. {@code SIZE}); NON_RESERVED ones parse as names but are keywords in some
 * statements and newer versions add to them, so the scripts back-quote those too (e.g. {@code `TYPE`}).
 */
public final class ReservedWords {

    static final Set<String> RESERVED = Set.of(
            "SELECT", "FROM", "AS", "ALL", "DISTINCT", "WHERE", "WITHIN", "WINDOW", "GROUP", "BY", "HAVING", "LIMIT",
            "AT", "OR", "AND", "IN", "NOT", "EXISTS", "BETWEEN", "LIKE", "IS", "NULL", "TRUE", "FALSE",
            "MILLISECOND", "YEARS", "MONTHS", "DAYS", "HOURS", "MINUTES", "SECONDS", "MILLISECONDS",
            "TUMBLING", "HOPPING", "SIZE", "ADVANCE", "RETENTION", "CASE", "WHEN", "THEN", "ELSE", "END",
            "JOIN", "FULL", "OUTER", "INNER", "LEFT", "RIGHT", "ON", "WITH", "VALUES", "CREATE", "TABLE", "TOPIC",
            "STREAM", "STREAMS", "INSERT", "DELETE", "INTO", "DESCRIBE", "EXTENDED", "PRINT", "CAST", "LIST",
            "TOPICS", "QUERY", "QUERIES", "TERMINATE", "LOAD", "DROP", "TO", "RENAME", "SAMPLE", "EXPORT",
            "CATALOG", "PROPERTIES", "BEGINNING", "UNSET", "RUN", "SCRIPT", "DECIMAL", "CONNECTOR", "CONNECTORS",
            "NAMESPACE", "MATERIALIZED", "VIEW");

    static final Set<String> NON_RESERVED = Set.of(
            "SHOW", "TABLES", "COLUMNS", "COLUMN", "PARTITIONS", "FUNCTIONS", "FUNCTION", "SESSION", "STRUCT",
            "MAP", "ARRAY", "PARTITION", "INTEGER", "DATE", "TIME", "TIMESTAMP", "INTERVAL", "ZONE", "STRING",
            "YEAR", "MONTH", "DAY", "HOUR", "MINUTE", "SECOND", "EXPLAIN", "ANALYZE", "TYPE", "TYPES", "SET",
            "RESET", "IF", "SOURCE", "SINK", "PRIMARY", "KEY", "EMIT", "CHANGES", "FINAL", "ESCAPE", "REPLACE",
            "ASSERT", "ALTER", "ADD", "HEADER", "HEADERS", "GRACE", "PERIOD", "DEFINE", "UNDEFINE", "VARIABLES",
            "PLUGINS", "SYSTEM", "TIMEOUT", "SCHEMA", "SUBJECT", "ID");

    private ReservedWords() {}

    /** Why an unquoted name must not be used, or empty when it is fine. */
    public static Optional<String> problem(String unquotedName) {
        String upper = unquotedName.toUpperCase(Locale.ROOT);
        if (RESERVED.contains(upper)) {
            return Optional.of(upper + " is a reserved word in ksqlDB: a syntax error as a name; rename it");
        }
        if (NON_RESERVED.contains(upper)) {
            return Optional.of(upper + " is a ksqlDB keyword: back-quote it (`" + upper + "`) or rename it");
        }
        return Optional.empty();
    }
}
