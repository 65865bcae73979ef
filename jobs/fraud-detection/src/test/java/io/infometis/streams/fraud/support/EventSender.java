package io.infometis.streams.fraud.support;

import io.infometis.streams.events.Order;
import io.infometis.streams.events.Payment;
import io.infometis.streams.events.RegistrySerdes;
import io.infometis.streams.events.Topics;
import io.infometis.streams.events.UserEvent;
import io.infometis.streams.testing.RealStackExtension;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Sends hand-made events to a fixture's topics in the Confluent wire format, keyed as the catalogue says. */
public final class EventSender {

    private final RealStackExtension stack;
    private final KafkaJobFixture fixture;
    private final SerializationSchema<Payment> payments;
    private final SerializationSchema<UserEvent> userEvents;
    private final SerializationSchema<Order> orders;

    public EventSender(RealStackExtension stack, KafkaJobFixture fixture) throws Exception {
        this.stack = stack;
        this.fixture = fixture;
        RegistrySerdes serdes = new RegistrySerdes(stack.registryUrl(), Map.of());
        payments = serdes.serializer(Payment.class, Topics.PAYMENTS);
        userEvents = serdes.serializer(UserEvent.class, Topics.USER_EVENTS);
        orders = serdes.serializer(Order.class, Topics.ORDERS);
        payments.open(null);
        userEvents.open(null);
        orders.open(null);
    }

    public void payments(List<Payment> events) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(stack.producerProperties())) {
            for (Payment p : events) {
                producer.send(record(Topics.PAYMENTS.name(), p.getPaymentId(), payments.serialize(p))).get();
            }
        }
    }

    public void userEvents(List<UserEvent> events) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(stack.producerProperties())) {
            for (UserEvent e : events) {
                producer.send(record(Topics.USER_EVENTS.name(), e.getUserId(), userEvents.serialize(e))).get();
            }
        }
    }

    public void orders(List<Order> events) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(stack.producerProperties())) {
            for (Order o : events) {
                producer.send(record(Topics.ORDERS.name(), o.getOrderId(), orders.serialize(o))).get();
            }
        }
    }

    private ProducerRecord<byte[], byte[]> record(String catalogueTopic, String key, byte[] value) {
        return new ProducerRecord<>(fixture.topic(catalogueTopic), key.getBytes(StandardCharsets.UTF_8), value);
    }
}
