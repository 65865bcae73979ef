package io.infometis.streams.fraud.patterns;

import static io.infometis.streams.events.PaymentStatus.AUTHORIZED;
import static io.infometis.streams.events.PaymentStatus.FAILED;
import static io.infometis.streams.events.PaymentStatus.REFUNDED;
import static io.infometis.streams.fraud.support.TestEvents.min;
import static io.infometis.streams.fraud.support.TestEvents.payment;
import static io.infometis.streams.fraud.support.TestEvents.sec;
import static org.assertj.core.api.Assertions.assertThat;

import io.infometis.streams.events.Payment;
import io.infometis.streams.events.Severity;
import io.infometis.streams.fraud.alerts.AlertIds;
import io.infometis.streams.fraud.support.FlinkCluster;
import io.infometis.streams.fraud.support.TestEvents;
import io.infometis.streams.fraud.support.TopologyRun;
import java.util.List;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Card testing on a MiniCluster through the whole topology. */
class CardTestingPatternTest {

    static final InMemoryReporter REPORTER = InMemoryReporter.createWithRetainedMetrics();

    @RegisterExtension
    static final MiniClusterExtension FLINK = FlinkCluster.extension(REPORTER);

    /** Background on another card keeps the watermark moving past the scenario. */
    private static List<Payment> tail(String card) {
        return List.of(payment("tail-1", min(30), card, AUTHORIZED), payment("tail-2", min(40), card, AUTHORIZED));
    }

    private static TopologyRun.Result run(List<Payment> scenario) throws Exception {
        List<Payment> all = new java.util.ArrayList<>(scenario);
        all.addAll(tail("card-background"));
        return new TopologyRun().payments(all).run();
    }

    @Test
    void threeFailuresThenAnAuthorizationOnOneCardRaiseOneAlert() throws Exception {
        TopologyRun.Result result = run(List.of(
                payment("f1", min(0), "card-a", FAILED),
                payment("f2", min(1), "card-a", FAILED),
                payment("f3", min(2), "card-a", FAILED),
                payment("ok", min(3), "card-a", AUTHORIZED)));

        assertThat(result.alerts()).singleElement().satisfies(alert -> {
            assertThat(alert.getRuleId()).isEqualTo(CardTestingPattern.NAME);
            assertThat(alert.getRuleVersion()).isEqualTo(1);
            assertThat(alert.getKey()).isEqualTo("card-a");
            assertThat(alert.getSeverity()).isEqualTo(Severity.HIGH);
            assertThat(alert.getMatchedEventIds()).containsExactly("f1", "f2", "f3", "ok");
            assertThat(alert.getFirstEventTime()).isEqualTo(TestEvents.at(min(0)));
            assertThat(alert.getLastEventTime()).isEqualTo(TestEvents.at(min(3)));
            assertThat(alert.getAlertId()).isEqualTo(
                    AlertIds.forPattern(CardTestingPattern.NAME, "card-a", List.of("f1", "f2", "f3", "ok")));
            assertThat(alert.getSummary()).contains("3 failed payments", "card-a");
        });
    }

    @Test
    void fiveFailuresAreStillOneAlertWithEveryFailure() throws Exception {
        TopologyRun.Result result = run(List.of(
                payment("f1", min(0), "card-a", FAILED),
                payment("f2", min(1), "card-a", FAILED),
                payment("f3", min(2), "card-a", FAILED),
                payment("f4", min(3), "card-a", FAILED),
                payment("f5", min(4), "card-a", FAILED),
                payment("ok", min(5), "card-a", AUTHORIZED)));

        assertThat(result.alerts()).singleElement().satisfies(alert ->
                assertThat(alert.getMatchedEventIds()).containsExactly("f1", "f2", "f3", "f4", "f5", "ok"));
    }

    @Test
    void twoFailuresAreOneShortOfAnAlert() throws Exception {
        TopologyRun.Result result = run(List.of(
                payment("f1", min(0), "card-a", FAILED),
                payment("f2", min(1), "card-a", FAILED),
                payment("ok", min(3), "card-a", AUTHORIZED)));

        assertThat(result.alerts()).isEmpty();
    }

