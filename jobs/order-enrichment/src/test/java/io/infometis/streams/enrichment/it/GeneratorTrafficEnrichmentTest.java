package io.infometis.streams.enrichment.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.infometis.streams.common.config.JobConfig;
import io.infometis.streams.enrichment.EnrichmentKeys;
import io.infometis.streams.enrichment.OrderEnrichmentJob;
import io.infometis.streams.events.Customer;
import io.infometis.streams.events.Order;
import io.infometis.streams.events.Payment;
import io.infometis.streams.events.PaymentStatus;
import io.infometis.streams.events.Topics;
import io.infometis.streams.generator.GeneratedRecord;
import io.infometis.streams.generator.Generator;
import io.infometis.streams.generator.GeneratorSettings;
import io.infometis.streams.sinks.elasticsearch.ElasticsearchSettings;
import io.infometis.streams.sinks.elasticsearch.IndexTemplates;
import io.infometis.streams.testing.RealStackExtension;
import io.infometis.streams.testing.clients.ElasticsearchTestClient;
import io.infometis.streams.testing.clients.KafkaTestIo;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The generator's seeded traffic (late profiles, jittered event times, failed payments, bad records) through the
 * job: every order of the run ends as exactly one document whose status, payment status, failure count and
 * customer tier equal what the records say, computed here independently (newest event by event time).
 */
class GeneratorTrafficEnrichmentTest {

    @RegisterExtension
    static final RealStackExtension STACK = RealStackExtension.builder().kafka().registry().elasticsearch().build();

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    private static final String PREFIX = "itgen-enrich";
    private static final String INDEX = "itgen-enrich-orders";
    private static final Set<String> JOB_TOPICS =
            Set.of(Topics.ORDERS.name(), Topics.PAYMENTS.name(), Topics.CUSTOMERS.name());

    @Test
    void everyOrderOfTheRunEndsAsOneDocumentWithItsFinalState() throws Exception {
        for (String t : List.of("orders", "payments", "customers", "orders-enriched")) {
            STACK.createTopic(PREFIX + "-" + t, 2);
        }
        STACK.createTopic(PREFIX + "-dlq", 1);
        Generator.Run run = Generator.run(GeneratorSettings.builder().seed(11).users(80).count(800).eventRate(20)
                .tail(Duration.ofMinutes(1)).lateProfileFraction(0.3)
                .start(Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(2))).build());

        Map<String, Map<String, Object>> expected = expectedDocuments(run);
        assertThat(expected).as("a run with a few hundred orders").hasSizeGreaterThan(100);

        try (KafkaTestIo kafka = new KafkaTestIo(STACK)) {
            List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
            for (GeneratedRecord r : run.records()) {
                if (JOB_TOPICS.contains(r.topic())) {
                    records.add(new ProducerRecord<>(PREFIX + "-" + r.topic(), r.key().getBytes(StandardCharsets.UTF_8),
                            r.valueBytes((topic, v) -> kafka.encode(Topics.byName(topic).orElseThrow(), v))));
                }
            }
            kafka.sendAll(records);
            JobClient job = start();
            try {
                ElasticsearchTestClient es = new ElasticsearchTestClient(STACK.elasticsearchUrl());
                Map<String, JsonNode> docs = new TreeMap<>();
                long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
                while (System.nanoTime() < deadline) {
                    docs.clear();
                    for (JsonNode hit : es.search(INDEX, "{\"size\":10000}").path("hits").path("hits")) {
                        docs.put(hit.path("_id").asText(), hit.path("_source"));
                    }
                    if (docs.size() == expected.size() && docs.values().stream().allMatch(d -> matches(d,
                            expected.get(d.path("order_id").asText())))) {
                        break;
                    }
                    Thread.sleep(1000);
                }
                assertThat(docs.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
                expected.forEach((orderId, fields) -> fields.forEach((field, value) ->
                        assertThat(text(docs.get(orderId).path(field))).as(orderId + " " + field)
                                .isEqualTo(String.valueOf(value))));
            } finally {
                job.cancel().get();
            }
        }
    }

