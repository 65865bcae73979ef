package io.infometis.streams.ksql.parse;

import java.util.List;
import java.util.Map;

/** A statement of the subset the scripts use, read into its parts. */
public sealed interface ParsedStatement {

    Statement statement();

    /** {@code SET 'name' = 'value'}. */
    record SetProperty(Statement statement, String name, String value) implements ParsedStatement {}

    /**
     * {@code CREATE [OR REPLACE] [SOURCE] STREAM|TABLE name (columns) WITH (...)}: a source over an existing topic.
     * Property names upper-cased; values as written (string literals without their quotes).
     */
    record CreateSource(Statement statement, boolean table, boolean readOnly, Identifier name,
                        List<ColumnDef> columns, Map<String, String> properties) implements ParsedStatement {
        public CreateSource {
            columns = List.copyOf(columns);
            properties = Map.copyOf(properties);
        }
    }

    /** {@code CREATE STREAM|TABLE name WITH (...) AS SELECT ...}: a persistent query. */
    record CreateAsSelect(Statement statement, boolean table, Identifier name, Map<String, String> properties,
                          Query query) implements ParsedStatement {
        public CreateAsSelect {
            properties = Map.copyOf(properties);
        }
    }

    /** A transient SELECT: a push query (EMIT CHANGES) or a pull query. */
    record TransientQuery(Statement statement, Query query) implements ParsedStatement {}

    /** Statements the checks only recognise: SHOW, LIST, DESCRIBE, PRINT, TERMINATE, DROP, EXPLAIN. */
    record Other(Statement statement, String verb) implements ParsedStatement {}

    default String kind() {
        if (this instanceof CreateSource c) {
            return "CREATE " + (c.readOnly() ? "SOURCE " : "") + (c.table() ? "TABLE " : "STREAM ") + c.name();
        }
        if (this instanceof CreateAsSelect c) {
            return "CREATE " + (c.table() ? "TABLE " : "STREAM ") + c.name() + " AS SELECT";
        }
        if (this instanceof TransientQuery t) {
            return t.query().isPush() ? "push query" : "pull query";
        }
        if (this instanceof Other o) {
            return o.verb();
        }
        return "SET";
    }
}
