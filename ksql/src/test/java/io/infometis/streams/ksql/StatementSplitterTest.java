package io.infometis.streams.ksql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.infometis.streams.ksql.parse.KsqlSyntaxException;
import io.infometis.streams.ksql.parse.Statement;
import io.infometis.streams.ksql.parse.StatementSplitter;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatementSplitterTest {

    @Test
    void splitsAtSemicolonsOutsideStringsQuotedNamesAndComments() {
        String script = """
                -- a comment; with a semicolon
                SET 'a;b' = 'c';
                /* block; comment */ CREATE STREAM `odd;name` (X STRING) WITH (KAFKA_TOPIC='t;1', VALUE_FORMAT='JSON');
                SELECT 'it''s' AS Q FROM `odd;name` EMIT CHANGES;
                """;
        List<Statement> statements = StatementSplitter.split(script, "f.sql");

        assertThat(statements).hasSize(3);
        assertThat(statements.get(0).normalized()).isEqualTo("SET 'a;b' = 'c';");
        assertThat(statements.get(1).line()).isEqualTo(3);
        assertThat(statements.get(1).text()).startsWith("CREATE STREAM `odd;name`").endsWith(");");
        assertThat(statements.get(2).normalized()).isEqualTo("SELECT 'it''s' AS Q FROM `odd;name` EMIT CHANGES;");
    }

    @Test
    void normalizedFormIgnoresWhitespaceAndCommentsButNotTokens() {
        Statement a = StatementSplitter.split("CREATE  STREAM S\n(X   STRING) -- c\n WITH (KAFKA_TOPIC='t');", "a")
                .get(0);
        Statement b = StatementSplitter.split("CREATE STREAM S (X STRING) WITH (KAFKA_TOPIC='t');", "b").get(0);
        Statement c = StatementSplitter.split("CREATE STREAM S (X INT) WITH (KAFKA_TOPIC='t');", "c").get(0);

        assertThat(a.normalized()).isEqualTo(b.normalized());
        assertThat(c.normalized()).isNotEqualTo(b.normalized());
    }

    @Test
    void aMissingSemicolonOrUnterminatedStringNamesTheFileAndLine() {
        assertThatThrownBy(() -> StatementSplitter.split("SET 'a' = 'b';\nCREATE STREAM S (X STRING)", "x.sql"))
                .isInstanceOf(KsqlSyntaxException.class)
                .hasMessageContaining("x.sql:2").hasMessageContaining("does not end with ';'");
        assertThatThrownBy(() -> StatementSplitter.split("\nSET 'a = 'b';", "y.sql"))
                .isInstanceOf(KsqlSyntaxException.class).hasMessageContaining("y.sql:2");
    }
}
