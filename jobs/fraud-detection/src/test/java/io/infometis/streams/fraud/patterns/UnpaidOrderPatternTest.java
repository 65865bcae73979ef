package io.infometis.streams.fraud.patterns;

import static io.infometis.streams.events.OrderStatus.CREATED;
import static io.infometis.streams.events.OrderStatus.PAID;
import static io.infometis.streams.events.OrderStatus.SHIPPED;
import static io.infometis.streams.fraud.support.TestEvents.min;
import static io.infometis.streams.fraud.support.TestEvents.order;
import static io.infometis.streams.fraud.support.TestEvents.sec;
import static org.assertj.core.api.Assertions.assertThat;

import io.infometis.streams.events.Order;
import io.infometis.streams.events.Severity;
import io.infometis.streams.fraud.support.FlinkCluster;
import io.infometis.streams.fraud.support.TestEvents;
import io.infometis.streams.fraud.support.TopologyRun;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Unpaid order (timed-out partial matches) on a MiniCluster through the whole topology. */
class UnpaidOrderPatternTest {

    static final InMemoryReporter REPORTER = InMemoryReporter.createWithRetainedMetrics();

    @RegisterExtension
    static final MiniClusterExtension FLINK = FlinkCluster.extension(REPORTER);

    /** A paid background order 1 h later moves the watermark past every timeout before the input ends. */
    private static TopologyRun.Result run(List<Order> scenario) throws Exception {
        List<Order> all = new ArrayList<>(scenario);
        all.add(order("tail-c", min(60), "order-bg", "user-bg", CREATED, 10));
        all.add(order("tail-p", min(61), "order-bg", "user-bg", PAID, 10));
        return new TopologyRun().orders(all).run();
    }

    @Test
    void anOrderNotPaidWithinTheTimeoutRaisesOneAlert() throws Exception {
        TopologyRun.Result result = run(List.of(
                order("created", min(0), "order-1", "user-1", CREATED, 4_200),
                order("shipped", min(5), "order-1", "user-1", SHIPPED, 4_200)));

        assertThat(result.alerts()).singleElement().satisfies(alert -> {
            assertThat(alert.getRuleId()).isEqualTo(UnpaidOrderPattern.NAME);
            assertThat(alert.getKey()).isEqualTo("order-1");
            assertThat(alert.getSeverity()).isEqualTo(Severity.MEDIUM);
            assertThat(alert.getMatchedEventIds()).containsExactly("created");
            assertThat(alert.getFirstEventTime()).isEqualTo(TestEvents.at(min(0)));
            assertThat(alert.getSummary()).contains("order-1", "not paid within 15 min");
        });
    }

    @Test
    void anOrderPaidInTimeRaisesNoAlert() throws Exception {
        TopologyRun.Result result = run(List.of(
                order("created", min(0), "order-1", "user-1", CREATED, 4_200),
                order("paid", min(14), "order-1", "user-1", PAID, 4_200)));

        assertThat(result.alerts()).isEmpty();
    }

    @Test
    void anOrderPaidAfterTheTimeoutIsStillReported() throws Exception {
        TopologyRun.Result result = run(List.of(
                order("created", min(0), "order-1", "user-1", CREATED, 4_200),
                order("paid", min(16), "order-1", "user-1", PAID, 4_200)));

        assertThat(result.alerts()).singleElement()
                .satisfies(alert -> assertThat(alert.getKey()).isEqualTo("order-1"));
    }

    @Test
    void thePaymentOfAnotherOrderDoesNotCount() throws Exception {
        TopologyRun.Result result = run(List.of(
                order("created", min(0), "order-1", "user-1", CREATED, 4_200),
                order("paid-2", min(3), "order-2", "user-1", PAID, 4_200)));

        assertThat(result.alerts()).singleElement()
                .satisfies(alert -> assertThat(alert.getKey()).isEqualTo("order-1"));
    }

    @Test
    void aPaymentDeliveredOutOfOrderWithinTheBoundStillCounts() throws Exception {
        // PAID arrives before CREATED (3 s apart, bound 5 s): CEP sorts by event time, so the order is paid.
        TopologyRun.Result result = run(List.of(
                order("paid", sec(63), "order-1", "user-1", PAID, 4_200),
                order("created", sec(60), "order-1", "user-1", CREATED, 4_200)));

        assertThat(result.alerts()).isEmpty();
        assertThat(result.lateEvents()).isEmpty();
    }

    @Test
    void aPaymentLaterThanTheBoundIsCountedAndDeadLetteredAndTheOrderReported() throws Exception {
        TopologyRun.Result result = run(List.of(
                order("created", min(0), "order-1", "user-1", CREATED, 4_200),
                order("other", min(10), "order-7", "user-7", PAID, 10),
                order("paid", min(2), "order-1", "user-1", PAID, 4_200))); // 8 min behind

        assertThat(result.alerts()).extracting(a -> a.getKey()).containsExactly("order-1");
        assertThat(result.lateEvents()).singleElement().satisfies(letter -> {
            assertThat(letter.reason).startsWith("late event");
            assertThat(new String(letter.key)).isEqualTo("order-1");
        });
        assertThat(FlinkCluster.counter(REPORTER, result.job().getJobID(), "lateEvents")).isEqualTo(1);
    }
}
