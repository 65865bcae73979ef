package io.infometis.streams.reliability.security;

import io.infometis.streams.events.Order;
import io.infometis.streams.events.OrderItem;
import io.infometis.streams.events.OrderStatus;
import java.time.Instant;
import java.util.List;

final class Orders {

    private Orders() {}

    static Order order(String id, long amount) {
        return Order.newBuilder().setEventId("e-" + id).setEventTime(Instant.parse("2026-03-01T10:00:00Z"))
                .setOrderId(id).setUserId("u-1").setStatus(OrderStatus.CREATED)
                .setItems(List.of(OrderItem.newBuilder().setSku("sku-1").setCategory("books").setQuantity(1)
                        .setUnitPrice(amount).build()))
                .setAmount(amount).setCurrency("EUR").setShippingCountry("NL").build();
    }
}
