package io.infometis.streams.enrichment.order;

import io.infometis.streams.events.Order;
import io.infometis.streams.events.Payment;
import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by order id: folds order events and payment events of one order into {@link OrderFacts} and emits the
 * facts whenever something visible changed. Payments that arrive before their order are kept and shown once the
 * order arrives. State expires {@code retention} after the order's last event (processing time).
 */
public class OrderPaymentJoin extends KeyedCoProcessFunction<String, Order, Payment, OrderFacts> {

    private static final long serialVersionUID = 1L;

    private final Duration retention;
    private transient ValueState<OrderFacts> facts;

    public OrderPaymentJoin(Duration retention) {
        if (retention == null || retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("retention must be > 0, got " + retention);
        }
        this.retention = retention;
    }

    @Override
    public void open(OpenContext openContext) {
        ValueStateDescriptor<OrderFacts> descriptor = new ValueStateDescriptor<>("order-facts", OrderFacts.class);
        descriptor.enableTimeToLive(StateTtlConfig.newBuilder(retention).build());
        facts = getRuntimeContext().getState(descriptor);
    }

    @Override
    public void processElement1(Order order, Context ctx, Collector<OrderFacts> out) throws Exception {
        OrderFacts current = current(ctx.getCurrentKey());
        if (current.apply(order)) {
            update(current, out);
        }
    }

    @Override
    public void processElement2(Payment payment, Context ctx, Collector<OrderFacts> out) throws Exception {
        OrderFacts current = current(ctx.getCurrentKey());
        if (current.apply(payment)) {
            update(current, out);
        }
    }

    private OrderFacts current(String orderId) throws Exception {
        OrderFacts current = facts.value();
        return current != null ? current : OrderFacts.forOrder(orderId);
    }

    private void update(OrderFacts current, Collector<OrderFacts> out) throws Exception {
        facts.update(current);
        if (current.hasOrder()) {
            out.collect(current.copy());
        }
    }
}
