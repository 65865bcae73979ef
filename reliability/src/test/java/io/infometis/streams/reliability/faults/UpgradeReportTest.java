package io.infometis.streams.reliability.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the report and the log say about an upgrade: both builds, and Flink's reason when a restore was refused. */
class UpgradeReportTest {

    /** The shape of a TaskManager-side restore failure as Flink 1.20 writes it (trimmed). */
    static final String STATE_MIGRATION_TRACE = """
            java.lang.Exception: Exception while creating StreamOperatorStateContext.
            \tat org.apache.flink.streaming.api.operators.StreamTaskStateInitializerImpl.streamOperatorStateContext(StreamTaskStateInitializerImpl.java:330)
            \tat java.base/java.lang.Thread.run(Thread.java:840)
            Caused by: org.apache.flink.util.FlinkException: Could not restore keyed state backend for CoBroadcastWithKeyedOperator_1b2c3d(1/1) from any of the 1 provided restore options.
            \tat org.apache.flink.streaming.api.operators.BackendRestorerProcedure.createAndRestore(BackendRestorerProcedure.java:165)
            \t... 12 more
            Caused by: org.apache.flink.util.StateMigrationException: The new state serializer (PojoSerializer) must not be incompatible with the old state serializer (PojoSerializer).
            \tat org.apache.flink.runtime.state.heap.HeapKeyedStateBackend.tryRegisterStateTable(HeapKeyedStateBackend.java:212)
            \t... 20 more
            """;

    @TempDir
    Path dir;

    @Test
    void theReasonIsTheTopExceptionAndTheRootCause() {
        assertThat(FailureReason.of(STATE_MIGRATION_TRACE)).isEqualTo(
                "java.lang.Exception: Exception while creating StreamOperatorStateContext. <- caused by "
                        + "org.apache.flink.util.StateMigrationException: The new state serializer (PojoSerializer) "
                        + "must not be incompatible with the old state serializer (PojoSerializer).");
        assertThat(FailureReason.of("java.lang.IllegalStateException: Failed to rollback to checkpoint/savepoint "
                + "file:/sp. Cannot map checkpoint/savepoint state for operator 77 to the new program, because the "
                + "operator is not available in the new program.")).startsWith("java.lang.IllegalStateException: "
                + "Failed to rollback").endsWith("not available in the new program.");
        assertThat(FailureReason.of("")).isEqualTo("failed (Flink gave no exception)");
        assertThat(FailureReason.of("x".repeat(2000))).hasSizeLessThanOrEqualTo(FailureReason.MAX + 5);
    }

    @Test
    void theFirstEntryOfTheExceptionHistoryNamesItsTaskAndReason() throws Exception {
        ObjectMapper json = new ObjectMapper();
        var history = json.createObjectNode();
        history.putObject("exceptionHistory").putArray("entries").addObject()
                .put("exceptionName", "java.lang.Exception")
                .put("stacktrace", STATE_MIGRATION_TRACE)
                .put("taskName", "rules: sliding windows per (window family, group) (1/1)");
        history.put("root-exception", "an older one");

        assertThat(FaultSuite.firstException(history)).hasValueSatisfying(reason -> assertThat(reason)
                .startsWith("in rules: sliding windows per (window family, group) (1/1): java.lang.Exception")
                .endsWith("with the old state serializer (PojoSerializer)."));
        assertThat(FaultSuite.firstException(json.readTree("{\"root-exception\":\"java.lang.IllegalStateException: "
                + "Cannot map checkpoint/savepoint state\",\"exceptionHistory\":{\"entries\":[]}}")))
                .hasValue("java.lang.IllegalStateException: Cannot map checkpoint/savepoint state");
        assertThat(FaultSuite.firstException(json.readTree("{\"root-exception\":null,"
                + "\"exceptionHistory\":{\"entries\":[]}}"))).isEmpty();
    }

    @Test
    void anUpgradeAcrossBuildsNamesBothBuildsAndARefusedRestoreGivesFlinksReason() throws Exception {
        JobBuilds builds = JobBuilds.upgrade(jars("previous"), "6a9742d", jars("current"), "2897a52");
        Observed.Verdict nothingWrong = new Observed.Verdict(10, 0, 10, 0, 5, 0, 0, 0, 0, 0, 0, 0, 0);
        List<FaultSuite.Result> results = List.of(
                new FaultSuite.Result(Fault.UPGRADE, FaultSuite.ENRICHMENT, nothingWrong, Duration.ofSeconds(12), 0,
                        true, Optional.empty()),
                new FaultSuite.Result(Fault.UPGRADE, FaultSuite.FRAUD, nothingWrong, Duration.ofSeconds(4), 1, false,
                        Optional.of("restore failed: in rules | evaluate: java.lang.Exception\n<- caused by X")));

        String table = ReliabilityReport.table(results, FaultSuite.Plan.shortForm(), builds);

        assertThat(table).contains("Upgrade from 6a9742d to 2897a52: the jobs started as built at 6a9742d");
        assertThat(table).contains("| stop with savepoint, upgrade from 6a9742d to 2897a52: the next build started "
                + "from that savepoint | order-enrichment |");
        assertThat(table.lines().filter(l -> l.contains("| fraud-detection |")).findFirst().orElseThrow())
                .endsWith("| NOT CLEAN: restore failed: in rules \\| evaluate: java.lang.Exception <- caused by X |");
    }

    private Path jars(String name) throws Exception {
        Path d = Files.createDirectories(dir.resolve(name));
        for (String jar : JobBuilds.JARS) {
            Files.writeString(d.resolve(jar), "");
        }
        return d;
    }
}
