package io.infometis.streams.bench.latency;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.infometis.streams.bench.ceiling.PlainAvroDecoder;
import io.infometis.streams.common.deadletter.DeadLetterHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.apache.http.HttpHost;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.RestClient;

/**
 * What a latency run watches: the input topics (each event's Kafka CreateTime, i.e. when the generator sent it),
 * the output topic per isolation level, and documents becoming searchable. Latencies are computed at the end, when
 * every input has been seen, from this machine's one clock.
 */
final class LatencyProbes {

    static final long SEARCH_POLL_MILLIS = 100;
    /** The {@code dlq.error.class} of late events (the fraud job's LateEvents). */
    static final String LATE_EVENT = "late-event";
    private static final ObjectMapper JSON = new ObjectMapper();

    private LatencyProbes() {}

    /** One output seen: the input event(s) that produced it, and when it was seen. */
    record Observation(List<String> eventIds, long seenAt) {}

    /**
     * seenAt minus the latest CreateTime of the observation's events, once per set of events: its first output.
     * Later outputs of the same events are not their latency: the enrichment job writes an order again when its
     * customer's profile changes (caused by the profile, which may come minutes later), and a replay after a
     * restart repeats what was seen. Observations of unknown events are skipped.
     */
    static List<Long> latencies(List<Observation> observations, Map<String, Long> createTimes) {
        Map<List<String>, Long> firstSeen = new HashMap<>();
        synchronized (observations) {
            for (Observation o : observations) {
                firstSeen.merge(o.eventIds(), o.seenAt(), Math::min);
            }
        }
        List<Long> millis = new ArrayList<>();
        firstSeen.forEach((eventIds, seenAt) -> {
            long created = Long.MIN_VALUE;
            for (String id : eventIds) {
                Long t = createTimes.get(id);
                if (t != null) {
                    created = Math.max(created, t);
                }
            }
            if (created != Long.MIN_VALUE) {
                millis.add(seenAt - created);
            }
        });
        return millis;
    }

    @FunctionalInterface
    interface Seen<T> {
        /** @param createTime the record's Kafka timestamp (CreateTime: when its producer sent it) */
        void seen(T record, long createTime, long nowMillis);
    }

    /** A thread reading every partition of {@code topic} from the start with the isolation level, until stopped. */
    static <T extends SpecificRecord> Thread reader(String bootstrapServers, String registryUrl, String topic,
            int partitions, Schema schema, String isolation, AtomicBoolean stop, Seen<T> seen) {
        Thread t = new Thread(() -> {
            PlainAvroDecoder<T> decoder = new PlainAvroDecoder<>(registryUrl, schema);
            Properties p = new Properties();
            p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
            p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation);
            p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
            p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
            try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p)) {
                List<TopicPartition> assigned = new ArrayList<>();
                for (int i = 0; i < partitions; i++) {
                    assigned.add(new TopicPartition(topic, i));
                }
                consumer.assign(assigned);
                consumer.seekToBeginning(assigned);
                while (!stop.get()) {
                    for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(20))) {
                        long now = System.currentTimeMillis();
                        seen.seen(decoder.decode(r.value()), r.timestamp(), now);
                    }
                }
            } catch (Exception e) {
                System.err.println("bench: latency reader of " + topic + " (" + isolation + ") failed: " + e);
            }
        }, "bench-latency-" + topic + "-" + isolation);
        t.setDaemon(true);
        return t;
    }

    /**
     * Dead letters of {@code errorClass} in {@code topic} so far (committed ones: what a dlq consumer would see),
     * read from the start to the current end.
     */
    static long countDeadLetters(String bootstrapServers, String topic, int partitions, String errorClass) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        byte[] wanted = errorClass.getBytes(StandardCharsets.UTF_8);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p)) {
            List<TopicPartition> assigned = new ArrayList<>();
            for (int i = 0; i < partitions; i++) {
                assigned.add(new TopicPartition(topic, i));
            }
            consumer.assign(assigned);
            consumer.seekToBeginning(assigned);
            Map<TopicPartition, Long> end = consumer.endOffsets(assigned);
            long count = 0;
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (assigned.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("reading " + topic + " to its end took over 30 s");
                }
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    Header header = r.headers().lastHeader(DeadLetterHeaders.ERROR_CLASS);
                    if (header != null && Arrays.equals(header.value(), wanted)) {
                        count++;
                    }
                }
            }
            return count;
        }
    }

    /**
     * A thread searching {@code index} for the document ids in {@code pending} every {@value #SEARCH_POLL_MILLIS}
     * ms; each id found moves to {@code found} with the time it was found.
     */
    static Thread searcher(String elasticsearchUrl, String index, AtomicBoolean stop, Map<String, Boolean> pending,
                           Map<String, Long> found) {
        Thread t = new Thread(() -> {
            try (RestClient client = RestClient.builder(HttpHost.create(elasticsearchUrl)).build()) {
                while (!stop.get()) {
                    List<String> ids = new ArrayList<>(pending.keySet());
                    if (ids.size() > 1000) {
                        ids = ids.subList(0, 1000);
                    }
                    if (!ids.isEmpty()) {
                        Request search = new Request("POST", "/" + index + "/_search");
                        search.addParameter("filter_path", "hits.hits._id");
                        search.addParameter("ignore_unavailable", "true");
                        search.addParameter("allow_no_indices", "true");
                        search.setJsonEntity(JSON.writeValueAsString(Map.of("size", ids.size(), "_source", false,
                                "query", Map.of("ids", Map.of("values", ids)))));
                        Response response;
                        try {
                            response = client.performRequest(search);
                        } catch (ResponseException e) {
                            // A just-created index answers 503 until its shard is active: try again next poll.
                            Thread.sleep(SEARCH_POLL_MILLIS);
                            continue;
                        }
                        long now = System.currentTimeMillis();
                        JsonNode hits = JSON.readTree(response.getEntity().getContent()).path("hits").path("hits");
                        for (JsonNode hit : hits) {
                            String id = hit.get("_id").asText();
                            if (pending.remove(id) != null) {
                                found.put(id, now);
                            }
                        }
                    }
                    Thread.sleep(SEARCH_POLL_MILLIS);
                }
            } catch (Exception e) {
                System.err.println("bench: search of " + index + " failed: " + e);
            }
        }, "bench-latency-search-" + index);
        t.setDaemon(true);
        return t;
    }
}
