package io.infometis.streams.testing.clients;

import io.infometis.streams.events.RegistrySerdes;
import io.infometis.streams.events.TopicSpec;
import io.infometis.streams.testing.RealStackExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * A test's own Kafka client next to the job under test: writes Avro (Confluent wire format, real registry) and raw
 * records, reads topics read_committed. Shared here because the job modules' integration tests all need the same
 * one (they had identical copies).
 */
public final class KafkaTestIo implements AutoCloseable {

    private final RealStackExtension stack;
    private final RegistrySerdes serdes;
    private final KafkaProducer<byte[], byte[]> producer;
    /** One serializer (and registry client, with its schema-id cache) per topic. */
    private final Map<String, SerializationSchema<?>> serializers = new HashMap<>();

    public KafkaTestIo(RealStackExtension stack) {
        this.stack = stack;
        this.serdes = new RegistrySerdes(stack.registryUrl(), Map.of());
        this.producer = new KafkaProducer<>(stack.producerProperties());
    }

    public RegistrySerdes serdes() {
        return serdes;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    public byte[] encode(TopicSpec spec, SpecificRecord value) {
        return ((SerializationSchema) serializers.computeIfAbsent(spec.name(),
                k -> serdes.serializer((Class) value.getClass(), spec))).serialize(value);
    }

    public <T extends SpecificRecord> void send(String topic, TopicSpec spec, String key, T value) throws Exception {
        byte[] bytes = encode(spec, value);
        sendRaw(topic, key, bytes);
    }

    /** Sends without waiting for each acknowledgement (in order: one producer, idempotent), then flushes. */
    public void sendAll(List<ProducerRecord<byte[], byte[]>> records) {
        records.forEach(producer::send);
        producer.flush();
    }

    public void sendRaw(String topic, String key, byte[] value) throws Exception {
        producer.send(new ProducerRecord<>(topic, key == null ? null : key.getBytes(StandardCharsets.UTF_8), value))
                .get();
    }

    /** Reads (read_committed) until {@code count} records arrived or the timeout passed, plus a short extra poll. */
    public List<ConsumerRecord<byte[], byte[]>> read(String topic, int count, Duration timeout) {
        return TopicReader.readAtLeast(stack.consumerProperties("reader-" + topic + "-" + System.nanoTime()), topic,
                count, timeout);
    }

    @Override
    public void close() {
        producer.close();
    }
}
