package io.infometis.streams.enrichment.order;

import static io.infometis.streams.enrichment.TestEvents.order;
import static io.infometis.streams.enrichment.TestEvents.payment;
import static org.assertj.core.api.Assertions.assertThat;

import io.infometis.streams.events.Order;
import io.infometis.streams.events.OrderStatus;
import io.infometis.streams.events.Payment;
import io.infometis.streams.events.PaymentStatus;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.junit.jupiter.api.Test;

class OrderPaymentJoinHarnessTest {

    @Test
    void paymentBeforeOrderIsShownWhenTheOrderArrives() throws Exception {
        try (var harness = harness()) {
            harness.processElement2(payment("o-1", "u-1", PaymentStatus.AUTHORIZED, null, 500), 500);
            assertThat(harness.extractOutputValues()).isEmpty();

            harness.processElement1(order("o-1", "u-1", OrderStatus.CREATED, 0), 0);
            List<OrderFacts> out = harness.extractOutputValues();
            assertThat(out).hasSize(1);
            assertThat(out.get(0).paymentStatus).isEqualTo("AUTHORIZED");
            assertThat(out.get(0).timeToPaymentMs()).isEqualTo(500);
        }
    }

    @Test
    void anOutOfOrderOlderStatusEmitsNothing() throws Exception {
        try (var harness = harness()) {
            harness.processElement1(order("o-1", "u-1", OrderStatus.CREATED, 0), 0);
            harness.processElement1(order("o-1", "u-1", OrderStatus.SHIPPED, 3000), 3000);
            harness.processElement1(order("o-1", "u-1", OrderStatus.PAID, 2000), 2000);

            assertThat(harness.extractOutputValues()).extracting(f -> f.status).containsExactly("CREATED", "SHIPPED");
        }
    }

    @Test
    void factsSurviveASnapshotAndRestore() throws Exception {
        OperatorSubtaskState snapshot;
        try (var harness = harness()) {
            harness.processElement1(order("o-1", "u-1", OrderStatus.CREATED, 0), 0);
            harness.processElement2(payment("o-1", "u-1", PaymentStatus.FAILED, "CARD_EXPIRED", 100), 100);
            snapshot = harness.snapshot(1, 1);
        }
        try (var restored = unopenedHarness()) {
            restored.initializeState(snapshot);
            restored.open();
            restored.processElement2(payment("o-1", "u-1", PaymentStatus.FAILED, "DO_NOT_HONOR", 200), 200);

            OrderFacts last = restored.extractOutputValues().get(0);
            assertThat(last.failedPaymentCount).isEqualTo(2);
            assertThat(last.status).isEqualTo("CREATED");
        }
    }

    private static KeyedTwoInputStreamOperatorTestHarness<String, Order, Payment, OrderFacts> harness() throws Exception {
        var harness = unopenedHarness();
        harness.open();
        return harness;
    }

    private static KeyedTwoInputStreamOperatorTestHarness<String, Order, Payment, OrderFacts> unopenedHarness()
            throws Exception {
        return new KeyedTwoInputStreamOperatorTestHarness<>(new KeyedCoProcessOperator<>(
                new OrderPaymentJoin(Duration.ofDays(7))), Order::getOrderId, Payment::getOrderId, Types.STRING);
    }
}
