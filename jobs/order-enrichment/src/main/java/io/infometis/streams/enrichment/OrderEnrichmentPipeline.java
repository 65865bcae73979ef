package io.infometis.streams.enrichment;

import io.infometis.streams.enrichment.compute.EnrichedOrders;
import io.infometis.streams.enrichment.customer.CustomerEnrichment;
import io.infometis.streams.enrichment.order.OrderFacts;
import io.infometis.streams.enrichment.order.OrderPaymentJoin;
import io.infometis.streams.events.Customer;
import io.infometis.streams.events.EnrichedOrder;
import io.infometis.streams.events.Order;
import io.infometis.streams.events.Payment;
import java.time.Duration;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * The job's logic on streams from anywhere (the job wires Kafka; tests wire their own): orders and payments are
 * folded per order id, then joined per user with the customer profile.
 *
 * <pre>
 * orders ──┐ keyBy order_id
 *          ├─ OrderPaymentJoin ── OrderFacts ─┐ keyBy user_id
 * payments ┘                                  ├─ CustomerEnrichment ── EnrichedOrder
 * customers ──────────────────────────────────┘
 * </pre>
 */
public final class OrderEnrichmentPipeline {

    private OrderEnrichmentPipeline() {}

    public record Settings(Duration profileWait, Duration orderRetention, EnrichedOrders enrichedOrders) {}

    public static DataStream<EnrichedOrder> build(DataStream<Order> orders, DataStream<Payment> payments,
            DataStream<Customer> customers, Settings settings) {
        DataStream<OrderFacts> facts = orders.keyBy(Order::getOrderId)
                .connect(payments.keyBy(Payment::getOrderId))
                .process(new OrderPaymentJoin(settings.orderRetention()), TypeInformation.of(OrderFacts.class))
                .uid("order-payment-join")
                .name("fold orders and payments per order");
        return facts.keyBy(f -> f.userId)
                .connect(customers.keyBy(Customer::getUserId))
                .process(new CustomerEnrichment(settings.profileWait(), settings.orderRetention(),
                        settings.enrichedOrders()), new AvroTypeInfo<>(EnrichedOrder.class))
                .uid("customer-enrichment")
                .name("join the customer profile per user");
    }
}
