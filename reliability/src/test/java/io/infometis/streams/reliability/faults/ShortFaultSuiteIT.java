package io.infometis.streams.reliability.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The short fault suite (CI): the probe job on the real session cluster survives a kill -9 of its TaskManager, a
 * poison-pill barrage (without a restart) and an upgrade through a savepoint, with every order exactly once in the
 * committed Kafka output, one Elasticsearch document per order at its newest version, and every poison pill exactly
 * once in the dead-letter topic.
 */
class ShortFaultSuiteIT {

    @Test
    void probeSurvivesTaskManagerKillPoisonBarrageAndUpgradeWithNothingLostOrDuplicated() throws Exception {
        Path jar = Path.of(System.getProperty("probe.jar", "target/reliability-0.1.0-SNAPSHOT-probe.jar"));
        assertThat(jar).as("the probe job jar (built at package)").exists();

        List<FaultSuite.Result> results = new FaultSuite(jar, FaultSuite.Plan.shortForm(), System.out::println).run();
        System.out.println(ReliabilityReport.table(results, FaultSuite.Plan.shortForm()));

        assertThat(results).extracting(FaultSuite.Result::fault)
                .containsExactly(Fault.TASKMANAGER_KILL, Fault.POISON_BARRAGE, Fault.UPGRADE);
        for (FaultSuite.Result r : results) {
            Observed.Verdict v = r.verdict();
            assertThat(v.lost()).as("%s: events lost", r.fault()).isZero();
            assertThat(v.duplicates()).as("%s: duplicate committed output", r.fault()).isZero();
            assertThat(v.documentsWrong()).as("%s: documents missing or extra", r.fault()).isZero();
            assertThat(v.documentsStale()).as("%s: documents not at their newest version", r.fault()).isZero();
            assertThat(v.lettersLost()).as("%s: poison pills missing from dlq", r.fault()).isZero();
            assertThat(v.letterDuplicates()).as("%s: poison pills twice in dlq", r.fault()).isZero();
            assertThat(v.outputRecords()).isEqualTo(v.eventsIn());
            assertThat(v.deadLetters()).isEqualTo(v.poisonIn());
        }
        FaultSuite.Result barrage = results.get(1);
        assertThat(barrage.verdict().poisonIn()).as("the barrage sent poison").isPositive();
        assertThat(barrage.jobFailures()).as("poison pills never restart the job").isZero();
        assertThat(Files.exists(jar)).isTrue();
    }
}
