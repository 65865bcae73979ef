package io.infometis.streams.ksql;

import static org.assertj.core.api.Assertions.assertThat;

import io.infometis.streams.ksql.check.Problem;
import io.infometis.streams.ksql.check.ScriptChecks;
import io.infometis.streams.ksql.parse.ParsedStatement;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The CLI examples in ksql/queries resolve against the scripts and document their results. */
class ExampleQueriesCheckTest {

    @Test
    void everyExampleQueryResolvesAgainstTheScripts() {
        List<KsqlProject.ScriptFile> files = ScriptsCheckTest.PROJECT.exampleQueries();
        assertThat(files).extracting(KsqlProject.ScriptFile::name)
                .anyMatch(n -> n.startsWith("queries/push-")).anyMatch(n -> n.startsWith("queries/pull-"));
        List<Problem> problems = ScriptChecks.exampleQueries(files, ScriptsCheckTest.PROJECT.scriptStatements(),
                ScriptsCheckTest::valueSchema);
        assertThat(problems).as(ScriptsCheckTest.report(problems)).isEmpty();
    }

    @Test
    void pullFilesHoldPullQueriesAndPushFilesPushQueries() {
        for (KsqlProject.ScriptFile file : ScriptsCheckTest.PROJECT.exampleQueries()) {
            boolean pull = file.name().startsWith("queries/pull-");
            assertThat(file.parsed()).filteredOn(ParsedStatement.TransientQuery.class::isInstance)
                    .as(file.name()).allMatch(q -> ((ParsedStatement.TransientQuery) q).query().isPush() != pull);
        }
    }

    @Test
    void aPullQueryOnAStreamOrWithoutItsKeyAndAPersistentQueryAreReported() {
        var file = KsqlProject.ScriptFile.of("queries/pull-broken.sql", """
                -- Expected: nothing, it is broken
                SELECT * FROM ORDERS WHERE ORDER_KEY = 'o-1';
                SELECT * FROM CUSTOMER_OVERVIEW WHERE LAST_ORDER_ID = 'o-1';
                CREATE STREAM X WITH (KAFKA_TOPIC = 'x') AS SELECT * FROM ORDERS;
                """);
        List<String> problems = ScriptChecks.exampleQueries(List.of(file), ScriptsCheckTest.PROJECT.scriptStatements(),
                        ScriptsCheckTest::valueSchema)
                .stream().map(Problem::toString).toList();

        assertThat(problems)
                .anySatisfy(m -> assertThat(m).contains("statement 1", "pull query on ORDERS", "only CREATE TABLE AS SELECT"))
                .anySatisfy(m -> assertThat(m).contains("statement 2", "does not look up key column USER_ID"))
                .anySatisfy(m -> assertThat(m).contains("statement 3", "persistent statements belong in the numbered"));
    }
}
