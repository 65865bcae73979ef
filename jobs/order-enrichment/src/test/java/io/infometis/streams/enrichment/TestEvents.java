package io.infometis.streams.enrichment;

import io.infometis.streams.events.Customer;
import io.infometis.streams.events.CustomerTier;
import io.infometis.streams.events.Order;
import io.infometis.streams.events.OrderItem;
import io.infometis.streams.events.OrderStatus;
import io.infometis.streams.events.Payment;
import io.infometis.streams.events.PaymentStatus;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** Hand-built input events for the tests; times are given as offsets (ms) from {@link #T0}. */
public final class TestEvents {

    /** Yesterday 00:00 UTC: in the past (the jobs refuse future events), a whole minute. */
    public static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(1, ChronoUnit.DAYS);

    private TestEvents() {}

    public static Order order(String orderId, String userId, OrderStatus status, long atMs) {
        return Order.newBuilder()
                .setEventId(orderId + "-" + status + "-" + atMs)
                .setEventTime(T0.plusMillis(atMs))
                .setOrderId(orderId)
                .setUserId(userId)
                .setStatus(status)
                .setItems(List.of(
                        OrderItem.newBuilder().setSku("sku-1").setCategory("books").setQuantity(2).setUnitPrice(1250).build(),
                        OrderItem.newBuilder().setSku("sku-2").setCategory("games").setQuantity(1).setUnitPrice(2499).build()))
                .setAmount(4999)
                .setCurrency("EUR")
                .setShippingCountry("NL")
                .build();
    }

    public static Payment payment(String orderId, String userId, PaymentStatus status, String reason, long atMs) {
        return Payment.newBuilder()
                .setEventId("pay-" + orderId + "-" + status + "-" + atMs)
                .setEventTime(T0.plusMillis(atMs))
                .setPaymentId("pay-" + orderId)
                .setOrderId(orderId)
                .setUserId(userId)
                .setStatus(status)
                .setFailureReason(reason)
                .setCardFingerprint("card-" + userId)
                .setAmount(4999)
                .setCurrency("EUR")
                .build();
    }

    public static Customer customer(String userId, CustomerTier tier, String country, long atMs) {
        return Customer.newBuilder()
                .setEventId("cust-" + userId + "-" + atMs)
                .setEventTime(T0.plusMillis(atMs))
                .setUserId(userId)
                .setCountry(country)
                .setTier(tier)
                .setSignupDate(LocalDate.parse("2024-01-15"))
                .setSegment("consumer")
                .setEmail(userId + "@example.com")
                .build();
    }
}
