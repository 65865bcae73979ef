package io.infometis.streams.metrics.orders;

import io.infometis.streams.events.Order;
import io.infometis.streams.events.OrderItem;
import io.infometis.streams.events.OrderStatus;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.api.common.functions.AggregateFunction;

/**
 * Adds up orders as they arrive (incremental: the window keeps sums, not events, except the amounts the
 * percentiles need). An order counts once, by its CREATED event; later status events of it are not new orders.
 * Per category the revenue is that category's items (quantity x unit price); over all categories it is the
 * order total.
 */
public class OrderWindowAggregate implements AggregateFunction<Order, OrderWindowAccumulator, OrderWindowAccumulator> {

    private static final long serialVersionUID = 1L;

    @Override
    public OrderWindowAccumulator createAccumulator() {
        return new OrderWindowAccumulator();
    }

    @Override
    public OrderWindowAccumulator add(Order order, OrderWindowAccumulator acc) {
        if (order.getStatus() != OrderStatus.CREATED) {
            return acc;
        }
        String country = order.getShippingCountry();
        Map<String, Long> revenueByCategory = new LinkedHashMap<>();
        for (OrderItem item : order.getItems()) {
            revenueByCategory.merge(item.getCategory(), item.getQuantity() * item.getUnitPrice(), Long::sum);
        }
        revenueByCategory.forEach((category, revenue) -> {
            OrderCell cell = acc.cell(country, category);
            cell.orders++;
            cell.revenue += revenue;
        });
        OrderCell all = acc.cell(country, OrderWindowAccumulator.ALL_CATEGORIES);
        all.orders++;
        all.revenue += order.getAmount();
        acc.amounts.add(order.getAmount());
        return acc;
    }

    @Override
    public OrderWindowAccumulator getResult(OrderWindowAccumulator acc) {
        return acc;
    }

    @Override
    public OrderWindowAccumulator merge(OrderWindowAccumulator a, OrderWindowAccumulator b) {
        return a.merge(b);
    }
}
