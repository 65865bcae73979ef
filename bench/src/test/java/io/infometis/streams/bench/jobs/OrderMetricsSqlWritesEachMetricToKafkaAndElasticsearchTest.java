package io.infometis.streams.bench.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.infometis.streams.bench.load.FreshTopics;
import io.infometis.streams.bench.load.GeneratorBacklog;
import io.infometis.streams.events.CommerceMetric;
import io.infometis.streams.events.RegistrySerdes;
import io.infometis.streams.events.Topics;
import io.infometis.streams.generator.kafka.TopicNames;
import io.infometis.streams.sinks.elasticsearch.ElasticsearchSettings;
import io.infometis.streams.testing.RealStackExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.configuration.Configuration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The metrics job's SQL peer writes what the job writes, where the job writes it: each metric row once to its
 * Kafka topic (committed, CommerceMetric through the registry, keyed by its id) and once to its Elasticsearch
 * index (that id as document id), so its throughput compares with the job's like for like.
 */
class OrderMetricsSqlWritesEachMetricToKafkaAndElasticsearchTest {

    @RegisterExtension
    static final RealStackExtension STACK = RealStackExtension.builder().kafka().registry().elasticsearch().build();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String INDEX_PREFIX = "metrics-sql-peer-test-";
    private static final Duration WAIT = Duration.ofMinutes(3);

