package io.infometis.streams.common.deadletter;

import io.infometis.streams.common.config.CommonKeys;
import io.infometis.streams.common.config.JobConfig;
import io.infometis.streams.common.kafka.KafkaClients;
import io.infometis.streams.events.Topics;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import javax.annotation.Nullable;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The sink of every job's dead letters: the original bytes under the original key on {@code topic.dlq}, the reason
 * and origin in headers ({@link DeadLetterHeaders}). Exactly once by default, so a restart never duplicates a letter
 * and counts of bad input stay exact.
 */
public final class DeadLetterSink {

    private DeadLetterSink() {}

    public static KafkaSink<DeadLetter> create(JobConfig config, String jobName) {
        String topic = config.get(CommonKeys.topic(Topics.DLQ));
        DeliveryGuarantee guarantee = "exactly-once".equals(config.get(CommonKeys.DLQ_DELIVERY_GUARANTEE))
                ? DeliveryGuarantee.EXACTLY_ONCE : DeliveryGuarantee.AT_LEAST_ONCE;
        Properties producer = KafkaClients.producerProperties(config);
        return KafkaSink.<DeadLetter>builder()
                .setBootstrapServers(config.get(CommonKeys.KAFKA_BOOTSTRAP_SERVERS))
                .setKafkaProducerConfig(producer)
                .setRecordSerializer(new DeadLetterSerializer(topic))
                .setDeliveryGuarantee(guarantee)
                .setTransactionalIdPrefix(CommonKeys.transactionalIdPrefix(config, jobName) + "-dlq")
                .build();
    }

    /** Writes a letter as a record with headers. */
    static final class DeadLetterSerializer implements KafkaRecordSerializationSchema<DeadLetter> {

        private static final long serialVersionUID = 1L;
        private final String topic;

        DeadLetterSerializer(String topic) {
            this.topic = topic;
        }

        @Nullable
        @Override
        public ProducerRecord<byte[], byte[]> serialize(DeadLetter letter, KafkaSinkContext context, Long timestamp) {
            return toRecord(topic, letter);
        }
    }

    /** The Kafka record of a letter; shared with the Elasticsearch sink's direct dead-letter producer. */
    public static ProducerRecord<byte[], byte[]> toRecord(String topic, DeadLetter letter) {
        RecordHeaders headers = new RecordHeaders();
        add(headers, DeadLetterHeaders.REASON, letter.reason);
        add(headers, DeadLetterHeaders.ERROR_CLASS, letter.errorClass);
        add(headers, DeadLetterHeaders.SOURCE_TOPIC, letter.sourceTopic);
        add(headers, DeadLetterHeaders.SOURCE_PARTITION, Integer.toString(letter.partition));
        add(headers, DeadLetterHeaders.SOURCE_OFFSET, Long.toString(letter.offset));
        add(headers, DeadLetterHeaders.JOB, letter.job);
        add(headers, DeadLetterHeaders.TIMESTAMP, Long.toString(letter.timestamp));
        return new ProducerRecord<>(topic, null, null, letter.key, letter.value, headers);
    }

    private static void add(RecordHeaders headers, String name, String value) {
        if (value != null) {
            headers.add(name, value.getBytes(StandardCharsets.UTF_8));
        }
    }
}
