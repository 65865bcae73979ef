package io.infometis.streams.fraud.rules;

import static io.infometis.streams.fraud.support.TestEvents.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.infometis.streams.events.Alert;
import io.infometis.streams.events.Severity;
import io.infometis.streams.fraud.alerts.AlertIds;
import io.infometis.streams.fraud.support.Rules;
import java.time.Instant;
import org.apache.flink.api.common.typeinfo.Types;
import java.util.List;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Sliding windows per (window family, group value) from slide-long buckets and event-time timers, with rules
 * changing in between, on the keyed broadcast operator test harness. Rule r1: count of failed payments per user > 5
 * in 2 min windows sliding by 1 min; other rules of the same shape share its family and buckets.
 */
class RuleWindowEvaluatorHarnessTest {

    private static final long MINUTE = 60_000;
    private static final long BASE = T0.toEpochMilli();

    private KeyedBroadcastOperatorTestHarness<String, RuleHit, RuleChange, Alert> harness;

    @BeforeEach
    void open() throws Exception {
        harness = newHarness();
    }

    private static KeyedBroadcastOperatorTestHarness<String, RuleHit, RuleChange, Alert> newHarness() throws Exception {
        return ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(new RuleWindowEvaluator(3),
                RuleHit::evaluationKey, Types.STRING, RuleBroadcast.RULES, RuleBroadcast.ACTIVATIONS);
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    private static final Rule R1 = parse("r1", Rules.failedPaymentsPerUser("r1", 1, true, 5, "2 min", "1 min"));
    private static final long FAMILY = WindowFamily.id(R1);
    private static final long SHAPE = WindowShape.id(R1);

    /** Another family of r1's shape: the sum of every payment's amount per user, {@code > 600}. */
    private static final String AMOUNT_PER_USER = """
            {"id": "amount", "version": 1, "stream": "payments", "group_by": "user_id",
             "aggregate": {"function": "sum", "field": "amount"}, "window": {"size": "2 min", "slide": "1 min"},
             "threshold": {"comparison": ">", "value": 600}, "severity": "LOW"}
            """;
    private static final long AMOUNT_FAMILY = WindowFamily.id(parse("amount", AMOUNT_PER_USER));

    private static Rule parse(String id, String json) {
        try {
            return RuleParser.parse(id, json);
        } catch (InvalidRuleException e) {
            throw new IllegalStateException(e);
        }
    }

    private void rule(int version, boolean enabled, int threshold) throws Exception {
        rule("r1", version, enabled, threshold);
    }

    private void rule(String id, int version, boolean enabled, int threshold) throws Exception {
        harness.processBroadcastElement(RuleChange.upsert(id, version,
                Rules.failedPaymentsPerUser(id, version, enabled, threshold, "2 min", "1 min")), 0);
    }

    private void hits(String user, long atMillis, int count) throws Exception {
        for (int i = 0; i < count; i++) {
            RuleHit hit = RuleHit.of(SHAPE, user, new long[] {FAMILY}, new double[] {1},
                    user + "-" + atMillis + "-" + i, BASE + atMillis + i, 2 * MINUTE, MINUTE);
            harness.processElement(hit, hit.eventTime);
        }
    }

    private void watermark(long atMillis) throws Exception {
        harness.watermark(BASE + atMillis);
    }

    @Test
    void aWindowAboveTheThresholdAlertsOnceWhenItCloses() throws Exception {
        rule(1, true, 5);
        hits("u1", 10_000, 6);
        watermark(MINUTE - 2);
        assertThat(harness.extractOutputValues()).isEmpty();

        watermark(10 * MINUTE);
        assertThat(harness.extractOutputValues()).singleElement().satisfies(alert -> {
            assertThat(alert.getRuleId()).isEqualTo("r1");
            assertThat(alert.getRuleVersion()).isEqualTo(1);
            assertThat(alert.getKey()).isEqualTo("u1");
            assertThat(alert.getSeverity()).isEqualTo(Severity.HIGH);
            assertThat(alert.getMatchedEventIds()).as("capped at max event ids").hasSize(3);
            assertThat(alert.getFirstEventTime()).isEqualTo(Instant.ofEpochMilli(BASE + 10_000));
            assertThat(alert.getLastEventTime()).isEqualTo(Instant.ofEpochMilli(BASE + 10_005));
            // The first window holding them: [-1 min, +1 min), closed by the watermark at +1 min.
            assertThat(alert.getAlertId()).isEqualTo(AlertIds.forRuleWindow("r1", 1, "u1", BASE - MINUTE, BASE + MINUTE));
            assertThat(alert.getSummary()).contains("count = 6 > 5", "user_id=u1");
        });
    }

    @Test
    void hitsSpreadOverTwoSlidesAddUpInTheWindowThatHoldsBoth() throws Exception {
        rule(1, true, 5);
        hits("u1", 30_000, 3);
        hits("u1", MINUTE + 30_000, 3);
        watermark(10 * MINUTE);

        assertThat(harness.extractOutputValues()).singleElement().satisfies(alert -> assertThat(alert.getAlertId())
                .isEqualTo(AlertIds.forRuleWindow("r1", 1, "u1", BASE, BASE + 2 * MINUTE)));
    }

    @Test
    void atOrBelowTheThresholdOrInAnotherGroupThereIsNoAlert() throws Exception {
        rule(1, true, 5);
        hits("u1", 10_000, 5);
        hits("u2", 10_000, 1);
        watermark(10 * MINUTE);

        assertThat(harness.extractOutputValues()).isEmpty();
    }

    @Test
    void aRuleDisabledBeforeItsWindowClosesDoesNotFireAndItsStateIsCleared() throws Exception {
        rule(1, true, 5);
        hits("u1", 10_000, 6);
        rule(2, false, 5);
        watermark(10 * MINUTE);

        assertThat(harness.extractOutputValues()).isEmpty();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void aNewVersionStartsFromNothingAndItsAlertsCarryTheNewVersion() throws Exception {
        rule(1, true, 5);
        hits("u1", 10_000, 4);
        watermark(MINUTE);                 // [-1, +1 min) closes: 4, no breach
        rule(2, true, 2);                  // counts the slides from +1 min on
        hits("u1", MINUTE + 20_000, 3);
        watermark(10 * MINUTE);

        assertThat(harness.extractOutputValues()).singleElement().satisfies(alert -> {
            assertThat(alert.getRuleVersion()).isEqualTo(2);
            assertThat(alert.getSummary()).contains("count = 3 > 2");
            assertThat(alert.getMatchedEventIds()).allMatch(id -> id.startsWith("u1-" + (MINUTE + 20_000)));
        });
    }

    @Test
    void rulesOfOneFamilyShareItsWindowsAndEachAlertsOnItsOwnThreshold() throws Exception {
        rule("r1", 1, true, 5);
        rule("r2", 1, true, 3);
        hits("u1", 10_000, 4);
        watermark(10 * MINUTE);

        assertThat(harness.extractOutputValues()).singleElement().satisfies(alert -> {
            assertThat(alert.getRuleId()).isEqualTo("r2");
            assertThat(alert.getSummary()).contains("count = 4 > 3");
        });
    }

    @Test
    void familiesOfOneShapeShareTheKeyButEachRuleSeesOnlyItsFamilysAggregate() throws Exception {
        rule("r1", 1, true, 5);                                           // count of failed payments > 5
        harness.processBroadcastElement(RuleChange.upsert("amount", 1, AMOUNT_PER_USER), 0); // sum of amounts > 600
        for (int i = 0; i < 7; i++) {
            boolean failed = i < 4;                                       // 4 failed, 3 authorized payments
            long[] families = failed ? new long[] {FAMILY, AMOUNT_FAMILY} : new long[] {AMOUNT_FAMILY};
            double[] values = failed ? new double[] {1, 100} : new double[] {100};
            RuleHit hit = RuleHit.of(SHAPE, "u1", families, values, "p" + i, BASE + 10_000 + i, 2 * MINUTE, MINUTE);
            harness.processElement(hit, hit.eventTime);
        }
        watermark(10 * MINUTE);

        // r1 counts its own 4 (not the 7 hits of the key): no alert; the sum sees all 7 payments.
        assertThat(harness.extractOutputValues()).singleElement().satisfies(alert -> {
            assertThat(alert.getRuleId()).isEqualTo("amount");
            assertThat(alert.getSummary()).contains("sum(amount) = 700 > 600", "over 7 payments events");
            assertThat(alert.getMatchedEventIds()).containsExactly("p0", "p1", "p2");
            assertThat(alert.getLastEventTime()).isEqualTo(Instant.ofEpochMilli(BASE + 10_006));
        });
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void aRuleJoiningAFamilyLaterCountsOnlyTheSlidesThatBeginAfterIt() throws Exception {
        rule("r1", 1, true, 5);
        hits("u1", 10_000, 4);
        watermark(MINUTE);
        rule("r2", 1, true, 3);            // same family, arrives when event time is at +1 min
        hits("u1", MINUTE + 10_000, 2);
        watermark(10 * MINUTE);

        // r1 saw all six in [0, 2 min); r2 only the two of [1 min, 2 min): not above 3.
        assertThat(harness.extractOutputValues()).singleElement().satisfies(alert -> {
            assertThat(alert.getRuleId()).isEqualTo("r1");
            assertThat(alert.getSummary()).contains("count = 6 > 5");
        });
    }

    @Test
    void everyWindowHoldingABucketIsEvaluatedAcrossGapsAndOnlyOnce() throws Exception {
        rule(1, true, 1);
        hits("u1", 10_000, 1);             // windows ending +1, +2 min
        watermark(90_000);                 // +1 min closed (1: no breach)
        hits("u1", MINUTE + 40_000, 1);    // a bucket joining the still open +2 min window: 2, a breach
        hits("u1", 5 * MINUTE, 2);         // after a gap: windows ending +6 (a new episode) and +7 min
        watermark(30 * MINUTE);

        // Evaluated twice, the +2 min window would alert twice (its own end is not the previous slide's).
        assertThat(harness.extractOutputValues())
                .extracting(a -> a.getAlertId())
                .containsExactly(AlertIds.forRuleWindow("r1", 1, "u1", BASE, BASE + 2 * MINUTE),
                        AlertIds.forRuleWindow("r1", 1, "u1", BASE + 4 * MINUTE, BASE + 6 * MINUTE));
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void consecutiveBreachingWindowsAreOneEpisodeAndAGapStartsANewOne() throws Exception {
        rule(1, true, 1);
        hits("u1", 10_000, 2);          // windows ending +1 and +2 min breach: one episode
        hits("u1", 10 * MINUTE, 2);     // far later: a second episode
        watermark(30 * MINUTE);

        assertThat(harness.extractOutputValues()).extracting(a -> a.getFirstEventTime().toEpochMilli() - BASE)
                .containsExactly(10_000L, 10 * MINUTE);
    }

    @Test
    void noTimerIsLeftOnceEveryWindowOfAKeyClosed() throws Exception {
        rule(1, true, 100);
        hits("u1", 10_000, 2);
        hits("u2", 10_000, 1);
        hits("u2", 3 * MINUTE, 1);
        assertThat(harness.numEventTimeTimers()).as("one per key, at its next window end").isEqualTo(2);

        watermark(10 * MINUTE);
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void openWindowsSurviveASnapshotAndRestore() throws Exception {
        rule(1, true, 5);
        hits("u1", 10_000, 3);
        var snapshot = harness.snapshot(1, 1);
        harness.close();

        harness = new KeyedBroadcastOperatorTestHarness<>(new CoBroadcastWithKeyedOperator<>(
                new RuleWindowEvaluator(3), List.of(RuleBroadcast.RULES, RuleBroadcast.ACTIVATIONS)), RuleHit::evaluationKey, Types.STRING, 1, 1, 0);
        harness.initializeState(snapshot);
        harness.open();
        hits("u1", 20_000, 3);
        watermark(10 * MINUTE);

        assertThat(harness.extractOutputValues()).singleElement()
                .satisfies(alert -> assertThat(alert.getSummary()).contains("count = 6"));
    }

}
