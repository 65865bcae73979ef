package io.infometis.streams.bench.micro;

import static org.assertj.core.api.Assertions.assertThat;

import io.infometis.streams.events.Payment;
import io.infometis.streams.fraud.patterns.UserActivity;
import org.junit.jupiter.api.Test;

/**
 * The CEP benchmark measures real pattern work: its setup and invocations make the job's operators emit alerts for
 * the fraud sequences woven into the mix, and the keyed state stays bounded as the replay goes on.
 */
class CepPatternBenchmarkTest {

    private static final int RUNS_PER_REPLAY = CepEventMixes.EVENTS / CepEventMixes.SEQUENCE_EVERY;

    @Test
    void cardTestingAlertsOnTheWovenInRunsAndItsStateStaysBounded() throws Exception {
        Payment[] payments = CepEventMixes.payments(23);
        try (CepOperatorRun<String, Payment> run = CepPatternBenchmark.cardTesting(payments)) {
            CepPatternBenchmark.prime(run);
            long afterOneReplay = run.alerts();
            int stateAfterOneReplay = run.keyedStateEntries();
            assertThat(afterOneReplay).isGreaterThanOrEqualTo(RUNS_PER_REPLAY);

            CepPatternBenchmark.prime(run);
            CepPatternBenchmark.prime(run);
            assertThat(run.alerts() - afterOneReplay).isGreaterThanOrEqualTo(2L * RUNS_PER_REPLAY);
            assertThat(run.keyedStateEntries()).isLessThan(stateAfterOneReplay * 2);
        }
    }

    @Test
    void accountTakeoverAlertsOnTheWovenInTakeoversAndItsStateStaysBounded() throws Exception {
        UserActivity[] activity = CepEventMixes.userActivity(29);
        try (CepOperatorRun<String, UserActivity> run = CepPatternBenchmark.accountTakeover(activity)) {
            CepPatternBenchmark.prime(run);
            long afterOneReplay = run.alerts();
            int stateAfterOneReplay = run.keyedStateEntries();
            assertThat(afterOneReplay).isGreaterThanOrEqualTo(RUNS_PER_REPLAY);

            CepPatternBenchmark.prime(run);
            CepPatternBenchmark.prime(run);
            assertThat(run.alerts() - afterOneReplay).isGreaterThanOrEqualTo(2L * RUNS_PER_REPLAY);
            assertThat(run.keyedStateEntries()).isLessThan(stateAfterOneReplay * 2);
        }
    }

    @Test
    void aFewBenchmarkInvocationsAfterSetupRunWithoutError() throws Exception {
        CepPatternBenchmark benchmark = new CepPatternBenchmark();
        CepPatternBenchmark.CardTesting cards = new CepPatternBenchmark.CardTesting();
        cards.setUp();
        long primed = cards.run.alerts();
        for (int i = 0; i < CepEventMixes.SEQUENCE_EVERY * 2; i++) {
            benchmark.cardTestingPerPayment(cards);
        }
        assertThat(cards.run.alerts()).isGreaterThan(primed);
        cards.tearDown();
    }
}
