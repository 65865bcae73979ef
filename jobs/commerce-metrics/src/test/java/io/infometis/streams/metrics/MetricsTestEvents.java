package io.infometis.streams.metrics;

import io.infometis.streams.events.Order;
import io.infometis.streams.events.OrderItem;
import io.infometis.streams.events.OrderStatus;
import io.infometis.streams.events.Payment;
import io.infometis.streams.events.PaymentStatus;
import io.infometis.streams.events.UserEvent;
import io.infometis.streams.events.UserEventType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Hand-built events; times are offsets (ms) from {@link #T0}, which starts a minute. */
public final class MetricsTestEvents {

    public static final Instant T0 = Instant.parse("2026-06-01T10:00:00Z");

    private MetricsTestEvents() {}

    /** @param items pairs of category and price (minor units), each with quantity 1 */
    public static Order created(String orderId, String country, String currency, long atMs, Object... items) {
        List<OrderItem> list = new ArrayList<>();
        long amount = 0;
        for (int i = 0; i < items.length; i += 2) {
            long price = ((Number) items[i + 1]).longValue();
            list.add(OrderItem.newBuilder().setSku("sku-" + i).setCategory((String) items[i]).setQuantity(1)
                    .setUnitPrice(price).build());
            amount += price;
        }
        return Order.newBuilder().setEventId("e-" + orderId).setEventTime(T0.plusMillis(atMs)).setOrderId(orderId)
                .setUserId("u-" + orderId).setStatus(OrderStatus.CREATED).setItems(list).setAmount(amount)
                .setCurrency(currency).setShippingCountry(country).build();
    }

    public static Payment payment(String id, PaymentStatus status, String reason, long atMs) {
        return Payment.newBuilder().setEventId("e-" + id).setEventTime(T0.plusMillis(atMs)).setPaymentId(id)
                .setOrderId("o-" + id).setUserId("u-" + id).setStatus(status).setFailureReason(reason)
                .setCardFingerprint("card").setAmount(100).setCurrency("EUR").build();
    }

    public static UserEvent login(String userId, long atMs) {
        return UserEvent.newBuilder().setEventId("e-" + userId + "-" + atMs).setEventTime(T0.plusMillis(atMs))
                .setUserId(userId).setType(UserEventType.LOGIN).setIp("10.0.0.1").setCountry("NL").setDeviceId("d")
                .build();
    }
}
