package io.infometis.streams.ksql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.infometis.streams.ksql.parse.ColumnDef;
import io.infometis.streams.ksql.parse.KsqlSyntaxException;
import io.infometis.streams.ksql.parse.KsqlType;
import io.infometis.streams.ksql.parse.ParsedStatement;
import io.infometis.streams.ksql.parse.StatementParser;
import io.infometis.streams.ksql.parse.StatementSplitter;
import io.infometis.streams.ksql.parse.WindowSpec;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatementParserTest {

    static ParsedStatement parse(String sql) {
        return StatementParser.parse(StatementSplitter.split(sql, "t.sql").get(0));
    }

    @Test
    void readsASourceWithKeyNestedTypesAndProperties() {
        var create = (ParsedStatement.CreateSource) parse("""
                CREATE SOURCE TABLE t (k STRING PRIMARY KEY, `Type` STRING,
                  items ARRAY<STRUCT<sku STRING, qty INT>>, m MAP<STRING, DOUBLE>, d DECIMAL(10, 2))
                WITH (kafka_topic = 'x', VALUE_FORMAT = 'AVRO', PARTITIONS = 4);""");

        assertThat(create.table()).isTrue();
        assertThat(create.readOnly()).isTrue();
        assertThat(create.name().name()).isEqualTo("T");
        assertThat(create.columns()).extracting(c -> c.name().name()).containsExactly("K", "Type", "ITEMS", "M", "D");
        assertThat(create.columns().get(0).role()).isEqualTo(ColumnDef.Role.PRIMARY_KEY);
        assertThat(create.columns().get(1).name().quoted()).isTrue();
        assertThat(create.columns().get(2).type()).isEqualTo(new KsqlType.Array(new KsqlType.Struct(
                Map.of("SKU", KsqlType.STRING, "QTY", KsqlType.INT))));
        assertThat(create.columns().get(4).type()).isEqualTo(new KsqlType.Decimal(10, 2));
        assertThat(create.properties()).containsEntry("KAFKA_TOPIC", "x").containsEntry("PARTITIONS", "4");
    }

    @Test
    void readsAWindowedAggregationAndAJoin() {
        var windowed = (ParsedStatement.CreateAsSelect) parse("""
                CREATE TABLE w WITH (KAFKA_TOPIC='o') AS SELECT c, COUNT(*) AS n FROM s
                WINDOW HOPPING (SIZE 1 HOUR, ADVANCE BY 10 MINUTES, RETENTION 7 DAYS, GRACE PERIOD 1 MINUTE)
                WHERE status = 'FAILED' AND NOT x IS NULL GROUP BY c EMIT CHANGES;""");
        assertThat(windowed.query().window()).isEqualTo(new WindowSpec(WindowSpec.Type.HOPPING, 3_600_000L, 600_000L,
                7 * 86_400_000L, 60_000L));
        assertThat(windowed.query().groupBy()).hasSize(1);

        var join = (ParsedStatement.CreateAsSelect) parse("""
                CREATE STREAM j WITH (KAFKA_TOPIC='o') AS SELECT o.a AS a, COALESCE(c.b, o.b) AS b
                FROM orders o LEFT JOIN customers c ON o.a = c.k EMIT CHANGES;""");
        assertThat(join.query().joins()).hasSize(1);
        assertThat(join.query().joins().get(0).type()).isEqualTo("LEFT");
        assertThat(join.query().from().qualifier()).isEqualTo("O");
    }

    @Test
    void tellsPushFromPullQueries() {
        assertThat(((ParsedStatement.TransientQuery) parse("SELECT * FROM t WHERE k = 'a';")).query().isPush()).isFalse();
        assertThat(((ParsedStatement.TransientQuery) parse("SELECT * FROM s EMIT CHANGES LIMIT 5;")).query().isPush())
                .isTrue();
    }

    @Test
    void rejectsWhatItDoesNotUnderstandNamingTheStatement() {
        assertThatThrownBy(() -> parse("INSERT INTO x SELECT * FROM y;"))
                .isInstanceOf(KsqlSyntaxException.class).hasMessageContaining("t.sql statement 1 (line 1)");
        assertThatThrownBy(() -> parse("CREATE STREAM s (x STRANGE) WITH (KAFKA_TOPIC='t');"))
                .isInstanceOf(KsqlSyntaxException.class).hasMessageContaining("expected a ksqlDB type")
                .hasMessageContaining("'STRANGE'");
        assertThatThrownBy(() -> parse("CREATE TABLE w AS SELECT c FROM s WINDOW TUMBLING (SIZE 1 WEEK) GROUP BY c;"))
                .isInstanceOf(KsqlSyntaxException.class).hasMessageContaining("time unit");
    }
}
