package io.infometis.streams.reliability.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.infometis.streams.events.EnrichedOrder;
import io.infometis.streams.events.Topics;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Function;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * What the order-enrichment job really produced, read back from the servers: its committed Kafka output per
 * (order id, last event id) ({@code read_committed}: records of aborted transactions never count), dead letters
 * per key, and the {@code orders} documents.
 */
record Observed(Map<String, Integer> outputs, Map<String, Integer> lettersPerKey, Map<String, JsonNode> documents) {

    static final String INDEX = "orders";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    static Observed read(String bootstrapServers, String elasticsearchUrl, DeserializationSchema<EnrichedOrder> avro) {
        Function<ConsumerRecord<byte[], byte[]>, String> outputId = r -> {
            try {
                EnrichedOrder o = avro.deserialize(r.value());
                return GroundTruth.outputId(o.getOrderId(), o.getLastEventId());
            } catch (IOException | RuntimeException e) {
                return "<undecodable at " + r.partition() + "/" + r.offset() + ">";
            }
        };
        Function<ConsumerRecord<byte[], byte[]>, String> key =
                r -> r.key() == null ? "<null>" : new String(r.key(), StandardCharsets.UTF_8);
        return new Observed(count(bootstrapServers, Topics.ORDERS_ENRICHED.name(), outputId),
                count(bootstrapServers, Topics.DLQ.name(), key), documents(elasticsearchUrl));
    }

    /** Every committed record of the topic, from the beginning to the end offsets of now, counted by {@code id}. */
    static Map<String, Integer> count(String bootstrapServers, String topic,
            Function<ConsumerRecord<byte[], byte[]>, String> id) {
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrapServers);
        props.put("group.id", "fault-suite-" + UUID.randomUUID());
        props.put("key.deserializer", ByteArrayDeserializer.class.getName());
        props.put("value.deserializer", ByteArrayDeserializer.class.getName());
        props.put("isolation.level", "read_committed");
        props.put("enable.auto.commit", "false");
        props.put("max.partition.fetch.bytes", Integer.toString(2 * 1024 * 1024));
        Map<String, Integer> counts = new HashMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            // read_committed end offsets = the last stable offsets: everything committed so far.
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))
                    && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    counts.merge(id.apply(r), 1, Integer::sum);
                }
            }
        }
        return counts;
    }

    static Map<String, JsonNode> documents(String elasticsearchUrl) {
        return Documents.all(elasticsearchUrl, INDEX);
    }

    /** Compares with the ground truth. */
    Verdict against(GroundTruth truth) {
        int lost = 0;
        int duplicates = 0;
        for (String expected : truth.expectedOutputs) {
            int seen = outputs.getOrDefault(expected, 0);
            lost += seen == 0 ? 1 : 0;
            duplicates += Math.max(0, seen - 1);
        }
        int unexpected = outputs.entrySet().stream().filter(e -> !truth.expectedOutputs.contains(e.getKey()))
                .mapToInt(Map.Entry::getValue).sum();
        int lettersLost = 0;
        int letterDuplicates = 0;
        for (String key : truth.poisonKeys) {
            int seen = lettersPerKey.getOrDefault(key, 0);
            lettersLost += seen == 0 ? 1 : 0;
            letterDuplicates += Math.max(0, seen - 1);
        }
        int unexpectedLetters = lettersPerKey.entrySet().stream().filter(e -> !truth.poisonKeys.contains(e.getKey()))
                .mapToInt(Map.Entry::getValue).sum();
        int missingDocs = 0;
        int staleDocs = 0;
        for (Map.Entry<String, GroundTruth.Newest> e : truth.newestByOrder.entrySet()) {
            JsonNode doc = documents.get(e.getKey());
            if (doc == null) {
                missingDocs++;
            } else if (!isNewest(doc, e.getValue(), truth.tierByUser.get(e.getValue().userId()))) {
                staleDocs++;
            }
        }
        int extraDocs = (int) documents.keySet().stream().filter(k -> !truth.newestByOrder.containsKey(k)).count();
        int outputRecords = outputs.values().stream().mapToInt(Integer::intValue).sum();
        int letters = lettersPerKey.values().stream().mapToInt(Integer::intValue).sum();
        return new Verdict(truth.events(), truth.poisonKeys.size(), outputRecords, letters, documents.size(),
                lost, duplicates, unexpected, lettersLost, letterDuplicates, unexpectedLetters,
                missingDocs + extraDocs, staleDocs);
    }

    /** The document shows the order's newest event, enriched with its customer's profile. */
    private static boolean isNewest(JsonNode doc, GroundTruth.Newest newest, String tier) {
        return newest.eventId().equals(doc.path("last_event_id").asText())
                && newest.status().equals(doc.path("status").asText())
                && newest.amount() == doc.path("amount").asLong()
                && newest.userId().equals(doc.path("user_id").asText())
                && doc.path("enriched").asBoolean(false)
                && tier.equals(doc.path("customer_tier").asText());
    }

    /**
     * The numbers the report shows; {@link #clean()} when nothing is lost, duplicated, unexpected or stale.
     * {@code lost}/{@code duplicates}/{@code unexpected} count enriched records; the letter counts are per key.
     */
    record Verdict(int eventsIn, int poisonIn, int outputRecords, int deadLetters, int documents, int lost,
                   int duplicates, int unexpected, int lettersLost, int letterDuplicates, int unexpectedLetters,
                   int documentsWrong, int documentsStale) {
        boolean clean() {
            return lost == 0 && duplicates == 0 && unexpected == 0 && lettersLost == 0 && letterDuplicates == 0
                    && unexpectedLetters == 0 && documentsWrong == 0 && documentsStale == 0;
        }
    }
}
