package io.infometis.streams.enrichment.customer;

import static io.infometis.streams.enrichment.TestEvents.customer;
import static io.infometis.streams.enrichment.TestEvents.order;
import static org.assertj.core.api.Assertions.assertThat;

import io.infometis.streams.enrichment.compute.EnrichedOrders;
import io.infometis.streams.enrichment.compute.RiskPolicy;
import io.infometis.streams.enrichment.order.OrderFacts;
import io.infometis.streams.events.Customer;
import io.infometis.streams.events.CustomerTier;
import io.infometis.streams.events.EnrichedOrder;
import io.infometis.streams.events.OrderStatus;
import java.time.Duration;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.junit.jupiter.api.Test;

class CustomerEnrichmentHarnessTest {

    private static final long WAIT_MS = 10_000;

    @Test
    void profileBeforeOrderEnrichesAtOnce() throws Exception {
        try (var harness = harness()) {
            harness.processElement2(customer("u-1", CustomerTier.GOLD, "NL", 0), 0);
            harness.processElement1(facts("o-1", OrderStatus.CREATED, 10), 10);

            assertThat(harness.extractOutputValues()).singleElement()
                    .satisfies(o -> assertThat(o.getEnriched()).isTrue())
                    .satisfies(o -> assertThat(o.getCustomerTier()).isEqualTo("GOLD"));
        }
    }

    @Test
    void orderBeforeProfileWaitsThenGoesOutUnenrichedThenIsUpdated() throws Exception {
        try (var harness = harness()) {
            harness.setProcessingTime(1_000);
            harness.processElement1(facts("o-1", OrderStatus.CREATED, 10), 10);
            harness.setProcessingTime(1_000 + WAIT_MS - 1);
            assertThat(harness.extractOutputValues()).as("still waiting").isEmpty();

            harness.setProcessingTime(1_000 + WAIT_MS);
            assertThat(harness.extractOutputValues()).singleElement()
                    .satisfies(o -> assertThat(o.getEnriched()).isFalse());

            harness.processElement2(customer("u-1", CustomerTier.SILVER, "NL", 0), 0);
            assertThat(harness.extractOutputValues()).hasSize(2).last()
                    .satisfies(o -> assertThat(o.getEnriched()).isTrue())
                    .satisfies(o -> assertThat(o.getCustomerTier()).isEqualTo("SILVER"));
        }
    }

    @Test
    void aProfileArrivingWithinTheWaitMeansNoUnenrichedDocumentAtAll() throws Exception {
        try (var harness = harness()) {
            harness.setProcessingTime(1_000);
            harness.processElement1(facts("o-1", OrderStatus.CREATED, 10), 10);
            harness.processElement2(customer("u-1", CustomerTier.GOLD, "NL", 0), 0);
            harness.setProcessingTime(1_000 + 2 * WAIT_MS);

            assertThat(harness.extractOutputValues()).extracting(EnrichedOrder::getEnriched).containsExactly(true);
        }
    }

    @Test
    void aProfileChangeReEmitsTheUsersOrdersAndAnOlderProfileIsIgnored() throws Exception {
        try (var harness = harness()) {
            harness.processElement2(customer("u-1", CustomerTier.SILVER, "NL", 0), 0);
            harness.processElement1(facts("o-1", OrderStatus.CREATED, 10), 10);
            harness.processElement1(facts("o-2", OrderStatus.CREATED, 20), 20);
            harness.processElement2(customer("u-1", CustomerTier.GOLD, "NL", 5_000), 5_000);
            harness.processElement2(customer("u-1", CustomerTier.BRONZE, "NL", 1_000), 1_000);

            assertThat(harness.extractOutputValues()).extracting(o -> o.getOrderId() + ":" + o.getCustomerTier())
                    .containsExactly("o-1:SILVER", "o-2:SILVER", "o-1:GOLD", "o-2:GOLD");
        }
    }

    @Test
    void waitingOrdersSurviveASnapshotAndStillTimeOut() throws Exception {
        OperatorSubtaskState snapshot;
        try (var harness = harness()) {
            harness.setProcessingTime(1_000);
            harness.processElement1(facts("o-1", OrderStatus.CREATED, 10), 10);
            snapshot = harness.snapshot(1, 1);
        }
        try (var restored = unopenedHarness()) {
            restored.initializeState(snapshot);
            restored.open();
            restored.setProcessingTime(1_000 + WAIT_MS);

            assertThat(restored.extractOutputValues()).extracting(EnrichedOrder::getEnriched).containsExactly(false);
        }
    }

    private static OrderFacts facts(String orderId, OrderStatus status, long atMs) {
        OrderFacts facts = OrderFacts.forOrder(orderId);
        facts.apply(order(orderId, "u-1", status, atMs));
        return facts;
    }

    private static KeyedTwoInputStreamOperatorTestHarness<String, OrderFacts, Customer, EnrichedOrder> harness()
            throws Exception {
        var harness = unopenedHarness();
        harness.open();
        return harness;
    }

    private static KeyedTwoInputStreamOperatorTestHarness<String, OrderFacts, Customer, EnrichedOrder> unopenedHarness()
            throws Exception {
        CustomerEnrichment function = new CustomerEnrichment(Duration.ofMillis(WAIT_MS), Duration.ofDays(7),
                new EnrichedOrders(new RiskPolicy(500, Duration.ofDays(30))));
        return new KeyedTwoInputStreamOperatorTestHarness<>(
                new KeyedCoProcessOperator<>(function), f -> f.userId, Customer::getUserId, Types.STRING);
    }
}
