package io.infometis.streams.ksql;

import static org.assertj.core.api.Assertions.assertThat;

import io.infometis.streams.ksql.catalog.Catalog;
import io.infometis.streams.ksql.check.Problem;
import io.infometis.streams.ksql.check.ScriptChecks;
import io.infometis.streams.ksql.parse.ParsedStatement;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Each check, fed a script with one mistake, reports it naming the file, the statement and the column. */
class ChecksFindBrokenScriptsTest {

    static final String PAYMENTS = """
            CREATE STREAM PAYMENTS (PAYMENT_KEY STRING KEY, EVENT_TIME TIMESTAMP, STATUS STRING, USER_ID STRING,
                CARD_FINGERPRINT STRING, AMOUNT BIGINT, FAILURE_REASON STRING)
            WITH (KAFKA_TOPIC = 'payments', KEY_FORMAT = 'KAFKA', VALUE_FORMAT = 'AVRO');
            """;

    static List<ParsedStatement> statements(String sql) {
        return KsqlProject.ScriptFile.of("900-broken.sql", sql).parsed();
    }

    static List<String> messages(List<Problem> problems) {
        return problems.stream().map(Problem::toString).toList();
    }

    @Test
    void aColumnWhoseTypeDiffersFromTheAvroFieldIsReported() {
        List<Problem> problems = ScriptChecks.avroColumns(statements(PAYMENTS.replace("AMOUNT BIGINT", "AMOUNT INT")),
                ScriptsCheckTest::valueSchema);

        assertThat(messages(problems)).singleElement().asString()
                .contains("900-broken.sql statement 1 (line 1)", "CREATE STREAM PAYMENTS", "column AMOUNT",
                        "declared INT but the Avro field is long");
    }

    @Test
    void aColumnTheAvroSchemaLacksIsReported() {
        List<Problem> problems = ScriptChecks.avroColumns(
                statements(PAYMENTS.replace("STATUS STRING", "STATE STRING")), ScriptsCheckTest::valueSchema);

        assertThat(messages(problems)).singleElement().asString()
                .contains("column STATE is not a field of Avro record io.infometis.streams.events.Payment");
    }

    @Test
    void aTimestampColumnOverAPlainLongAndANonStringKeyAreReported() {
        List<Problem> problems = ScriptChecks.avroColumns(statements(PAYMENTS
                        .replace("PAYMENT_KEY STRING KEY", "PAYMENT_KEY BIGINT KEY")
                        .replace("AMOUNT BIGINT", "AMOUNT TIMESTAMP")),
                ScriptsCheckTest::valueSchema);

        assertThat(messages(problems)).hasSize(2)
                .anySatisfy(m -> assertThat(m).contains("key column PAYMENT_KEY is BIGINT"))
                .anySatisfy(m -> assertThat(m).contains("column AMOUNT: declared TIMESTAMP but the Avro field is long"));
    }

    @Test
    void aTopicOutsideTheCatalogueOrTheManifestsIsReported() {
        List<ParsedStatement> script = statements(PAYMENTS.replace("'payments'", "'payment'"));

        assertThat(messages(ScriptChecks.topics(script, ScriptsCheckTest.catalogueTopics(), Optional.empty())))
                .singleElement().asString().contains("reads topic 'payment', which is not in the topic catalogue");
        assertThat(messages(ScriptChecks.topics(statements(PAYMENTS), ScriptsCheckTest.catalogueTopics(),
                Optional.of(Set.of("orders")))))
                .singleElement().asString().contains("no Strimzi KafkaTopic manifest");
    }

    @Test
    void aPersistentQueryWithoutOutputTopicOrWritingACatalogueTopicIsReported() {
        List<ParsedStatement> script = statements(PAYMENTS + """
                CREATE STREAM FAILED AS SELECT * FROM PAYMENTS WHERE STATUS = 'FAILED';
                CREATE STREAM COPY WITH (KAFKA_TOPIC = 'orders') AS SELECT * FROM PAYMENTS;
                """);

        assertThat(messages(ScriptChecks.topics(script, ScriptsCheckTest.catalogueTopics(), Optional.empty())))
                .hasSize(2)
                .anySatisfy(m -> assertThat(m).contains("statement 2", "CREATE STREAM FAILED AS SELECT",
                        "no KAFKA_TOPIC"))
                .anySatisfy(m -> assertThat(m).contains("statement 3", "writes to catalogue topic 'orders'"));
    }

    @Test
    void aReservedWordAsAliasAndAnUnquotedKeywordAsColumnAreReported() {
        List<ParsedStatement> script = statements(PAYMENTS.replace("STATUS STRING", "TYPE STRING") + """
                CREATE TABLE T WITH (KAFKA_TOPIC = 'x') AS SELECT USER_ID, COUNT(*) AS SIZE FROM PAYMENTS
                GROUP BY USER_ID;
                """);

        assertThat(messages(ScriptChecks.reservedWords(script))).hasSize(2)
                .anySatisfy(m -> assertThat(m).contains("statement 1", "name TYPE", "back-quote it"))
                .anySatisfy(m -> assertThat(m).contains("statement 2", "name SIZE", "reserved word"));
    }

