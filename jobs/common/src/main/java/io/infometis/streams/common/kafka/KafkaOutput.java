package io.infometis.streams.common.kafka;

import io.infometis.streams.common.config.CommonKeys;
import io.infometis.streams.common.config.JobConfig;
import io.infometis.streams.events.TopicSpec;
import java.nio.charset.StandardCharsets;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.util.function.SerializableFunction;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Kafka sinks of a job: Avro values through the registry, string keys. */
public final class KafkaOutput {

    private KafkaOutput() {}

    /**
     * Records are stamped with the time they are written, not the element's event time: the event time is in the
     * value, and an output record of old events (a replay, a backfill) stamped with it would fall under the topic's
     * retention at once and be deleted by the broker's next retention pass.
     *
     * <p>With {@link DeliveryGuarantee#EXACTLY_ONCE} records become visible to read_committed consumers when the
     * checkpoint that covers them completes, so the job must run with checkpointing enabled; the transactional
     * ids are {@code <kafka.transactional-id-prefix>-<topic>}.
     */
    public static <T extends SpecificRecord> KafkaSink<T> avro(JobConfig config, String jobName, TopicSpec topic,
            Class<T> type, SerializableFunction<T, String> key, DeliveryGuarantee guarantee) {
        String topicName = config.get(CommonKeys.topic(topic));
        SerializationSchema<T> keySerializer = value -> key.apply(value).getBytes(StandardCharsets.UTF_8);
        return KafkaSink.<T>builder()
                .setBootstrapServers(config.get(CommonKeys.KAFKA_BOOTSTRAP_SERVERS))
                .setKafkaProducerConfig(KafkaClients.producerProperties(config))
                .setRecordSerializer(new WrittenNow<>(KafkaRecordSerializationSchema.<T>builder()
                        .setTopic(topicName)
                        .setKeySerializationSchema(keySerializer)
                        .setValueSerializationSchema(KafkaClients.registry(config).serializer(type, topic))
                        .build()))
                .setDeliveryGuarantee(guarantee)
                .setTransactionalIdPrefix(CommonKeys.transactionalIdPrefix(config, jobName) + "-" + topicName)
                .build();
    }

    /** Delegates, passing no timestamp: the producer stamps the record with the time it is sent. */
    static final class WrittenNow<T> implements KafkaRecordSerializationSchema<T> {
        private static final long serialVersionUID = 1L;
        private final KafkaRecordSerializationSchema<T> delegate;

        WrittenNow(KafkaRecordSerializationSchema<T> delegate) {
            this.delegate = delegate;
        }

        @Override
        public void open(SerializationSchema.InitializationContext context, KafkaSinkContext sinkContext)
                throws Exception {
            delegate.open(context, sinkContext);
        }

        @Override
        public ProducerRecord<byte[], byte[]> serialize(T element, KafkaSinkContext context, Long timestamp) {
            return delegate.serialize(element, context, null);
        }
    }
}
