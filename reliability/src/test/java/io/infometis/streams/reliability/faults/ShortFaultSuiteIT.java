package io.infometis.streams.reliability.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The short fault suite (CI): the real order-enrichment job, its shaded jar on the real standalone session cluster,
 * survives a kill -9 of its TaskManager, a poison-pill barrage (without a restart) and an upgrade through a
 * savepoint, with every expected enriched record exactly once in the committed {@code orders-enriched} output,
 * one Elasticsearch document per order with its newest event and its customer's profile, and every poison pill
 * exactly once in the dead-letter topic.
 */
class ShortFaultSuiteIT {

    @Test
    void orderEnrichmentSurvivesTaskManagerKillPoisonBarrageAndUpgradeWithNothingLostOrDuplicated() throws Exception {
        Path jobs = Path.of(System.getProperty("jobs.dir", "target/jobs"));
        assertThat(jobs.resolve(FaultSuite.JAR)).as("the order-enrichment job jar (copied at package)").exists();

        List<FaultSuite.Result> results = new FaultSuite(jobs, FaultSuite.Plan.shortForm(), System.out::println).run();
        System.out.println(ReliabilityReport.table(results, FaultSuite.Plan.shortForm()));

        assertThat(results).extracting(FaultSuite.Result::fault)
                .containsExactly(Fault.TASKMANAGER_KILL, Fault.POISON_BARRAGE, Fault.UPGRADE);
        for (FaultSuite.Result r : results) {
            Observed.Verdict v = r.verdict();
            assertThat(v.lost()).as("%s: enriched records lost", r.fault()).isZero();
            assertThat(v.duplicates()).as("%s: duplicate committed output", r.fault()).isZero();
            assertThat(v.unexpected()).as("%s: committed output nobody expected", r.fault()).isZero();
            assertThat(v.documentsWrong()).as("%s: documents missing or extra", r.fault()).isZero();
            assertThat(v.documentsStale()).as("%s: documents not at their newest event", r.fault()).isZero();
            assertThat(v.lettersLost()).as("%s: poison pills missing from dlq", r.fault()).isZero();
            assertThat(v.letterDuplicates()).as("%s: poison pills twice in dlq", r.fault()).isZero();
            assertThat(v.unexpectedLetters()).as("%s: good records in dlq", r.fault()).isZero();
            assertThat(v.outputRecords()).isEqualTo(v.eventsIn());
            assertThat(v.deadLetters()).isEqualTo(v.poisonIn());
        }
        FaultSuite.Result kill = results.get(0);
        assertThat(kill.jobFailures()).as("the kill -9 was a real failure of the job").isPositive();
        FaultSuite.Result barrage = results.get(1);
        assertThat(barrage.verdict().poisonIn()).as("the barrage sent every kind of poison")
                .isGreaterThanOrEqualTo(Poison.values().length);
        assertThat(barrage.jobFailures()).as("poison pills never restart the job").isZero();
    }
}
