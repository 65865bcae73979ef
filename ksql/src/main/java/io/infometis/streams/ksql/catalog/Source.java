package io.infometis.streams.ksql.catalog;

import io.infometis.streams.ksql.parse.ParsedStatement;
import io.infometis.streams.ksql.parse.WindowSpec;
import java.util.List;
import java.util.Optional;

/**
 * A stream or table the scripts define: over an existing topic (CREATE STREAM/TABLE) or as the output of a
 * persistent query (CREATE ... AS SELECT).
 *
 * @param window   the window of a windowed aggregation's output, null when not windowed
 * @param pullable whether pull queries can read it: a CTAS table or a SOURCE table
 */
public record Source(String name, boolean table, String topic, String keyFormat, String valueFormat,
                     List<Column> columns, WindowSpec window, boolean pullable, ParsedStatement definedBy) {

    public Source {
        columns = List.copyOf(columns);
    }

    public boolean isPersistentQuery() {
        return definedBy instanceof ParsedStatement.CreateAsSelect;
    }

    public List<Column> keyColumns() {
        return columns.stream().filter(Column::key).toList();
    }

    public List<Column> valueColumns() {
        return columns.stream().filter(c -> !c.key()).toList();
    }

    public Optional<Column> column(String columnName) {
        return columns.stream().filter(c -> c.name().equals(columnName)).findFirst();
    }

    public String kind() {
        return table ? "table" : "stream";
    }
}