    @Test
    void aRunLongerThanTheWindowRaisesNoAlert() throws Exception {
        TopologyRun.Result result = run(List.of(
                payment("f1", min(0), "card-a", FAILED),
                payment("f2", min(4), "card-a", FAILED),
                payment("f3", min(8), "card-a", FAILED),
                payment("ok", min(10).plusSeconds(1), "card-a", AUTHORIZED)));

        assertThat(result.alerts()).isEmpty();
    }

    @Test
    void theAuthorizationOnAnotherCardRaisesNoAlert() throws Exception {
        TopologyRun.Result result = run(List.of(
                payment("f1", min(0), "card-a", FAILED),
                payment("f2", min(1), "card-a", FAILED),
                payment("f3", min(2), "card-a", FAILED),
                payment("ok", min(3), "card-b", AUTHORIZED)));

        assertThat(result.alerts()).isEmpty();
    }

    @Test
    void anAuthorizationBetweenTheFailuresBreaksTheRunButARefundDoesNot() throws Exception {
        TopologyRun.Result broken = run(List.of(
                payment("f1", min(0), "card-a", FAILED),
                payment("f2", min(1), "card-a", FAILED),
                payment("mid", min(2), "card-a", AUTHORIZED),
                payment("f3", min(3), "card-a", FAILED),
                payment("ok", min(4), "card-a", AUTHORIZED)));
        TopologyRun.Result refunded = run(List.of(
                payment("f1", min(0), "card-a", FAILED),
                payment("f2", min(1), "card-a", FAILED),
                payment("refund", min(2), "card-a", REFUNDED),
                payment("f3", min(3), "card-a", FAILED),
                payment("ok", min(4), "card-a", AUTHORIZED)));

        assertThat(broken.alerts()).isEmpty();
        assertThat(refunded.alerts()).singleElement().satisfies(alert ->
                assertThat(alert.getMatchedEventIds()).containsExactly("f1", "f2", "f3", "ok"));
    }

    @Test
    void outOfOrderEventsWithinTheWatermarkBoundStillMatch() throws Exception {
        // Sent in the wrong order, each at most 4 s (< the 5 s bound) behind the newest one seen.
        TopologyRun.Result result = run(List.of(
                payment("f2", sec(2), "card-a", FAILED),
                payment("f1", sec(0), "card-a", FAILED),
                payment("ok", sec(5), "card-a", AUTHORIZED),
                payment("f3", sec(3), "card-a", FAILED)));

        assertThat(result.alerts()).singleElement().satisfies(alert ->
                assertThat(alert.getMatchedEventIds()).containsExactly("f1", "f2", "f3", "ok"));
        assertThat(result.lateEvents()).isEmpty();
    }

    @Test
    void aFailureLaterThanTheWatermarkBoundIsCountedAndDeadLetteredNotMatched() throws Exception {
        TopologyRun.Result result = run(List.of(
                payment("f1", sec(0), "card-a", FAILED),
                payment("f2", sec(10), "card-a", FAILED),
                payment("other", min(2), "card-z", REFUNDED),
                payment("f3", sec(20), "card-a", FAILED), // 100 s behind: beyond the 5 s bound
                payment("ok", min(3), "card-a", AUTHORIZED)));

        assertThat(result.alerts()).isEmpty();
        assertThat(result.lateEvents()).singleElement().satisfies(letter -> {
            assertThat(letter.reason).startsWith("late event");
            assertThat(letter.sourceTopic).isEqualTo("payments");
            assertThat(new String(letter.key)).isEqualTo("pay-f3");
            assertThat(new String(letter.value)).contains("\"event_id\":\"f3\"");
        });
        assertThat(FlinkCluster.counter(REPORTER, result.job().getJobID(), "lateEvents")).isEqualTo(1);
    }
}
