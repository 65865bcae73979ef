package io.infometis.streams.bench.micro;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The rule-window benchmark measures real window work: payments make hits, windows open and close (timers fire and
 * state is dropped, so state and timers stay bounded as the replay goes on), and the high thresholds keep alerts rare.
 */
class RuleWindowBenchmarkTest {

    @Test
    void hitsOpenWindowsThatCloseAgainSoStateAndTimersStayBounded() throws Exception {
        RuleWindowBenchmark benchmark = new RuleWindowBenchmark();
        benchmark.rules = 10;
        benchmark.setUp(); // primes with one replay
        try {
            long hitsAfterOneReplay = benchmark.hits();
            long keysAfterOneReplay = benchmark.keysWithWindows();
            int timersAfterOneReplay = benchmark.timers();
            assertThat(hitsAfterOneReplay).as("every payment counts in 3 or 4 of the 10 rules' 4 shapes")
                    .isGreaterThanOrEqualTo(3L * RuleWindowBenchmark.PAYMENTS);
            assertThat(keysAfterOneReplay).isPositive();
            assertThat(timersAfterOneReplay).as("one timer per key with open windows").isPositive();

            benchmark.prime();
            benchmark.prime();
            assertThat(benchmark.hits()).isGreaterThanOrEqualTo(3 * hitsAfterOneReplay);
            assertThat(benchmark.keysWithWindows()).isLessThan(keysAfterOneReplay * 2);
            assertThat(benchmark.timers()).isLessThan(timersAfterOneReplay * 2);
            // Per user or card the thresholds are out of reach; a whole currency's count does cross some of them.
            assertThat(benchmark.alerts()).as("alerts stay rare").isLessThan(RuleWindowBenchmark.PAYMENTS / 100);

            benchmark.ruleWindowsPerPayment();
        } finally {
            benchmark.tearDown();
        }
    }
}
