package io.infometis.streams.reliability.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The short fault suite (CI): the three real jobs, their shaded jars on the real standalone session cluster,
 * survive a kill -9 of their TaskManager, a poison-pill barrage (without a restart) and an upgrade through a
 * savepoint. Enrichment: every expected enriched record exactly once in the committed {@code orders-enriched}, one
 * document per order with its newest event and its customer's profile. Fraud: every due injected scenario
 * alerted exactly once in the committed {@code alerts}, no other alert, one document per alert. Metrics: every
 * due window's metrics once with the figures recomputed from the generator's records, one document each with
 * the newest figures. All: every bad record exactly once in the job's dead-letter topic, no good one there.
 */
class ShortFaultSuiteIT {

    @Test
    void realJobsSurviveTaskManagerKillPoisonBarrageAndUpgradeWithNothingLostOrDuplicated() throws Exception {
        Path jobs = Path.of(System.getProperty("jobs.dir", "target/jobs"));
        assertThat(jobs.resolve(FaultSuite.ENRICHMENT_JAR)).as("the order-enrichment job jar (copied at package)")
                .exists();
        assertThat(jobs.resolve(FaultSuite.FRAUD_JAR)).as("the fraud-detection job jar (copied at package)").exists();
        assertThat(jobs.resolve(FaultSuite.METRICS_JAR)).as("the commerce-metrics job jar (copied at package)")
                .exists();

        JobBuilds sameBuild = JobBuilds.sameBuild(jobs, "this build");
        List<FaultSuite.Result> results = new FaultSuite(sameBuild, FaultSuite.Plan.shortForm(), System.out::println)
                .run();
        System.out.println(ReliabilityReport.table(results, FaultSuite.Plan.shortForm(), sameBuild));

        List<String> jobNames = List.of(FaultSuite.ENRICHMENT, FaultSuite.FRAUD, FaultSuite.METRICS);
        assertThat(results).extracting(r -> r.fault() + " " + r.job()).containsExactlyElementsOf(
                List.of(Fault.TASKMANAGER_KILL, Fault.POISON_BARRAGE, Fault.UPGRADE).stream()
                        .flatMap(f -> jobNames.stream().map(j -> f + " " + j)).toList());
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
            assertThat(r.failure()).as("%s %s could not run on", r.fault(), r.job()).isEmpty();
            assertThat(v.deadLetters()).isEqualTo(v.poisonIn());
            if (r.job().equals(FaultSuite.ENRICHMENT)) {
                assertThat(v.outputRecords()).isEqualTo(v.eventsIn());
            } else {
                assertThat(v.outputRecords()).as("%s: at least the due output", r.job())
                        .isGreaterThanOrEqualTo(v.eventsIn());
            }
        }
        for (int j = 0; j < jobNames.size(); j++) {
            assertThat(results.get(j).jobFailures()).as("the kill -9 was a real failure of %s", jobNames.get(j))
                    .isPositive();
            assertThat(results.get(3 + j).jobFailures()).as("bad records never restart %s", jobNames.get(j))
                    .isZero();
            FaultSuite.Result last = results.get(6 + j);
            assertThat(last.verdict().eventsIn()).as("%s had due output to check", jobNames.get(j)).isPositive();
            assertThat(last.verdict().poisonIn()).as("%s was sent bad records", jobNames.get(j)).isPositive();
        }
        assertThat(results.get(3).verdict().poisonIn()).as("the barrage sent every kind of poison")
                .isGreaterThanOrEqualTo(Poison.values().length);
    }
}
