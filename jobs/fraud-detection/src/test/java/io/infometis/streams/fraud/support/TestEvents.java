package io.infometis.streams.fraud.support;

import io.infometis.streams.common.kafka.KafkaRecord;
import io.infometis.streams.events.Order;
import io.infometis.streams.events.OrderItem;
import io.infometis.streams.events.OrderStatus;
import io.infometis.streams.events.Payment;
import io.infometis.streams.events.PaymentStatus;
import io.infometis.streams.events.UserEvent;
import io.infometis.streams.events.UserEventType;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Small, readable events for tests: times are offsets from {@link #T0}, ids are given by the test. */
public final class TestEvents {

    public static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    private TestEvents() {}

    public static Instant at(Duration offset) {
        return T0.plus(offset);
    }

    public static Duration sec(long s) {
        return Duration.ofSeconds(s);
    }

    public static Duration min(long m) {
        return Duration.ofMinutes(m);
    }

    public static Payment payment(String eventId, Duration at, String card, PaymentStatus status) {
        return payment(eventId, at, card, status, 1_000, "user-1");
    }

    public static Payment payment(String eventId, Duration at, String card, PaymentStatus status, long amount,
            String userId) {
        return Payment.newBuilder()
                .setEventId(eventId)
                .setEventTime(at(at))
                .setPaymentId("pay-" + eventId)
                .setOrderId("order-" + eventId)
                .setUserId(userId)
                .setStatus(status)
                .setFailureReason(status == PaymentStatus.FAILED ? "CARD_DECLINED" : null)
                .setCardFingerprint(card)
                .setAmount(amount)
                .setCurrency("EUR")
                .build();
    }

    public static UserEvent userEvent(String eventId, Duration at, String userId, UserEventType type, String country) {
        return UserEvent.newBuilder()
                .setEventId(eventId)
                .setEventTime(at(at))
                .setUserId(userId)
                .setType(type)
                .setIp("10.0.0.1")
                .setCountry(country)
                .setDeviceId("device-1")
                .build();
    }

    public static UserEvent login(String eventId, Duration at, String userId, String country) {
        return userEvent(eventId, at, userId, UserEventType.LOGIN, country);
    }

    public static Order order(String eventId, Duration at, String orderId, String userId, OrderStatus status,
            long amount) {
        return Order.newBuilder()
                .setEventId(eventId)
                .setEventTime(at(at))
                .setOrderId(orderId)
                .setUserId(userId)
                .setStatus(status)
                .setItems(List.of(OrderItem.newBuilder().setSku("sku-1").setCategory("books").setQuantity(1)
                        .setUnitPrice(amount).build()))
                .setAmount(amount)
                .setCurrency("EUR")
                .setShippingCountry("FR")
                .build();
    }

    public static KafkaRecord ruleRecord(String key, String json) {
        return new KafkaRecord("alert-rules", 0, 0, T0.toEpochMilli(), key,
                json == null ? null : json.getBytes(StandardCharsets.UTF_8));
    }
}
