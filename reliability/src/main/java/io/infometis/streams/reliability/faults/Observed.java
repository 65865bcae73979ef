package io.infometis.streams.reliability.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.infometis.streams.events.Topics;
import io.infometis.streams.reliability.probe.ProbeJob;
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
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * What the probe really produced, read back from the servers: committed Kafka output per order id
 * ({@code read_committed}: aborted transactions never count), dead letters per key, Elasticsearch documents.
 */
record Observed(Map<String, Integer> outputPerOrder, Map<String, Integer> lettersPerKey,
                Map<String, JsonNode> documents) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    static Observed read(String bootstrapServers, String elasticsearchUrl) {
        return new Observed(countByKey(bootstrapServers, ProbeJob.OUTPUT.name()),
                countByKey(bootstrapServers, Topics.DLQ.name()), documents(elasticsearchUrl));
    }

    /** Every committed record of the topic, from the beginning to the end offsets of now. */
    static Map<String, Integer> countByKey(String bootstrapServers, String topic) {
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrapServers);
        props.put("group.id", "fault-suite-" + UUID.randomUUID());
        props.put("key.deserializer", ByteArrayDeserializer.class.getName());
        props.put("value.deserializer", ByteArrayDeserializer.class.getName());
        props.put("isolation.level", "read_committed");
        props.put("enable.auto.commit", "false");
        Map<String, Integer> counts = new HashMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            // read_committed end offsets = the last stable offsets: everything committed so far.
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p)) && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    counts.merge(r.key() == null ? "<null>" : new String(r.key(), StandardCharsets.UTF_8), 1,
                            Integer::sum);
                }
            }
        }
        return counts;
    }

    static Map<String, JsonNode> documents(String elasticsearchUrl) {
        Map<String, JsonNode> docs = new HashMap<>();
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                            URI.create(elasticsearchUrl + "/" + ProbeJob.INDEX + "/_search?size=10000"))
                    .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return docs;
            }
            for (JsonNode hit : JSON.readTree(response.body()).path("hits").path("hits")) {
                docs.put(hit.path("_id").asText(), hit.path("_source"));
            }
        } catch (java.io.IOException e) {
            return docs;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return docs;
    }

    /** Compares with the ground truth. */
    Verdict against(GroundTruth truth) {
        int lost = 0;
        int duplicates = 0;
        for (Map.Entry<String, Integer> e : truth.eventsPerOrder.entrySet()) {
            int seen = outputPerOrder.getOrDefault(e.getKey(), 0);
            lost += Math.max(0, e.getValue() - seen);
            duplicates += Math.max(0, seen - e.getValue());
        }
        int unexpected = (int) outputPerOrder.keySet().stream().filter(k -> !truth.eventsPerOrder.containsKey(k)).count();
        int lettersLost = 0;
        int letterDuplicates = 0;
        for (String key : truth.poisonKeys) {
            int seen = lettersPerKey.getOrDefault(key, 0);
            lettersLost += seen == 0 ? 1 : 0;
            letterDuplicates += Math.max(0, seen - 1);
        }
        int missingDocs = 0;
        int staleDocs = 0;
        for (Map.Entry<String, Long> e : truth.newestAmount.entrySet()) {
            JsonNode doc = documents.get(e.getKey());
            if (doc == null) {
                missingDocs++;
            } else if (doc.path("amount").asLong() != e.getValue()
                    || doc.path("version").asInt() != truth.eventsPerOrder.get(e.getKey())) {
                staleDocs++;
            }
        }
        int extraDocs = (int) documents.keySet().stream().filter(k -> !truth.newestAmount.containsKey(k)).count();
        int outputRecords = outputPerOrder.values().stream().mapToInt(Integer::intValue).sum();
        int letters = lettersPerKey.values().stream().mapToInt(Integer::intValue).sum();
        return new Verdict(truth.events(), truth.poisonKeys.size(), outputRecords, letters, documents.size(),
                lost + unexpected, duplicates, lettersLost, letterDuplicates, missingDocs + extraDocs, staleDocs);
    }

    /** The numbers the report shows; {@link #clean()} when nothing is lost, duplicated or stale. */
    record Verdict(int eventsIn, int poisonIn, int outputRecords, int deadLetters, int documents, int lost,
                   int duplicates, int lettersLost, int letterDuplicates, int documentsWrong, int documentsStale) {
        boolean clean() {
            return lost == 0 && duplicates == 0 && lettersLost == 0 && letterDuplicates == 0 && documentsWrong == 0
                    && documentsStale == 0;
        }
    }
}
