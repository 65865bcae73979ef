package io.infometis.streams.reliability.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.infometis.streams.events.Alert;
import io.infometis.streams.events.Topics;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * What the fraud-detection job really produced: its committed {@code alerts} (read_committed) by alert id with
 * the detection each one is, its dead letters by key, and its {@code alerts-*} documents.
 */
record FraudObserved(Map<String, Integer> alertsById, Map<String, GeneratedTraffic.Detection> detectionById,
                     Map<String, Integer> lettersPerKey, Map<String, JsonNode> documents) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    static FraudObserved read(String bootstrapServers, String elasticsearchUrl, DeserializationSchema<Alert> avro) {
        Map<String, GeneratedTraffic.Detection> detections = new HashMap<>();
        Function<ConsumerRecord<byte[], byte[]>, String> alertId = r -> {
            try {
                Alert a = avro.deserialize(r.value());
                detections.put(a.getAlertId(), new GeneratedTraffic.Detection(a.getRuleId(), a.getKey(),
                        List.copyOf(a.getMatchedEventIds())));
                return a.getAlertId();
            } catch (IOException | RuntimeException e) {
                return "<undecodable at " + r.partition() + "/" + r.offset() + ">";
            }
        };
        Function<ConsumerRecord<byte[], byte[]>, String> key =
                r -> r.key() == null ? "<null>" : new String(r.key(), StandardCharsets.UTF_8);
        Map<String, Integer> alerts = Observed.count(bootstrapServers, Topics.ALERTS.name(), alertId);
        return new FraudObserved(alerts, detections, Observed.count(bootstrapServers, GeneratedTraffic.FRAUD_DLQ, key),
                documents(elasticsearchUrl));
    }

    static Map<String, JsonNode> documents(String elasticsearchUrl) {
        return Documents.all(elasticsearchUrl, "alerts-*");
    }

    /** Compares with the generator's ground truth, as far as it is due (see {@link GeneratedTraffic#due()}). */
    Observed.Verdict against(GeneratedTraffic traffic) {
        Set<GeneratedTraffic.Detection> all = new HashSet<>(traffic.all());
        List<GeneratedTraffic.Detection> due = traffic.due();
        Map<GeneratedTraffic.Detection, Integer> idsPerDetection = new HashMap<>();
        detectionById.values().forEach(d -> idsPerDetection.merge(d, 1, Integer::sum));
        int lost = (int) due.stream().filter(d -> !idsPerDetection.containsKey(d)).count();
        // Twice committed under one id, or one detection under two ids: either way a duplicate alert.
        int duplicates = alertsById.values().stream().mapToInt(n -> Math.max(0, n - 1)).sum()
                + idsPerDetection.values().stream().mapToInt(n -> Math.max(0, n - 1)).sum();
        int unexpected = (int) alertsById.keySet().stream()
                .filter(id -> !detectionById.containsKey(id) || !all.contains(detectionById.get(id))).count();

        GeneratedTraffic.Letters tally = traffic.letters(lettersPerKey);
        int lettersLost = tally.lost();
        int letterDuplicates = tally.duplicates();
        int unexpectedLetters = tally.unexpected();

        int missingDocs = (int) alertsById.keySet().stream().filter(id -> !documents.containsKey(id)).count();
        int extraDocs = (int) documents.keySet().stream().filter(id -> !alertsById.containsKey(id)).count();
        int staleDocs = 0;
        for (Map.Entry<String, GeneratedTraffic.Detection> e : detectionById.entrySet()) {
            JsonNode doc = documents.get(e.getKey());
            if (doc != null && !(e.getValue().rule().equals(doc.path("rule_id").asText())
                    && e.getValue().key().equals(doc.path("key").asText()))) {
                staleDocs++;
            }
        }
        int outputRecords = alertsById.values().stream().mapToInt(Integer::intValue).sum();
        int letters = lettersPerKey.values().stream().mapToInt(Integer::intValue).sum();
        return new Observed.Verdict(due.size(), traffic.badKeysSent().size(),
                outputRecords, letters, documents.size(), lost, duplicates, unexpected, lettersLost,
                letterDuplicates, unexpectedLetters, missingDocs + extraDocs, staleDocs);
    }
}
