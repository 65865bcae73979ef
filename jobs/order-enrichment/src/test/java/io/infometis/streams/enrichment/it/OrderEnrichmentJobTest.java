package io.infometis.streams.enrichment.it;

import static io.infometis.streams.enrichment.TestEvents.customer;
import static io.infometis.streams.enrichment.TestEvents.order;
import static io.infometis.streams.enrichment.TestEvents.payment;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.infometis.streams.common.config.JobConfig;
import io.infometis.streams.enrichment.EnrichmentKeys;
import io.infometis.streams.enrichment.OrderEnrichmentJob;
import io.infometis.streams.enrichment.TestEvents;
import io.infometis.streams.events.CustomerTier;
import io.infometis.streams.events.EnrichedOrder;
import io.infometis.streams.events.OrderStatus;
import io.infometis.streams.events.PaymentStatus;
import io.infometis.streams.events.Topics;
import io.infometis.streams.sinks.elasticsearch.ElasticsearchSettings;
import io.infometis.streams.sinks.elasticsearch.IndexTemplates;
import io.infometis.streams.testing.RealStackExtension;
import io.infometis.streams.testing.clients.ElasticsearchTestClient;
import io.infometis.streams.testing.clients.KafkaTestIo;
import io.infometis.streams.testing.clients.TopicReader;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.jobgraph.SavepointRestoreSettings;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job as {@code main()} wires it (Kafka sources through the real registry, the real Elasticsearch with the
 * installed {@code orders} template, exactly-once Kafka output), in a MiniCluster. One running job serves every
 * behaviour; each test uses its own users and orders. Near the end the job is stopped with a savepoint and
 * restored from it; the last test restarts it from scratch (new group, earliest offsets) and checks the replay
 * leaves every document as it was.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OrderEnrichmentJobTest {

    @RegisterExtension
    static final RealStackExtension STACK = RealStackExtension.builder().kafka().registry().elasticsearch().build();

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String INDEX = "orders";
    private static final String ORDERS = "it-enrich-orders";
    private static final String PAYMENTS = "it-enrich-payments";
    private static final String CUSTOMERS = "it-enrich-customers";
    private static final String ENRICHED = "it-enrich-orders-enriched";
    private static final String DLQ = "it-enrich-dlq";

    private final List<String> orderIds = new ArrayList<>();
    private KafkaTestIo kafka;
    private ElasticsearchTestClient es;
    private JobClient job;

    @BeforeAll
    void startJob() throws Exception {
        for (String topic : List.of(ORDERS, PAYMENTS, CUSTOMERS, ENRICHED)) {
            STACK.createTopic(topic, 2);
        }
        STACK.createTopic(DLQ, 1);
        kafka = new KafkaTestIo(STACK);
        es = new ElasticsearchTestClient(STACK.elasticsearchUrl());
        job = start("run-1");
    }

    @AfterAll
    void stopJob() throws Exception {
        if (job != null) {
            job.cancel().get();
        }
        kafka.close();
    }

    @Test
    @Order(1)
    void profileBeforeOrderIsEnrichedAndNeverWrittenUnenriched() throws Exception {
        kafka.send(CUSTOMERS, Topics.CUSTOMERS, "u-a", customer("u-a", CustomerTier.GOLD, "NL", 0));
        sendOrder(order("o-a", "u-a", OrderStatus.CREATED, 1_000));
        kafka.send(PAYMENTS, Topics.PAYMENTS, "pay-o-a", payment("o-a", "u-a", PaymentStatus.AUTHORIZED, null, 4_000));

        JsonNode doc = es.awaitDocument(INDEX, "o-a",
                s -> "AUTHORIZED".equals(s.path("payment_status").asText()) && s.path("enriched").asBoolean(), WAIT);
        JsonNode source = doc.path("_source");
        assertThat(source.path("customer_tier").asText()).isEqualTo("GOLD");
        assertThat(source.path("customer_country").asText()).isEqualTo("NL");
        assertThat(source.path("item_count").asInt()).isEqualTo(3);
        assertThat(source.path("amount_major").asDouble()).isEqualTo(49.99);
        assertThat(source.path("time_to_payment_ms").asLong()).isEqualTo(3_000);
        assertThat(source.path("risk_level").asText()).isEqualTo("LOW");
        assertThat(doc.path("_version").asLong()).as("external version: event time * 2 + enriched")
                .isEqualTo(TestEvents.T0.plusMillis(4_000).toEpochMilli() * 2 + 1);

        List<EnrichedOrder> published = published("o-a", 2);
        assertThat(published).extracting(EnrichedOrder::getEnriched).containsOnly(true);
        assertThat(published).last().extracting(EnrichedOrder::getPaymentStatus).isEqualTo("AUTHORIZED");
    }

    @Test
    @Order(2)
    void orderBeforeProfileWaitsIsWrittenUnenrichedThenUpdatedWhenTheProfileArrives() throws Exception {
        sendOrder(order("o-b", "u-b", OrderStatus.CREATED, 2_000));

        JsonNode unenriched = es.awaitDocument(INDEX, "o-b", s -> s.has("enriched"), WAIT).path("_source");
        assertThat(unenriched.path("enriched").asBoolean()).isFalse();
        assertThat(unenriched.path("customer_tier").isNull()).isTrue();

        kafka.send(CUSTOMERS, Topics.CUSTOMERS, "u-b", customer("u-b", CustomerTier.SILVER, "NL", 0));
        JsonNode enriched = es.awaitDocument(INDEX, "o-b", s -> s.path("enriched").asBoolean(), WAIT).path("_source");
        assertThat(enriched.path("customer_tier").asText()).isEqualTo("SILVER");
        assertThat(published("o-b", 2)).extracting(EnrichedOrder::getEnriched).containsExactly(false, true);
    }

    @Test
    @Order(3)
    void aProfileChangeUpdatesTheUsersOrderDocuments() throws Exception {
        kafka.send(CUSTOMERS, Topics.CUSTOMERS, "u-c", customer("u-c", CustomerTier.BRONZE, "NL", 0));
        sendOrder(order("o-c", "u-c", OrderStatus.CREATED, 3_000));
        es.awaitDocument(INDEX, "o-c", s -> "BRONZE".equals(s.path("customer_tier").asText()), WAIT);

        kafka.send(CUSTOMERS, Topics.CUSTOMERS, "u-c", customer("u-c", CustomerTier.PLATINUM, "DE", 10_000));

        JsonNode changed = es.awaitDocument(INDEX, "o-c", s -> "PLATINUM".equals(s.path("customer_tier").asText()),
                WAIT).path("_source");
        assertThat(changed.path("customer_country").asText()).isEqualTo("DE");
        assertThat(changed.path("risk_level").asText()).as("now ships abroad: still one point").isEqualTo("LOW");
    }

    @Test
    @Order(4)
    void outOfOrderStatusEventsNeverRegressTheDocument() throws Exception {
        kafka.send(CUSTOMERS, Topics.CUSTOMERS, "u-d", customer("u-d", CustomerTier.GOLD, "NL", 0));
        sendOrder(order("o-d", "u-d", OrderStatus.SHIPPED, 30_000));
        es.awaitDocument(INDEX, "o-d", s -> "SHIPPED".equals(s.path("status").asText()), WAIT);

        // Older events, arriving after the newest: same key, so same partition, processed in this order.
        sendOrder(order("o-d", "u-d", OrderStatus.PAID, 20_000));
        sendOrder(order("o-d", "u-d", OrderStatus.CREATED, 10_000));
        JsonNode doc = es.awaitDocument(INDEX, "o-d", s -> !s.path("created_time").isNull(), WAIT);

        assertThat(doc.path("_source").path("status").asText()).isEqualTo("SHIPPED");
        assertThat(doc.path("_source").path("event_time").asText())
                .isEqualTo(TestEvents.T0.plusMillis(30_000).toString());
        assertThat(published("o-d", 2)).extracting(o -> o.getStatus().name()).containsOnly("SHIPPED");
    }

    @Test
    @Order(5)
    void customerEmailsNeverReachElasticsearch() throws Exception {
        JsonNode hits = es.search(INDEX, "{\"size\":100,\"query\":{\"match_all\":{}}}").path("hits").path("hits");
        assertThat(hits.size()).isGreaterThanOrEqualTo(4);
        for (JsonNode hit : hits) {
            assertThat(hit.path("_source").toString()).doesNotContain("@example.com").doesNotContain("email");
        }
    }

    @Test
    @Order(6)
    void stopWithSavepointAndRestoreKeepsStateAndOffsets(@TempDir Path savepoints) throws Exception {
        kafka.send(CUSTOMERS, Topics.CUSTOMERS, "u-e", customer("u-e", CustomerTier.GOLD, "NL", 0));
        sendOrder(order("o-e", "u-e", OrderStatus.CREATED, 5_000));
        kafka.send(PAYMENTS, Topics.PAYMENTS, "pay-o-e", payment("o-e", "u-e", PaymentStatus.FAILED, "CARD_EXPIRED", 6_000));
        es.awaitDocument(INDEX, "o-e", s -> s.path("failed_payment_count").asInt() == 1, WAIT);

        String savepoint = job.stopWithSavepoint(false, savepoints.toUri().toString(), SavepointFormatType.CANONICAL)
                .get();
        job = start("run-1", savepoint);
        kafka.send(PAYMENTS, Topics.PAYMENTS, "pay-o-e", payment("o-e", "u-e", PaymentStatus.FAILED, "DO_NOT_HONOR", 7_000));

        // Restored state counts the failure before the savepoint; restored offsets do not read it again.
        JsonNode doc = es.awaitDocument(INDEX, "o-e", s -> s.path("failed_payment_count").asInt() >= 2, WAIT)
                .path("_source");
        assertThat(doc.path("failed_payment_count").asInt()).isEqualTo(2);
        assertThat(doc.path("payment_failure_reason").asText()).isEqualTo("DO_NOT_HONOR");
        assertThat(doc.path("customer_tier").asText()).as("profile from restored state").isEqualTo("GOLD");
        assertThat(doc.path("risk_level").asText()).as("two failures: 1 point").isEqualTo("LOW");
    }

    @Test
    @Order(7)
    void replayAfterRestartLeavesTheSameDocuments() throws Exception {
        Map<String, JsonNode> before = new LinkedHashMap<>();
        for (String id : orderIds) {
            before.put(id, es.document(INDEX, id).orElseThrow());
        }
        job.cancel().get();
        job = start("run-2");

        for (Map.Entry<String, JsonNode> expected : before.entrySet()) {
            long seqNoBefore = expected.getValue().path("_seq_no").asLong();
            long deadline = System.nanoTime() + WAIT.toNanos();
            JsonNode now = es.document(INDEX, expected.getKey()).orElseThrow();
            while (now.path("_seq_no").asLong() == seqNoBefore && System.nanoTime() < deadline) {
                Thread.sleep(250);
                now = es.document(INDEX, expected.getKey()).orElseThrow();
            }
            assertThat(now.path("_seq_no").asLong()).as("%s was written again by the replay", expected.getKey())
                    .isGreaterThan(seqNoBefore);
            assertThat(now.path("_source")).as(expected.getKey()).isEqualTo(expected.getValue().path("_source"));
            assertThat(now.path("_version").asLong()).isEqualTo(expected.getValue().path("_version").asLong());
        }
    }

    private void sendOrder(io.infometis.streams.events.Order order) throws Exception {
        if (!orderIds.contains(order.getOrderId())) {
            orderIds.add(order.getOrderId());
        }
        kafka.send(ORDERS, Topics.ORDERS, order.getOrderId(), order);
    }

    /** The records the job published for one order, in order (one partition per key). */
    private List<EnrichedOrder> published(String orderId, int atLeast) throws Exception {
        DeserializationSchema<EnrichedOrder> deserializer = kafka.serdes().deserializer(EnrichedOrder.class);
        deserializer.open(null);
        long deadline = System.nanoTime() + WAIT.toNanos();
        List<EnrichedOrder> mine = new ArrayList<>();
        while (mine.size() < atLeast && System.nanoTime() < deadline) {
            mine.clear();
            for (ConsumerRecord<byte[], byte[]> r : kafka.read(ENRICHED, Integer.MAX_VALUE, Duration.ofSeconds(1))) {
                if (orderId.equals(TopicReader.key(r))) {
                    mine.add(deserializer.deserialize(r.value()));
                }
            }
        }
        return mine;
    }

    private JobClient start(String run) throws Exception {
        return start(run, null);
    }

    private JobClient start(String run, String savepoint) throws Exception {
        Map<String, String> values = new HashMap<>();
        values.put("kafka.bootstrap.servers", STACK.kafkaBootstrapServers());
        values.put("schema.registry.url", STACK.registryUrl());
        values.put("elasticsearch.hosts", STACK.elasticsearchUrl());
        values.put("elasticsearch.bulk.interval", "200 ms");
        values.put("kafka.group.id", "it-enrich-" + run);
        values.put("kafka.transactional-id-prefix", "it-enrich-" + run);
        values.put("kafka.starting-offsets", "earliest");
        values.put("topic.orders", ORDERS);
        values.put("topic.payments", PAYMENTS);
        values.put("topic.customers", CUSTOMERS);
        values.put("topic.orders-enriched", ENRICHED);
        values.put("topic.dlq", DLQ);
        values.put("enrichment.profile-wait", "5 s");
        JobConfig config = JobConfig.of(values);
        config.validate(EnrichmentKeys.all());
        ElasticsearchSettings settings = ElasticsearchSettings.fromConfig(config);
        IndexTemplates.installAll(settings);

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        env.enableCheckpointing(500);
        OrderEnrichmentJob.wire(env, config, settings, Clock.systemUTC());
        StreamGraph graph = env.getStreamGraph();
        graph.setJobName("order-enrichment-" + run);
        if (savepoint != null) {
            graph.setSavepointRestoreSettings(SavepointRestoreSettings.forPath(savepoint, false));
        }
        return env.executeAsync(graph);
    }
}