    @Test
    void queriesOverUnknownColumnsOrSourcesAreReported() {
        List<Problem> problems = Catalog.of(statements(PAYMENTS + """
                CREATE TABLE T WITH (KAFKA_TOPIC = 'x') AS SELECT CARD, COUNT(*) AS N FROM PAYMENTS GROUP BY CARD;
                CREATE STREAM U WITH (KAFKA_TOPIC = 'y') AS SELECT * FROM NOWHERE;
                """)).problems();

        assertThat(messages(problems))
                .anySatisfy(m -> assertThat(m).contains("statement 2", "column CARD (line 4) does not exist in [PAYMENTS]"))
                .anySatisfy(m -> assertThat(m).contains("statement 3", "reads NOWHERE, which no earlier statement"));
    }

    @Test
    void keysKsqlDbWouldRejectAreReported() {
        List<Problem> problems = Catalog.of(statements(PAYMENTS + """
                CREATE TABLE T WITH (KAFKA_TOPIC = 'x') AS SELECT USER_ID, STATUS, COUNT(*) AS N FROM PAYMENTS
                GROUP BY USER_ID, STATUS;
                CREATE TABLE V WITH (KAFKA_TOPIC = 'y') AS SELECT COUNT(*) AS N FROM PAYMENTS GROUP BY USER_ID;
                CREATE STREAM W WITH (KAFKA_TOPIC = 'z') AS SELECT USER_ID, COUNT(*) AS N FROM PAYMENTS
                GROUP BY USER_ID;
                """)).problems();

        assertThat(messages(problems))
                .anySatisfy(m -> assertThat(m).contains("CREATE TABLE T", "KEY_FORMAT 'KAFKA' holds one key column"))
                .anySatisfy(m -> assertThat(m).contains("CREATE TABLE V", "key expression USER_ID must be in the projection"))
                .anySatisfy(m -> assertThat(m).contains("CREATE STREAM W", "produces a table"));
    }

    @Test
    void aJoinToATableOffItsPrimaryKeyIsReported() {
        List<Problem> problems = Catalog.of(statements(PAYMENTS + """
                CREATE TABLE C (USER_KEY STRING PRIMARY KEY, COUNTRY STRING)
                    WITH (KAFKA_TOPIC = 'customers', VALUE_FORMAT = 'AVRO');
                CREATE STREAM J WITH (KAFKA_TOPIC = 'j') AS SELECT P.USER_ID AS USER_ID, C.COUNTRY AS COUNTRY
                FROM PAYMENTS P JOIN C ON P.USER_ID = C.COUNTRY;
                """)).problems();

        assertThat(messages(problems)).singleElement().asString()
                .contains("statement 3", "must use its PRIMARY KEY [USER_KEY], not COUNTRY");
    }

    @Test
    void aComparisonOfIncompatibleTypesAndAnUnknownFunctionAreReported() {
        List<Problem> problems = Catalog.of(statements(PAYMENTS + """
                CREATE STREAM S WITH (KAFKA_TOPIC = 's') AS SELECT USER_ID, MYSTERY(AMOUNT) AS M FROM PAYMENTS
                WHERE AMOUNT = 'large';
                """)).problems();

        assertThat(messages(problems))
                .anySatisfy(m -> assertThat(m).contains("AMOUNT = 'large' compares BIGINT with STRING"))
                .anySatisfy(m -> assertThat(m).contains("result type of function MYSTERY"));
    }

    @Test
    void aTransientQueryInANumberedScriptAndAMissingHeaderAreReported() {
        var script = KsqlProject.ScriptFile.of("900-broken.sql", PAYMENTS + "SELECT * FROM PAYMENTS EMIT CHANGES;");

        assertThat(messages(ScriptChecks.scriptShape(List.of(script))))
                .anySatisfy(m -> assertThat(m).contains("900-broken.sql", "must start with a header comment"))
                .anySatisfy(m -> assertThat(m).contains("statement 2", "push query in a numbered script"));
    }

    @Test
    void aComparisonWithAValueTheAvroEnumDoesNotHaveIsReportedThroughDerivedSources() {
        List<Problem> problems = Catalog.of(statements(PAYMENTS + """
                CREATE STREAM F WITH (KAFKA_TOPIC = 'f') AS SELECT USER_ID, STATUS AS PAYMENT_STATUS FROM PAYMENTS
                WHERE STATUS IN ('FAILED', 'REFUSED');
                CREATE TABLE T WITH (KAFKA_TOPIC = 't') AS SELECT USER_ID, COUNT(*) AS N FROM F
                WHERE PAYMENT_STATUS = 'FAIL' GROUP BY USER_ID;
                CREATE TABLE OK WITH (KAFKA_TOPIC = 'ok') AS SELECT USER_ID, COUNT(*) AS N FROM F
                WHERE PAYMENT_STATUS = 'FAILED' GROUP BY USER_ID;
                """), ScriptsCheckTest::valueSchema).problems();

        assertThat(messages(problems)).hasSize(2)
                .anySatisfy(m -> assertThat(m).contains("statement 2", "STATUS is never 'REFUSED'",
                        "[AUTHORIZED, FAILED, REFUNDED]"))
                .anySatisfy(m -> assertThat(m).contains("statement 3", "PAYMENT_STATUS is never 'FAIL'"));
    }
}