    @Test
    void everyMetricRowIsCommittedToItsTopicAndIndexedOnceUnderItsId() throws Exception {
        // Own topics: the stack is shared with the other test classes of this JVM.
        Map<String, String> topics = FreshTopics.create(STACK.kafkaBootstrapServers(), "sql-peer-test-",
                List.of(Topics.ORDERS, Topics.PAYMENTS, Topics.USER_EVENTS, Topics.CUSTOMERS, Topics.COMMERCE_METRICS));
        // 3,000 events at the generator's 10 events/s of simulated time: five minutes, so windows close.
        new GeneratorBacklog(STACK.kafkaBootstrapServers(), STACK.registryUrl())
                .load(5, 3_000, 200, 200, TopicNames.of(topics));
        String output = topics.get(Topics.COMMERCE_METRICS.name());
        OrderMetricsSql peer = OrderMetricsSql.builder()
                .bootstrapServers(STACK.kafkaBootstrapServers()).registryUrl(STACK.registryUrl())
                .elasticsearchHosts(STACK.elasticsearchUrl()).groupId("sql-peer-test")
                .inputTopic(Topics.ORDERS, topics.get(Topics.ORDERS.name()))
                .inputTopic(Topics.PAYMENTS, topics.get(Topics.PAYMENTS.name()))
                .inputTopic(Topics.USER_EVENTS, topics.get(Topics.USER_EVENTS.name()))
                .outputTopic(output).indexPrefix(INDEX_PREFIX).build();
        // Checkpoints (which commit the Kafka transactions) every second instead of the deployed 10.
        Configuration settings = new Configuration();
        settings.setString("execution.checkpointing.interval", "1 s");

        List<CommerceMetric> rows = List.of();
        Map<String, JsonNode> documents = Map.of();
        try (MiniClusterJob running = MiniClusterJob.start("sql-peer", 1, peer, settings);
             RestClient elasticsearch = ElasticsearchSettings.builder().hosts(STACK.elasticsearchUrl()).build()
                     .restClient()) {
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (System.nanoTime() < deadline) {
                assertThat(running.isRunning()).as("the peer runs (failure: %s)", running.failure()).isTrue();
                rows = committedRows(output);
                documents = documents(elasticsearch);
                if (coversEveryMetric(rows) && ids(rows).equals(documents.keySet())) {
                    break;
                }
                Thread.sleep(1_000);
            }
            JsonNode mappings = JSON.readTree(elasticsearch.performRequest(
                    new Request("GET", "/" + INDEX_PREFIX + "*/_mapping")).getEntity().getContent());
            assertThat(mappings.size()).as("daily indices").isPositive();
            mappings.forEach(index -> assertThat(index.path("mappings").path("dynamic").asText())
                    .as("the job's metrics-* template applies").isEqualTo("false"));
        }

        assertThat(rows).as("committed rows").isNotEmpty();
        assertThat(rows.stream().map(CommerceMetric::getMetric).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder("orders", "payments", "active_users");
        assertThat(rows.stream().filter(r -> r.getMetric().equals("orders")).map(r -> r.getCategory() == null)
                .collect(Collectors.toSet())).as("per country, and per country and category").containsOnly(true, false);
        assertThat(ids(rows)).as("each row once on the topic").hasSize(rows.size());
        assertThat(documents.keySet()).as("each row once in the index, under its id").isEqualTo(ids(rows));
        for (CommerceMetric row : rows) {
            JsonNode doc = documents.get(row.getMetricId());
            assertThat(doc.path("_index").asText())
                    .isEqualTo(INDEX_PREFIX + row.getWindowStart().toString().substring(0, 10).replace('-', '.'));
            JsonNode source = doc.path("_source");
            assertThat(source.path("metric").asText()).isEqualTo(row.getMetric());
            assertThat(Instant.parse(source.path("window_start").asText() + "Z")).isEqualTo(row.getWindowStart());
            assertThat(row.getWindowEnd()).isEqualTo(row.getWindowStart().plus(Duration.ofMinutes(1)));
            switch (row.getMetric()) {
                case "orders" -> {
                    assertThat(row.getOrderCount()).isPositive();
                    assertThat(source.path("order_count").asLong()).isEqualTo(row.getOrderCount());
                    assertThat(row.getMetricId()).isEqualTo("orders:" + row.getWindowStart() + ":" + row.getCountry()
                            + ":" + (row.getCategory() == null ? "-" : row.getCategory()) + ":" + row.getCurrency());
                }
                case "payments" -> {
                    assertThat(source.path("payments_authorized").asLong()).isEqualTo(row.getPaymentsAuthorized());
                    assertThat(row.getMetricId()).isEqualTo("payments:" + row.getWindowStart());
                }
                default -> {
                    assertThat(source.path("active_users").asLong()).isEqualTo(row.getActiveUsers()).isPositive();
                    assertThat(row.getMetricId()).isEqualTo("active_users:" + row.getWindowStart());
                }
            }
            assertThat(source.has("amount_p50")).as("no null fields, as the job's documents").isFalse();
        }
    }

    private static boolean coversEveryMetric(List<CommerceMetric> rows) {
        return rows.stream().map(CommerceMetric::getMetric).collect(Collectors.toSet())
                .containsAll(Set.of("orders", "payments", "active_users"));
    }

    private static Set<String> ids(List<CommerceMetric> rows) {
        return rows.stream().map(CommerceMetric::getMetricId).collect(Collectors.toSet());
    }

    /** Everything committed on the topic so far (read_committed), decoded through the registry, key = id. */
    private static List<CommerceMetric> committedRows(String topic) throws Exception {
        DeserializationSchema<CommerceMetric> decoder =
                new RegistrySerdes(STACK.registryUrl(), Map.of()).deserializer(CommerceMetric.class);
        decoder.open(null);
        List<CommerceMetric> rows = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer =
                     new KafkaConsumer<>(STACK.consumerProperties("sql-peer-test-" + UUID.randomUUID()))) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    CommerceMetric row = decoder.deserialize(record.value());
                    assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo(row.getMetricId());
                    rows.add(row);
                }
            }
        }
        return rows;
    }

    /** The peer's documents by id, after a refresh. */
    private static Map<String, JsonNode> documents(RestClient elasticsearch) throws Exception {
        elasticsearch.performRequest(new Request("POST", "/" + INDEX_PREFIX + "*/_refresh"));
        Request search = new Request("GET", "/" + INDEX_PREFIX + "*/_search");
        search.addParameter("size", "10000");
        JsonNode hits = JSON.readTree(elasticsearch.performRequest(search).getEntity().getContent())
                .path("hits").path("hits");
        Map<String, JsonNode> documents = new LinkedHashMap<>();
        hits.forEach(hit -> documents.put(hit.path("_id").asText(), hit));
        return documents;
    }
}
