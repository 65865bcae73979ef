package io.infometis.streams.bench.load;

import io.infometis.streams.events.RegistrySerdes;
import io.infometis.streams.events.TopicSpec;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Fills a topic with Avro events in the Confluent wire format (through the real registry, as the generator and
 * every producer of the platform do) before any consumer is measured, so the source is never the limit.
 */
public final class BacklogLoader {

    private final String bootstrapServers;
    private final RegistrySerdes serdes;

    public BacklogLoader(String bootstrapServers, String registryUrl) {
        this.bootstrapServers = bootstrapServers;
        this.serdes = new RegistrySerdes(registryUrl, java.util.Map.of());
    }

    /**
     * Produces {@code count} events to the topic and waits until the broker has acknowledged every one.
     *
     * @return seconds the load took
     */
    public <T extends SpecificRecord> double load(TopicSpec topic, Class<T> type, long count, Supplier<T> events,
                                                  Function<T, String> key) {
        SerializationSchema<T> serializer = serdes.serializer(type, topic);
        AtomicReference<Exception> failure = new AtomicReference<>();
        long begin = System.nanoTime();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProperties())) {
            for (long i = 0; i < count && failure.get() == null; i++) {
                T event = events.get();
                producer.send(new ProducerRecord<>(topic.name(), key.apply(event).getBytes(),
                        serializer.serialize(event)), (metadata, e) -> {
                    if (e != null) {
                        failure.compareAndSet(null, e);
                    }
                });
            }
            producer.flush();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("Loading " + topic.name() + " failed: " + failure.get().getMessage(),
                    failure.get());
        }
        return (System.nanoTime() - begin) / 1e9;
    }

    private Properties producerProperties() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        // Large batches: the load is not measured, only its end state is; it should take seconds, not minutes.
        p.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(512 * 1024));
        p.put(ProducerConfig.BUFFER_MEMORY_CONFIG, Long.toString(128L * 1024 * 1024));
        return p;
    }
}
