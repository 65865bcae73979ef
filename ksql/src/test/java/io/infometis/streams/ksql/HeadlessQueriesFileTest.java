package io.infometis.streams.ksql;

import static org.assertj.core.api.Assertions.assertThat;

import io.infometis.streams.ksql.headless.HeadlessQueriesFile;
import io.infometis.streams.ksql.parse.ParsedStatement;
import java.io.IOException;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

class HeadlessQueriesFileTest {

    @Test
    void theCommittedHeadlessFileIsTheOneGeneratedFromTheScripts() throws IOException {
        String generated = HeadlessQueriesFile.generate(ScriptsCheckTest.PROJECT);
        String committed = Files.readString(ScriptsCheckTest.PROJECT.headlessFile());

        assertThat(committed)
                .as("ksql/headless/queries.sql is stale: copy ksql/target/headless/queries.sql over it")
                .isEqualTo(generated);
    }

    @Test
    void itHoldsEveryScriptStatementAndNoTransientQuery() {
        var headless = KsqlProject.ScriptFile.of("headless/queries.sql",
                HeadlessQueriesFile.generate(ScriptsCheckTest.PROJECT));

        assertThat(headless.parsed()).noneMatch(ParsedStatement.TransientQuery.class::isInstance);
        assertThat(headless.statements()).extracting(s -> s.normalized())
                .containsExactlyElementsOf(ScriptsCheckTest.PROJECT.scriptStatements().stream()
                        .map(s -> s.statement().normalized()).toList());
    }
}
