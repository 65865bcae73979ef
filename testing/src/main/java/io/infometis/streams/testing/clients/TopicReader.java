package io.infometis.streams.testing.clients;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;

/**
 * Reads a topic (read_committed) until a number of records arrived or a deadline passed, and the key and headers
 * of what it read as text. Shared here because job-common's and the jobs' integration tests each had a copy.
 */
public final class TopicReader {

    private TopicReader() {}

    public static List<ConsumerRecord<byte[], byte[]>> readAtLeast(Properties consumerProperties, String topic,
                                                                   int count, Duration timeout) {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProperties)) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (records.size() < count && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            // One more short poll: a record beyond the expected count would be a duplicate or an extra.
            consumer.poll(Duration.ofSeconds(2)).forEach(records::add);
        }
        return records;
    }

    /** A header's value as UTF-8 text, or null when the record has no such header. */
    public static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** The record key as UTF-8 text, or null. */
    public static String key(ConsumerRecord<byte[], byte[]> record) {
        return record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
    }
}
