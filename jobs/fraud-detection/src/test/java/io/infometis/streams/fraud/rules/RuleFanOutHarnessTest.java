package io.infometis.streams.fraud.rules;

import static io.infometis.streams.events.PaymentStatus.AUTHORIZED;
import static io.infometis.streams.events.PaymentStatus.FAILED;
import static io.infometis.streams.fraud.support.TestEvents.min;
import static io.infometis.streams.fraud.support.TestEvents.payment;
import static org.assertj.core.api.Assertions.assertThat;

import io.infometis.streams.events.Payment;
import io.infometis.streams.events.PaymentStatus;
import io.infometis.streams.fraud.events.EventAccess;
import io.infometis.streams.fraud.support.Rules;
import java.util.Arrays;
import java.util.List;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithNonKeyedOperator;
import org.apache.flink.streaming.util.BroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Which events become hits of which window shapes and families, in arrival order against broadcast rules, on the
 * test harness: one hit per event and shape, listing the families it counts in, however many rules share them.
 */
class RuleFanOutHarnessTest {

    private BroadcastOperatorTestHarness<Payment, RuleChange, RuleHit> harness;

    @BeforeEach
    void open() throws Exception {
        harness = ProcessFunctionTestHarnesses.forBroadcastProcessFunction(
                new RuleFanOut<>(RuleStream.PAYMENTS, EventAccess.PAYMENTS), RuleBroadcast.RULES);
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    private void rule(String id, int version, boolean enabled) throws Exception {
        rule(id, version, enabled, "2 min");
    }

    private void rule(String id, int version, boolean enabled, String windowSize) throws Exception {
        harness.processBroadcastElement(RuleChange.upsert(id, version,
                Rules.failedPaymentsPerUser(id, version, enabled, 5, windowSize, "1 min")), 0);
    }

    private static Rule failedPaymentsRule(String id, String windowSize) throws Exception {
        return RuleParser.parse(id, Rules.failedPaymentsPerUser(id, 1, true, 5, windowSize, "1 min"));
    }

    private static long familyOf(String id, String windowSize) throws Exception {
        return WindowFamily.id(failedPaymentsRule(id, windowSize));
    }

    /** Another family of r1's shape: the sum of every payment's amount per user in 2 min windows by 1 min. */
    private static final String AMOUNT_PER_USER = """
            {"id": "amount", "version": 1, "stream": "payments", "group_by": "user_id",
             "aggregate": {"function": "sum", "field": "amount"}, "window": {"size": "2 min", "slide": "1 min"},
             "threshold": {"comparison": ">", "value": 1000}, "severity": "LOW"}
            """;

    private void pay(String id, PaymentStatus status, String user) throws Exception {
        Payment p = payment(id, min(1), "card-" + id, status, 100, user);
        harness.processElement(p, p.getEventTime().toEpochMilli());
    }

    @Test
    void eventsBeforeARuleArrivesAreNotItsHitsAndEventsAfterAre() throws Exception {
        pay("before", FAILED, "u1");
        rule("r1", 1, true);
        pay("after", FAILED, "u1");

        assertThat(harness.extractOutputValues()).singleElement().satisfies(hit -> {
            assertThat(hit.eventId).isEqualTo("after");
            assertThat(hit.shape).isEqualTo(WindowShape.id(failedPaymentsRule("r1", "2 min")));
            assertThat(hit.families).containsExactly(familyOf("r1", "2 min"));
            assertThat(hit.values).containsExactly(1.0);
            assertThat(hit.groupValue()).isEqualTo("u1");
            assertThat(hit.windowSizeMillis).isEqualTo(120_000);
            assertThat(hit.slideMillis).isEqualTo(60_000);
            assertThat(hit.evaluationKey()).isEqualTo(RuleHit.key(hit.shape, "u1"));
        });
    }

    @Test
    void onlyEventsPassingTheFilterAreHitsAndRulesSharingAWindowShapeShareOneHit() throws Exception {
        rule("r1", 1, true);
        rule("r2", 1, true);            // same filter, grouping and window as r1: the same family
        rule("r3", 1, true, "3 min");   // another window size: a family of its own
        pay("ok", AUTHORIZED, "u1");
        pay("failed", FAILED, "u1");

        // r3's window differs, so it is another shape too: two hits, one family each.
        assertThat(harness.extractOutputValues()).extracting(h -> Arrays.toString(h.families) + "/" + h.eventId)
                .containsExactlyInAnyOrder("[" + familyOf("r1", "2 min") + "]/failed",
                        "[" + familyOf("r3", "3 min") + "]/failed");
        assertThat(familyOf("r1", "2 min")).isEqualTo(familyOf("r2", "2 min"));
    }

    @Test
    void familiesOfOneShapeShareOneHitCarryingEachFamilysInput() throws Exception {
        rule("r1", 1, true);                                           // count of failed payments per user
        harness.processBroadcastElement(RuleChange.upsert("amount", 1, AMOUNT_PER_USER), 0); // sum of all amounts
        pay("failed", FAILED, "u1");
        pay("ok", AUTHORIZED, "u1");

        long counted = familyOf("r1", "2 min");
        long summed = WindowFamily.id(RuleParser.parse("amount", AMOUNT_PER_USER));
        List<RuleHit> hits = harness.extractOutputValues();
        assertThat(hits).extracting(h -> h.eventId).containsExactly("failed", "ok");
        assertThat(hits).extracting(h -> h.key).containsOnly(RuleHit.key(hits.get(0).shape, "u1"));
        // Families in id order, each with its own input: 1 for the count, the amount for the sum.
        RuleHit failed = hits.get(0);
        assertThat(failed.families).containsExactly(Math.min(counted, summed), Math.max(counted, summed));
        assertThat(failed.values).containsExactly(counted < summed ? new double[] {1, 100} : new double[] {100, 1});
        assertThat(hits.get(1).families).containsExactly(summed);
        assertThat(hits.get(1).values).containsExactly(100.0);
    }

    @Test
    void aDisabledUpdatedOrDeletedRuleStopsProducingHits() throws Exception {
        rule("r1", 1, true);
        rule("r1", 2, false);
        pay("disabled", FAILED, "u1");
        rule("r1", 3, true);
        pay("enabled-again", FAILED, "u1");
        harness.processBroadcastElement(RuleChange.delete("r1"), 0);
        pay("deleted", FAILED, "u1");

        assertThat(harness.extractOutputValues()).extracting(h -> h.eventId).containsExactly("enabled-again");
    }

    @Test
    void rulesOfAnotherStreamAreIgnored() throws Exception {
        harness.processBroadcastElement(RuleChange.upsert("orders-rule", 1, """
                {"id": "orders-rule", "version": 1, "stream": "orders", "group_by": "user_id",
                 "aggregate": {"function": "count"}, "window": {"size": "1 min"},
                 "threshold": {"comparison": ">", "value": 0}, "severity": "LOW"}
                """), 0);
        pay("p", FAILED, "u1");

        assertThat(harness.extractOutputValues()).isEmpty();
    }

    @Test
    void theRulesSurviveASnapshotAndRestore() throws Exception {
        rule("r1", 1, true);
        var snapshot = harness.snapshot(1, 1);
        harness.close();

        harness = new BroadcastOperatorTestHarness<>(new CoBroadcastWithNonKeyedOperator<>(
                new RuleFanOut<>(RuleStream.PAYMENTS, EventAccess.PAYMENTS), List.of(RuleBroadcast.RULES)), 1, 1, 0);
        harness.initializeState(snapshot);
        harness.open();
        pay("after-restore", FAILED, "u1");

        assertThat(harness.extractOutputValues()).extracting(h -> h.eventId).containsExactly("after-restore");
    }

}
