package io.infometis.streams.reliability.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.infometis.streams.common.config.JobConfig;
import io.infometis.streams.common.deadletter.DeadLetterHeaders;
import io.infometis.streams.common.deadletter.DeadLetterSink;
import io.infometis.streams.common.kafka.Decoded;
import io.infometis.streams.common.kafka.KafkaInput;
import io.infometis.streams.common.kafka.KafkaOutput;
import io.infometis.streams.common.kafka.RecordValidator;
import io.infometis.streams.common.preflight.Preflight;
import io.infometis.streams.events.Order;
import io.infometis.streams.events.RegistrySerdes;
import io.infometis.streams.events.TopicSpec;
import io.infometis.streams.events.Topics;
import io.infometis.streams.sinks.elasticsearch.ElasticsearchDocument;
import io.infometis.streams.sinks.elasticsearch.ElasticsearchPreflight;
import io.infometis.streams.sinks.elasticsearch.ElasticsearchSettings;
import io.infometis.streams.sinks.elasticsearch.ElasticsearchSinks;
import io.infometis.streams.testing.RealStackExtension;
import io.infometis.streams.testing.clients.TopicReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A job-common pipeline (KafkaInput.readAvro, KafkaOutput EXACTLY_ONCE, the dead-letter sink, ElasticsearchSinks)
 * against a broker that only speaks SASL_SSL (SCRAM-SHA-512, ACLs on) and an Elasticsearch that requires HTTPS and
 * a password, configured only through the documented keys with every secret behind {@code ${file:...}}.
 */
class SecuredPipelineTest {

    @RegisterExtension
    static final RealStackExtension STACK = RealStackExtension.builder().kafka().registry().elasticsearch()
            .secured().build();

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    private static final String JOB = "secured-pipeline";
    private static final TopicSpec OUTPUT = new TopicSpec("secured-orders-out", 1, false, null, Order.getClassSchema(),
            "order id", "orders copied by the secured pipeline test");
    private static final String INDEX = "orders";

    @Test
    void pipelineRunsOverSaslSslAndHttpsWithSecretsFromFilesOnly() throws Exception {
        String input = "secured-orders-in";
        String dlq = "secured-dlq";
        STACK.createTopic(input, 2);
        STACK.createTopic(OUTPUT.name(), 1);
        STACK.createTopic(dlq, 1);

        Map<String, String> settings = new HashMap<>(STACK.credentials().jobSettings());
        settings.putAll(Map.of(
                "kafka.bootstrap.servers", STACK.kafkaBootstrapServers(),
                "schema.registry.url", STACK.registryUrl(),
                "elasticsearch.hosts", STACK.elasticsearchUrl(),
                "kafka.starting-offsets", "earliest",
                "topic.orders", input,
                "topic.dlq", dlq));
        JobConfig config = JobConfig.of(settings);
        assertThat(config.toString()).as("secrets never reach a log line")
                .doesNotContain(STACK.credentials().kafkaPassword())
                .doesNotContain(STACK.credentials().elasticsearchPassword());

        // What a job's main() does first: fail fast here, not inside a restarting task.
        Preflight.check(config, List.of(Topics.ORDERS, Topics.DLQ));
        ElasticsearchSettings es = ElasticsearchSettings.fromConfig(config);
        ElasticsearchPreflight.check(es);

        RegistrySerdes serdes = new RegistrySerdes(STACK.registryUrl(), Map.of());
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(STACK.producerProperties())) {
            for (int i = 1; i <= 5; i++) {
                Order order = Orders.order("o-" + i, 100L * i);
                producer.send(new ProducerRecord<>(input, bytes(order.getOrderId()),
                        serdes.serializer(Order.class, Topics.ORDERS).serialize(order))).get();
            }
            producer.send(new ProducerRecord<>(input, bytes("poison"), bytes("not avro"))).get();
        }

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.enableCheckpointing(500);
        env.setParallelism(1);
        Decoded<Order> orders = KafkaInput.readAvro(env, config, JOB, Topics.ORDERS, Order.class,
                o -> o.getEventTime().toEpochMilli(), RecordValidator.none());
        orders.events().sinkTo(KafkaOutput.avro(config, JOB, OUTPUT, Order.class, o -> o.getOrderId().toString(),
                DeliveryGuarantee.EXACTLY_ONCE)).uid("orders-out");
        orders.events().sinkTo(ElasticsearchSinks.sink(es, (Order o) -> ElasticsearchDocument.replace(INDEX,
                o.getOrderId().toString(), "{\"order_id\":\"" + o.getOrderId() + "\",\"amount\":" + o.getAmount() + "}"),
                config, JOB)).uid("orders-es");
        orders.deadLetters().sinkTo(DeadLetterSink.create(config, JOB)).uid("dlq-sink");
        JobClient job = env.executeAsync(JOB);
        try {
            List<ConsumerRecord<byte[], byte[]>> copied = TopicReader.readAtLeast(STACK.consumerProperties("secured-out"),
                    OUTPUT.name(), 5, Duration.ofSeconds(90));
            assertThat(copied).extracting(r -> new String(r.key(), StandardCharsets.UTF_8))
                    .containsExactlyInAnyOrder("o-1", "o-2", "o-3", "o-4", "o-5");

            List<ConsumerRecord<byte[], byte[]>> letters = TopicReader.readAtLeast(STACK.consumerProperties("secured-dlq"),
                    dlq, 1, Duration.ofSeconds(60));
            assertThat(letters).hasSize(1);
            assertThat(TopicReader.header(letters.get(0), DeadLetterHeaders.REASON)).startsWith("cannot decode Avro");

            assertThat(indexedIds(es)).containsExactlyInAnyOrder("o-1", "o-2", "o-3", "o-4", "o-5");
            assertThat(job.getJobStatus().get().isGloballyTerminalState()).as("the job still runs").isFalse();
        } finally {
            job.cancel().get();
        }
    }

    /** Polls the index (HTTPS, as the job user) until the five documents are searchable. */
    private static List<String> indexedIds(ElasticsearchSettings es) throws Exception {
        ObjectMapper json = new ObjectMapper();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        List<String> ids = List.of();
        try (RestClient client = es.restClient()) {
            while (System.nanoTime() < deadline) {
                // The job user's role has no index maintenance rights (no _refresh): wait for the 1 s refresh.
                if (exists(client)) {
                    Request search = new Request("GET", "/" + INDEX + "/_search");
                    search.setJsonEntity("{\"size\":100}");
                    JsonNode hits = json.readTree(client.performRequest(search).getEntity().getContent())
                            .path("hits").path("hits");
                    ids = java.util.stream.StreamSupport.stream(hits.spliterator(), false)
                            .map(h -> h.path("_id").asText()).collect(Collectors.toList());
                    if (ids.size() >= 5) {
                        return ids;
                    }
                }
                Thread.sleep(500);
            }
        }
        return ids;
    }

    private static boolean exists(RestClient client) throws Exception {
        Request head = new Request("HEAD", "/" + INDEX);
        return client.performRequest(head).getStatusLine().getStatusCode() == 200;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
