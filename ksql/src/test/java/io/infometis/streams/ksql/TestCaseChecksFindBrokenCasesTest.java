package io.infometis.streams.ksql;

import static org.assertj.core.api.Assertions.assertThat;

import io.infometis.streams.ksql.check.Problem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A test case with one mistake (a drifted statement, a bad input or output record) is reported precisely. */
class TestCaseChecksFindBrokenCasesTest {

    @TempDir
    Path temp;
    Path broken;

    @BeforeEach
    void copyAGoodCase() throws IOException {
        Path good = ScriptsCheckTest.PROJECT.root().resolve("tests/failed-payments-per-card-10min");
        broken = temp.resolve("broken-case");
        Files.createDirectories(broken);
        for (String file : List.of("statements.sql", "input.json", "output.json")) {
            Files.copy(good.resolve(file), broken.resolve(file));
        }
        assertThat(check()).as("the copied case is good before it is broken").isEmpty();
    }

    List<String> check() {
        return TestCasesCheckTest.CHECKS.check(broken).stream().map(Problem::toString).toList();
    }

    void replace(String file, String from, String to) throws IOException {
        String text = Files.readString(broken.resolve(file));
        assertThat(text).contains(from);
        Files.writeString(broken.resolve(file), text.replaceFirst(java.util.regex.Pattern.quote(from), to));
    }

    @Test
    void aStatementThatDriftedFromTheScriptsIsReported() throws IOException {
        replace("statements.sql", "SIZE 10 MINUTES", "SIZE 15 MINUTES");

        assertThat(check()).anySatisfy(m -> assertThat(m).contains("tests/broken-case/statements.sql statement 2",
                "is not a statement of the numbered scripts", "differs from 100-failed-payments-per-card.sql"));
    }

    @Test
    void anInputThatTheAvroSchemaRejectsIsReported() throws IOException {
        replace("input.json", "\"STATUS\": \"FAILED\"", "\"STATUS\": \"FAIL\"");
        replace("input.json", "\"AMOUNT\": 4999", "\"AMOUNT\": \"4999\"");
        replace("input.json", ", \"CURRENCY\": \"EUR\"", "");

        assertThat(check())
                .anySatisfy(m -> assertThat(m).contains("input.json inputs[0]", "value.STATUS = 'FAIL' is not a symbol",
                        "[AUTHORIZED, FAILED, REFUNDED]"))
                .anySatisfy(m -> assertThat(m).contains("inputs[0]", "value.AMOUNT must be a long"))
                .anySatisfy(m -> assertThat(m).contains("inputs[0]", "lacks field currency"));
    }

    @Test
    void anOutputWithAWrongColumnOrWindowIsReported() throws IOException {
        replace("output.json", "\"FAILED_PAYMENTS\": 1", "\"FAILURES\": 1");
        replace("output.json", "\"end\": 1767226200000", "\"end\": 1767226500000");

        assertThat(check())
                .anySatisfy(m -> assertThat(m).contains("output.json outputs[0]", "value.FAILURES is not a value column"))
                .anySatisfy(m -> assertThat(m).contains("outputs[0]", "value lacks column FAILED_PAYMENTS"))
                .anySatisfy(m -> assertThat(m).contains("outputs[0]", "window end - start = 900000 ms",
                        "SIZE is 600000 ms"));
    }

    @Test
    void anOutputOfAWindowedTableWithoutWindowIsReported() throws IOException {
        replace("output.json", ", \"window\": {\"start\": 1767225600000, \"end\": 1767226200000, \"type\": \"time\"}", "");

        assertThat(check()).anySatisfy(m -> assertThat(m).contains("outputs[0]", "is windowed (TUMBLING)"));
    }

    @Test
    void aCorruptFileIsReportedNotThrown() throws IOException {
        Files.writeString(broken.resolve("input.json"), "{\"inputs\": [ {\"topic\": ");
        Files.delete(broken.resolve("output.json"));

        assertThat(check()).singleElement().asString()
                .contains("tests/broken-case", "missing output.json");

        Files.writeString(broken.resolve("output.json"), "{\"outputs\": []}");
        assertThat(check()).singleElement().asString().contains("tests/broken-case", "cannot be read");
    }

    @Test
    void anUnterminatedStatementIsReportedNotThrown() throws IOException {
        Files.writeString(broken.resolve("statements.sql"), "CREATE STREAM S (X STRING) WITH (KAFKA_TOPIC='x'");

        assertThat(check()).singleElement().asString()
                .contains("tests/broken-case", "cannot be read", "does not end with ';'");
    }
}
