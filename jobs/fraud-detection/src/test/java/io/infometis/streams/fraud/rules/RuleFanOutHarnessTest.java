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
import java.util.List;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithNonKeyedOperator;
import org.apache.flink.streaming.util.BroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Which events become hits of which rules, in arrival order against broadcast rules, on the test harness. */
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
        harness.processBroadcastElement(RuleChange.upsert(id, version,
                Rules.failedPaymentsPerUser(id, version, enabled, 5, "2 min", "1 min")), 0);
    }

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
            assertThat(hit.ruleId).isEqualTo("r1");
            assertThat(hit.ruleVersion).isEqualTo(1);
            assertThat(hit.groupValue).isEqualTo("u1");
            assertThat(hit.value).isEqualTo(1.0);
            assertThat(hit.windowSizeMillis).isEqualTo(120_000);
            assertThat(hit.slideMillis).isEqualTo(60_000);
            assertThat(hit.evaluationKey()).isEqualTo(RuleHit.key("r1", "u1"));
        });
    }

    @Test
    void onlyEventsPassingTheFilterAreHitsAndEachMatchingRuleGetsOne() throws Exception {
        rule("r1", 1, true);
        rule("r2", 1, true);
        pay("ok", AUTHORIZED, "u1");
        pay("failed", FAILED, "u1");

        assertThat(harness.extractOutputValues()).extracting(h -> h.ruleId + "/" + h.eventId)
                .containsExactlyInAnyOrder("r1/failed", "r2/failed");
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

        assertThat(harness.extractOutputValues()).extracting(h -> h.eventId + "@v" + h.ruleVersion)
                .containsExactly("enabled-again@v3");
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