    private static boolean matches(JsonNode doc, Map<String, Object> fields) {
        return fields != null && fields.entrySet().stream()
                .allMatch(e -> text(doc.path(e.getKey())).equals(String.valueOf(e.getValue())));
    }

    /** A null or absent field reads as "". */
    private static String text(JsonNode value) {
        return value.isNull() || value.isMissingNode() ? "" : value.asText();
    }

    /** The newest order and payment event per order, the newest profile per user, from the good records. */
    private static Map<String, Map<String, Object>> expectedDocuments(Generator.Run run) {
        Map<String, Order> lastOrder = new HashMap<>();
        for (Order o : run.good(Order.class)) {
            lastOrder.merge(o.getOrderId(), o, (a, b) -> Comparator.comparing((Order x) -> x.getEventTime())
                    .thenComparing(x -> x.getStatus().ordinal()).compare(a, b) >= 0 ? a : b);
        }
        Map<String, Payment> lastPayment = new HashMap<>();
        Map<String, Integer> failures = new HashMap<>();
        for (Payment p : run.good(Payment.class)) {
            lastPayment.merge(p.getOrderId(), p, (a, b) -> Comparator.comparing((Payment x) -> x.getEventTime())
                    .thenComparing(x -> List.of(PaymentStatus.FAILED, PaymentStatus.AUTHORIZED, PaymentStatus.REFUNDED)
                            .indexOf(x.getStatus())).compare(a, b) >= 0 ? a : b);
            if (p.getStatus() == PaymentStatus.FAILED) {
                failures.merge(p.getOrderId(), 1, Integer::sum);
            }
        }
        Map<String, Customer> profile = new HashMap<>();
        for (Customer c : run.good(Customer.class)) {
            profile.merge(c.getUserId(), c, (a, b) -> a.getEventTime().isAfter(b.getEventTime()) ? a : b);
        }
        Map<String, Map<String, Object>> expected = new TreeMap<>();
        lastOrder.forEach((orderId, order) -> {
            Map<String, Object> fields = new TreeMap<>();
            fields.put("status", order.getStatus());
            fields.put("user_id", order.getUserId());
            Payment payment = lastPayment.get(orderId);
            fields.put("payment_status", payment == null ? "" : payment.getStatus());
            fields.put("failed_payment_count", failures.getOrDefault(orderId, 0));
            Customer customer = profile.get(order.getUserId());
            fields.put("enriched", customer != null);
            fields.put("customer_tier", customer == null ? "" : customer.getTier());
            expected.put(orderId, fields);
        });
        return expected;
    }

    private static JobClient start() throws Exception {
        Map<String, String> values = new HashMap<>();
        values.put("kafka.bootstrap.servers", STACK.kafkaBootstrapServers());
        values.put("schema.registry.url", STACK.registryUrl());
        values.put("elasticsearch.hosts", STACK.elasticsearchUrl());
        values.put("elasticsearch.bulk.interval", "200 ms");
        values.put("kafka.group.id", PREFIX);
        values.put("kafka.transactional-id-prefix", PREFIX);
        values.put("kafka.starting-offsets", "earliest");
        for (String t : List.of("orders", "payments", "customers", "orders-enriched", "dlq")) {
            values.put("topic." + t, PREFIX + "-" + t);
        }
        values.put("enrichment.profile-wait", "2 s");
        values.put("enrichment.index", INDEX);
        JobConfig config = JobConfig.of(values);
        config.validate(EnrichmentKeys.all());
        ElasticsearchSettings settings = ElasticsearchSettings.fromConfig(config);
        IndexTemplates.installAll(settings);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        env.enableCheckpointing(500);
        OrderEnrichmentJob.wire(env, config, settings, Clock.systemUTC());
        return env.executeAsync("order-enrichment-generator");
    }
}
