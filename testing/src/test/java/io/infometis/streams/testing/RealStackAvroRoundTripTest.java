package io.infometis.streams.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.infometis.streams.events.RegistrySerdes;
import io.infometis.streams.events.Topics;
import io.infometis.streams.events.UserEvent;
import io.infometis.streams.events.UserEventType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The path every job takes: a generated Avro event, Confluent wire format through the real registry, the real
 * broker, and back. Proves the registry client, the serdes and the server agree.
 */
class RealStackAvroRoundTripTest {

    @RegisterExtension
    static final RealStackExtension STACK = RealStackExtension.builder().kafka().registry().build();

    @Test
    void userEventRoundTripsThroughRegistryAndKafka() throws Exception {
        RegistrySerdes serdes = new RegistrySerdes(STACK.registryUrl(), Map.of());
        SerializationSchema<UserEvent> serializer = serdes.serializer(UserEvent.class, Topics.USER_EVENTS);
        DeserializationSchema<UserEvent> deserializer = serdes.deserializer(UserEvent.class);
        UserEvent event = UserEvent.newBuilder()
                .setEventId("e-1").setEventTime(Instant.parse("2026-01-02T03:04:05.678Z")).setUserId("u-1")
                .setType(UserEventType.LOGIN_FAILED).setIp("10.0.0.1").setCountry("NL").setDeviceId("d-1")
                .build();

        byte[] bytes = serializer.serialize(event);
        assertThat(bytes[0]).as("Confluent magic byte").isZero();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(STACK.producerProperties())) {
            producer.send(new ProducerRecord<>(Topics.USER_EVENTS.name(), "u-1".getBytes(), bytes)).get();
        }

        List<UserEvent> received = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(STACK.consumerProperties("avro-round-trip"))) {
            consumer.subscribe(List.of(Topics.USER_EVENTS.name()));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (received.isEmpty() && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    received.add(deserializer.deserialize(record.value()));
                }
            }
        }
        assertThat(received).containsExactly(event);
    }
}
