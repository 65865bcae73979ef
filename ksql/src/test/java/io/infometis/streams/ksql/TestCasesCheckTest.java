package io.infometis.streams.ksql;

import static org.assertj.core.api.Assertions.assertThat;

import io.infometis.streams.ksql.check.Problem;
import io.infometis.streams.ksql.parse.ParsedStatement;
import io.infometis.streams.ksql.testcase.TestCaseChecks;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The ksql-test-runner cases in ksql/tests: one per persistent query, consistent with scripts and schemas. */
class TestCasesCheckTest {

    static final TestCaseChecks CHECKS =
            new TestCaseChecks(ScriptsCheckTest.PROJECT.scriptStatements(), ScriptsCheckTest::valueSchema);

    @Test
    void everyCaseMatchesTheScriptsAndTheSchemas() {
        List<Path> folders = ScriptsCheckTest.PROJECT.testCaseFolders();
        assertThat(folders).isNotEmpty();
        List<Problem> problems = new ArrayList<>();
        folders.forEach(folder -> problems.addAll(CHECKS.check(folder)));
        assertThat(problems).as(ScriptsCheckTest.report(problems)).isEmpty();
    }

    @Test
    void everyPersistentQueryHasACase() throws IOException {
        Set<String> tested = TestCaseChecks.statementsOf(ScriptsCheckTest.PROJECT.testCaseFolders());
        List<String> untested = ScriptsCheckTest.PROJECT.scriptStatements().stream()
                .filter(ParsedStatement.CreateAsSelect.class::isInstance)
                .filter(s -> !tested.contains(s.statement().normalized()))
                .map(s -> s.statement().where() + " (" + s.kind() + ")")
                .toList();
        assertThat(untested).as("persistent queries without a ksql/tests case").isEmpty();
    }
}
