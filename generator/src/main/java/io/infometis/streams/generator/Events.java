package io.infometis.streams.generator;

import io.infometis.streams.events.Customer;
import io.infometis.streams.events.Order;
import io.infometis.streams.events.OrderItem;
import io.infometis.streams.events.OrderStatus;
import io.infometis.streams.events.Payment;
import io.infometis.streams.events.PaymentStatus;
import io.infometis.streams.events.UserEvent;
import io.infometis.streams.events.UserEventType;
import java.time.Instant;
import java.util.List;

/** Builds the Avro values; every event gets a fresh seeded event id. */
final class Events {

    /** What stays the same across an order's events. */
    record Basket(String orderId, String userId, List<OrderItem> items, long amount, String currency,
            String shippingCountry) {

        static Basket of(String orderId, String userId, List<OrderItem> items, String currency, String shipping) {
            long amount = items.stream().mapToLong(i -> i.getUnitPrice() * i.getQuantity()).sum();
            return new Basket(orderId, userId, List.copyOf(items), amount, currency, shipping);
        }
    }

    private final Seeded random;

    Events(Seeded random) {
        this.random = random;
    }

    UserEvent userEvent(long time, String userId, UserEventType type, String ip, String country, String device) {
        return UserEvent.newBuilder()
                .setEventId(random.uuid())
                .setEventTime(Instant.ofEpochMilli(time))
                .setUserId(userId)
                .setType(type)
                .setIp(ip)
                .setCountry(country)
                .setDeviceId(device)
                .build();
    }

    Order order(long time, Basket basket, OrderStatus status) {
        return Order.newBuilder()
                .setEventId(random.uuid())
                .setEventTime(Instant.ofEpochMilli(time))
                .setOrderId(basket.orderId())
                .setUserId(basket.userId())
                .setStatus(status)
                .setItems(basket.items())
                .setAmount(basket.amount())
                .setCurrency(basket.currency())
                .setShippingCountry(basket.shippingCountry())
                .build();
    }

    Payment payment(long time, Basket basket, PaymentStatus status, String failureReason, String card) {
        return Payment.newBuilder()
                .setEventId(random.uuid())
                .setEventTime(Instant.ofEpochMilli(time))
                .setPaymentId(random.uuid())
                .setOrderId(basket.orderId())
                .setUserId(basket.userId())
                .setStatus(status)
                .setFailureReason(failureReason)
                .setCardFingerprint(card)
                .setAmount(basket.amount())
                .setCurrency(basket.currency())
                .build();
    }

    Customer customer(long time, Shopper shopper) {
        return Customer.newBuilder()
                .setEventId(random.uuid())
                .setEventTime(Instant.ofEpochMilli(time))
                .setUserId(shopper.userId)
                .setCountry(shopper.home.code())
                .setTier(shopper.tier)
                .setSignupDate(shopper.signupDate)
                .setSegment(shopper.segment)
                .setEmail(shopper.email)
                .build();
    }

    static OrderItem item(Market.Product product, int quantity, long unitPrice) {
        return OrderItem.newBuilder()
                .setSku(product.sku())
                .setCategory(product.category())
                .setQuantity(quantity)
                .setUnitPrice(unitPrice)
                .build();
    }
}
