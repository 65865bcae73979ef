package io.infometis.streams.fraud;

import io.infometis.streams.common.kafka.KafkaRecord;
import io.infometis.streams.events.Order;
import io.infometis.streams.events.Payment;
import io.infometis.streams.events.Topics;
import io.infometis.streams.events.UserEvent;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * What the topology reads: the three event streams with event-time timestamps and watermarks already assigned,
 * the raw records of the rules topic (watermark held at +infinity), and the topic names they came from (for dead
 * letters). {@code main()} builds it from Kafka, tests from their own sources.
 */
public record FraudInputs(
        DataStream<Payment> payments,
        DataStream<UserEvent> userEvents,
        DataStream<Order> orders,
        DataStream<KafkaRecord> rules,
        String paymentsTopic,
        String userEventsTopic,
        String ordersTopic) {

    public FraudInputs {
        Objects.requireNonNull(payments, "payments");
        Objects.requireNonNull(userEvents, "userEvents");
        Objects.requireNonNull(orders, "orders");
        Objects.requireNonNull(rules, "rules");
    }

    /** Inputs named after the catalogue topics. */
    public static FraudInputs of(DataStream<Payment> payments, DataStream<UserEvent> userEvents,
            DataStream<Order> orders, DataStream<KafkaRecord> rules) {
        return new FraudInputs(payments, userEvents, orders, rules, Topics.PAYMENTS.name(), Topics.USER_EVENTS.name(),
                Topics.ORDERS.name());
    }

    /** The same inputs with the payments stream changed (tests insert failures this way). */
    public FraudInputs mapPayments(UnaryOperator<DataStream<Payment>> change) {
        return new FraudInputs(change.apply(payments), userEvents, orders, rules, paymentsTopic, userEventsTopic,
                ordersTopic);
    }
}
