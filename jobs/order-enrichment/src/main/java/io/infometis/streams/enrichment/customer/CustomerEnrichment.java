package io.infometis.streams.enrichment.customer;

import io.infometis.streams.enrichment.compute.EnrichedOrders;
import io.infometis.streams.enrichment.order.OrderFacts;
import io.infometis.streams.events.Customer;
import io.infometis.streams.events.EnrichedOrder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by user id: joins the user's orders with the latest customer profile from the compacted
 * {@code customers} topic.
 *
 * <ul>
 *   <li>Profile known: every order update is emitted enriched at once.</li>
 *   <li>Profile not known yet: the order waits {@code profileWait} (processing time: it is about how long the
 *       profile may lag behind, whatever the event times say), then is emitted with {@code enriched=false}.</li>
 *   <li>Profile arrives or changes: every order of the user still in state is emitted again with the new
 *       profile, so the documents show the customer as they are now.</li>
 * </ul>
 * The user's orders are kept {@code orderRetention} after their last update (state TTL).
 */
public class CustomerEnrichment extends KeyedCoProcessFunction<String, OrderFacts, Customer, EnrichedOrder> {

    private static final long serialVersionUID = 1L;

    private final Duration profileWait;
    private final Duration orderRetention;
    private final EnrichedOrders enrichedOrders;

    private transient ValueState<CustomerProfile> profile;
    private transient MapState<String, OrderFacts> orders;
    private transient MapState<String, Long> waitingUntil;
    private transient Counter emittedUnenriched;

    public CustomerEnrichment(Duration profileWait, Duration orderRetention, EnrichedOrders enrichedOrders) {
        if (profileWait == null || profileWait.isNegative()) {
            throw new IllegalArgumentException("profileWait must be >= 0, got " + profileWait);
        }
        if (orderRetention == null || orderRetention.isNegative() || orderRetention.isZero()) {
            throw new IllegalArgumentException("orderRetention must be > 0, got " + orderRetention);
        }
        if (enrichedOrders == null) {
            throw new IllegalArgumentException("enrichedOrders is required");
        }
        this.profileWait = profileWait;
        this.orderRetention = orderRetention;
        this.enrichedOrders = enrichedOrders;
    }

    @Override
    public void open(OpenContext openContext) {
        profile = getRuntimeContext().getState(new ValueStateDescriptor<>("customer-profile", CustomerProfile.class));
        MapStateDescriptor<String, OrderFacts> ordersDescriptor =
                new MapStateDescriptor<>("user-orders", String.class, OrderFacts.class);
        ordersDescriptor.enableTimeToLive(StateTtlConfig.newBuilder(orderRetention).build());
        orders = getRuntimeContext().getMapState(ordersDescriptor);
        waitingUntil = getRuntimeContext().getMapState(
                new MapStateDescriptor<>("orders-waiting-for-profile", String.class, Long.class));
        emittedUnenriched = getRuntimeContext().getMetricGroup().counter("ordersEmittedUnenriched");
    }

    @Override
    public void processElement1(OrderFacts facts, Context ctx, Collector<EnrichedOrder> out) throws Exception {
        boolean known = orders.contains(facts.orderId);
        orders.put(facts.orderId, facts);
        CustomerProfile current = profile.value();
        if (current != null) {
            out.collect(enrichedOrders.build(facts, current));
        } else if (waitingUntil.contains(facts.orderId)) {
            // still waiting: the newer facts are in state and go out when the profile comes or the wait ends
        } else if (known || profileWait.isZero()) {
            emitUnenriched(facts, out);
        } else {
            long deadline = ctx.timerService().currentProcessingTime() + profileWait.toMillis();
            waitingUntil.put(facts.orderId, deadline);
            ctx.timerService().registerProcessingTimeTimer(deadline);
        }
    }

    @Override
    public void processElement2(Customer customer, Context ctx, Collector<EnrichedOrder> out) throws Exception {
        CustomerProfile incoming = CustomerProfile.of(customer);
        CustomerProfile current = profile.value();
        if (!incoming.isNotOlderThan(current)) {
            return;
        }
        profile.update(incoming);
        if (incoming.sameContentAs(current)) {
            return;
        }
        for (OrderFacts facts : orders.values()) {
            out.collect(enrichedOrders.build(facts, incoming));
        }
        waitingUntil.clear();
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<EnrichedOrder> out) throws Exception {
        if (profile.value() != null) {
            return;
        }
        List<String> due = new ArrayList<>();
        for (Map.Entry<String, Long> waiting : waitingUntil.entries()) {
            if (waiting.getValue() <= timestamp) {
                due.add(waiting.getKey());
            }
        }
        for (String orderId : due) {
            waitingUntil.remove(orderId);
            OrderFacts facts = orders.get(orderId);
            if (facts != null) {
                emitUnenriched(facts, out);
            }
        }
    }

    private void emitUnenriched(OrderFacts facts, Collector<EnrichedOrder> out) {
        emittedUnenriched.inc();
        out.collect(enrichedOrders.build(facts, null));
    }
}
