package io.infometis.streams.reliability.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.infometis.streams.events.Order;
import io.infometis.streams.events.OrderItem;
import io.infometis.streams.events.OrderStatus;
import io.infometis.streams.events.Payment;
import io.infometis.streams.events.PaymentStatus;
import io.infometis.streams.events.UserEvent;
import io.infometis.streams.events.UserEventType;
import io.infometis.streams.generator.GeneratedRecord;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The suite's recomputation of the metrics job's figures, on a handful of records of known sums. */
class MetricsExpectedTest {

    private static final Instant T = Instant.parse("2026-06-01T10:00:00Z");

    @Test
    void ordersCountOncePerCreatedEventPerCategoryAndOverAllCategories() {
        MetricsObserved.Expected expected = MetricsObserved.Expected.of(List.of(
                order("o-1", OrderStatus.CREATED, T.plusSeconds(5), item("books", 2, 100), item("games", 1, 300)),
                order("o-2", OrderStatus.CREATED, T.plusSeconds(30), item("books", 1, 50)),
                order("o-1", OrderStatus.PAID, T.plusSeconds(40), item("books", 2, 100), item("games", 1, 300)),
                order("o-3", OrderStatus.CREATED, T.plusSeconds(61), item("books", 1, 70))));

        assertThat(expected.signatureById())
                .containsEntry("orders:2026-06-01T10:00:00Z:NL:books:EUR",
                        MetricsObserved.signature(2L, 250L, null, null, null))
                .containsEntry("orders:2026-06-01T10:00:00Z:NL:games:EUR",
                        MetricsObserved.signature(1L, 300L, null, null, null))
                .containsEntry("orders:2026-06-01T10:00:00Z:NL:_all:EUR",
                        MetricsObserved.signature(2L, 550L, null, null, null))
                .containsEntry("order_amount_percentiles:2026-06-01T10:00:00Z:EUR",
                        MetricsObserved.signature(2L, null, null, null, null))
                .containsEntry("orders:2026-06-01T10:01:00Z:NL:_all:EUR",
                        MetricsObserved.signature(1L, 70L, null, null, null));
        assertThat(expected.windowEndById()).containsEntry("orders:2026-06-01T10:01:00Z:NL:_all:EUR",
                T.plusSeconds(120).toEpochMilli());
    }

    @Test
    void paymentsCountAttemptsByStatusAndActiveUsersAreDistinct() {
        MetricsObserved.Expected expected = MetricsObserved.Expected.of(List.of(
                payment(PaymentStatus.AUTHORIZED), payment(PaymentStatus.FAILED), payment(PaymentStatus.FAILED),
                payment(PaymentStatus.REFUNDED), login("u-1"), login("u-2"), login("u-1")));

        assertThat(expected.signatureById())
                .containsEntry("payments:2026-06-01T10:00:00Z", MetricsObserved.signature(null, null, 1L, 2L, null))
                .containsEntry("active_users:2026-06-01T10:00:00Z",
                        MetricsObserved.signature(null, null, null, null, 2L))
                .hasSize(2);
    }

    private static OrderItem item(String category, int quantity, long unitPrice) {
        return OrderItem.newBuilder().setSku("sku-" + category).setCategory(category).setQuantity(quantity)
                .setUnitPrice(unitPrice).build();
    }

    private static GeneratedRecord order(String id, OrderStatus status, Instant time, OrderItem... items) {
        long amount = List.of(items).stream().mapToLong(i -> i.getQuantity() * i.getUnitPrice()).sum();
        Order o = Order.newBuilder().setEventId(id + status).setEventTime(time).setOrderId(id).setUserId("u-1")
                .setStatus(status).setItems(List.of(items)).setAmount(amount).setCurrency("EUR")
                .setShippingCountry("NL").build();
        return new GeneratedRecord("orders", id, o, time.toEpochMilli());
    }

    private static GeneratedRecord payment(PaymentStatus status) {
        Payment p = Payment.newBuilder().setEventId("p-" + status).setEventTime(T.plusSeconds(10)).setPaymentId("p")
                .setOrderId("o-1").setUserId("u-1").setStatus(status)
                .setFailureReason(status == PaymentStatus.FAILED ? "INSUFFICIENT_FUNDS" : null)
                .setCardFingerprint("fp").setAmount(100).setCurrency("EUR").build();
        return new GeneratedRecord("payments", "p", p, T.plusSeconds(10).toEpochMilli());
    }

    private static GeneratedRecord login(String user) {
        UserEvent e = UserEvent.newBuilder().setEventId("e-" + user).setEventTime(T.plusSeconds(20)).setUserId(user)
                .setType(UserEventType.LOGIN).setIp("192.0.2.1").setCountry("NL").setDeviceId("d").build();
        return new GeneratedRecord("user-events", user, e, T.plusSeconds(20).toEpochMilli());
    }
}
