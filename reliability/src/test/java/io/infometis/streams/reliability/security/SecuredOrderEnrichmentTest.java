package io.infometis.streams.reliability.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.infometis.streams.common.config.JobConfig;
import io.infometis.streams.common.preflight.Preflight;
import io.infometis.streams.enrichment.EnrichmentKeys;
import io.infometis.streams.enrichment.OrderEnrichmentJob;
import io.infometis.streams.events.Customer;
import io.infometis.streams.events.CustomerTier;
import io.infometis.streams.events.Order;
import io.infometis.streams.events.OrderItem;
import io.infometis.streams.events.OrderStatus;
import io.infometis.streams.events.RegistrySerdes;
import io.infometis.streams.events.TopicSpec;
import io.infometis.streams.events.Topics;
import io.infometis.streams.sinks.elasticsearch.ElasticsearchPreflight;
import io.infometis.streams.sinks.elasticsearch.ElasticsearchSettings;
import io.infometis.streams.sinks.elasticsearch.IndexTemplates;
import io.infometis.streams.testing.RealStackExtension;
import io.infometis.streams.testing.clients.TopicReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The real order-enrichment job, wired as its main() wires it, against Kafka on SASL_SSL (ACLs on) and
 * Elasticsearch on HTTPS with a password, configured only through documented keys, secrets in files: the order is
 * enriched with its customer, published exactly once and indexed; the customer's e-mail never reaches the index.
 */
class SecuredOrderEnrichmentTest {

    @RegisterExtension
    static final RealStackExtension STACK = RealStackExtension.builder().kafka().registry().elasticsearch()
            .secured().build();

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    private static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(1, ChronoUnit.DAYS);
    private static final String ORDERS = "sec-enrich-orders";
    private static final String PAYMENTS = "sec-enrich-payments";
    private static final String CUSTOMERS = "sec-enrich-customers";
    private static final String ENRICHED = "sec-enrich-orders-enriched";
    private static final String DLQ = "sec-enrich-dlq";

    @Test
    void enrichesPublishesAndIndexesOverSaslSslAndHttps() throws Exception {
        for (String topic : List.of(ORDERS, PAYMENTS, CUSTOMERS, ENRICHED)) {
            STACK.createTopic(topic, 1);
        }
        STACK.createTopic(DLQ, 1);
        Map<String, String> settings = new HashMap<>(STACK.credentials().jobSettings());
        settings.putAll(Map.of("kafka.bootstrap.servers", STACK.kafkaBootstrapServers(),
                "schema.registry.url", STACK.registryUrl(), "elasticsearch.hosts", STACK.elasticsearchUrl(),
                "kafka.starting-offsets", "earliest", "topic.orders", ORDERS, "topic.payments", PAYMENTS,
                "topic.customers", CUSTOMERS, "topic.orders-enriched", ENRICHED, "topic.dlq", DLQ));
        JobConfig config = JobConfig.of(settings);
        config.validate(EnrichmentKeys.all());

        // What main() does (plus the preflight the job should call, see docs/security.md).
        Preflight.check(config, List.of(Topics.ORDERS, Topics.PAYMENTS, Topics.CUSTOMERS, Topics.DLQ));
        ElasticsearchSettings es = ElasticsearchSettings.fromConfig(config);
        ElasticsearchPreflight.check(es);
        IndexTemplates.installAll(es);

        send(CUSTOMERS, Topics.CUSTOMERS, "u-s", Customer.newBuilder().setEventId("cust-u-s").setEventTime(T0)
                .setUserId("u-s").setCountry("NL").setTier(CustomerTier.GOLD).setSignupDate(LocalDate.parse("2024-01-15"))
                .setSegment("consumer").setEmail("u-s@example.com").build());
        send(ORDERS, Topics.ORDERS, "o-s", Order.newBuilder().setEventId("o-s-created").setEventTime(T0.plusSeconds(5))
                .setOrderId("o-s").setUserId("u-s").setStatus(OrderStatus.CREATED)
                .setItems(List.of(OrderItem.newBuilder().setSku("sku-1").setCategory("books").setQuantity(1)
                        .setUnitPrice(4999).build()))
                .setAmount(4999).setCurrency("EUR").setShippingCountry("NL").build());

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.enableCheckpointing(1000);
        OrderEnrichmentJob.wire(env, config, es, Clock.systemUTC());
        JobClient job = env.executeAsync("secured-order-enrichment");
        try {
            JsonNode doc = awaitEnriched(es, "o-s");
            assertThat(doc.path("customer_tier").asText()).isEqualTo("GOLD");
            assertThat(doc.toString()).doesNotContain("example.com");

            List<ConsumerRecord<byte[], byte[]>> published = TopicReader.readAtLeast(
                    STACK.consumerProperties("sec-enrich-read"), ENRICHED, 1, Duration.ofSeconds(60));
            assertThat(published).isNotEmpty();
            assertThat(published).extracting(r -> new String(r.key(), StandardCharsets.UTF_8)).containsOnly("o-s");
        } finally {
            job.cancel().get();
        }
    }

    private static <T extends SpecificRecord> void send(String topic, TopicSpec spec, String key, T value)
            throws Exception {
        @SuppressWarnings("unchecked")
        Class<T> type = (Class<T>) value.getClass();
        byte[] bytes = new RegistrySerdes(STACK.registryUrl(), Map.of()).serializer(type, spec).serialize(value);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(STACK.producerProperties())) {
            producer.send(new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8), bytes)).get();
        }
    }

    /** The document once enriched, read over HTTPS as the job user. */
    private static JsonNode awaitEnriched(ElasticsearchSettings es, String id) throws Exception {
        ObjectMapper json = new ObjectMapper();
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        try (RestClient client = es.restClient()) {
            while (System.nanoTime() < deadline) {
                try {
                    JsonNode source = json.readTree(client.performRequest(new Request("GET", "/orders/_doc/" + id))
                            .getEntity().getContent()).path("_source");
                    if (source.path("enriched").asBoolean()) {
                        return source;
                    }
                } catch (ResponseException notYet) {
                    // 404 until the first bulk lands
                }
                Thread.sleep(500);
            }
        }
        throw new AssertionError("order " + id + " was not indexed enriched within 90 s");
    }
}
