package io.infometis.streams.reliability.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The short fault suite (CI): the real order-enrichment and fraud-detection jobs, their shaded jars on the real
 * standalone session cluster, survive a kill -9 of their TaskManager, a poison-pill barrage (without a restart)
 * and an upgrade through a savepoint. Enrichment: every expected enriched record exactly once in the committed
 * {@code orders-enriched}, one document per order with its newest event and its customer's profile. Fraud: every
 * due injected scenario alerted exactly once in the committed {@code alerts}, no other alert, one document per
 * alert. Both: every bad record exactly once in the dead-letter topic, no good one there.
 */
class ShortFaultSuiteIT {

    @Test
    void realJobsSurviveTaskManagerKillPoisonBarrageAndUpgradeWithNothingLostOrDuplicated() throws Exception {
        Path jobs = Path.of(System.getProperty("jobs.dir", "target/jobs"));
        assertThat(jobs.resolve(FaultSuite.ENRICHMENT_JAR)).as("the order-enrichment job jar (copied at package)")
                .exists();
        assertThat(jobs.resolve(FaultSuite.FRAUD_JAR)).as("the fraud-detection job jar (copied at package)").exists();

        List<FaultSuite.Result> results = new FaultSuite(jobs, FaultSuite.Plan.shortForm(), System.out::println).run();
        System.out.println(ReliabilityReport.table(results, FaultSuite.Plan.shortForm()));

        assertThat(results).extracting(r -> r.fault() + " " + r.job()).containsExactly(
                "TASKMANAGER_KILL order-enrichment", "TASKMANAGER_KILL fraud-detection",
                "POISON_BARRAGE order-enrichment", "POISON_BARRAGE fraud-detection",
                "UPGRADE order-enrichment", "UPGRADE fraud-detection");
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
            assertThat(v.deadLetters()).isEqualTo(v.poisonIn());
            if (r.job().equals(FaultSuite.ENRICHMENT)) {
                assertThat(v.outputRecords()).isEqualTo(v.eventsIn());
            } else {
                assertThat(v.outputRecords()).as("alerts: at least the due ones").isGreaterThanOrEqualTo(v.eventsIn());
            }
        }
        assertThat(results.get(0).jobFailures()).as("the kill -9 was a real failure of the job").isPositive();
        assertThat(results.get(1).jobFailures()).as("the kill -9 was a real failure of the job").isPositive();
        FaultSuite.Result barrage = results.get(2);
        assertThat(barrage.verdict().poisonIn()).as("the barrage sent every kind of poison")
                .isGreaterThanOrEqualTo(Poison.values().length);
        assertThat(barrage.jobFailures()).as("poison pills never restart the job").isZero();
        assertThat(results.get(3).jobFailures()).as("the generator's bad records never restart the job").isZero();
        FaultSuite.Result lastFraud = results.get(5);
        assertThat(lastFraud.verdict().eventsIn()).as("injected scenarios were due and alerted").isPositive();
        assertThat(lastFraud.verdict().poisonIn()).as("the generator's bad records were sent").isPositive();
    }
}
