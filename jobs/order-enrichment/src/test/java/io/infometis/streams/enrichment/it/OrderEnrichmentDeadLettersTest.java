package io.infometis.streams.enrichment.it;

import static io.infometis.streams.enrichment.TestEvents.customer;
import static io.infometis.streams.enrichment.TestEvents.order;
import static io.infometis.streams.enrichment.TestEvents.payment;
import static org.assertj.core.api.Assertions.assertThat;

import io.infometis.streams.common.config.JobConfig;
import io.infometis.streams.common.deadletter.DeadLetterHeaders;
import io.infometis.streams.enrichment.EnrichmentKeys;
import io.infometis.streams.enrichment.OrderEnrichmentJob;
import io.infometis.streams.events.Customer;
import io.infometis.streams.events.CustomerTier;
import io.infometis.streams.events.Order;
import io.infometis.streams.events.OrderStatus;
import io.infometis.streams.events.Payment;
import io.infometis.streams.events.PaymentStatus;
import io.infometis.streams.events.Topics;
import io.infometis.streams.sinks.elasticsearch.ElasticsearchSettings;
import io.infometis.streams.testing.RealStackExtension;
import io.infometis.streams.testing.clients.ElasticsearchTestClient;
import io.infometis.streams.testing.clients.KafkaTestIo;
import io.infometis.streams.testing.clients.TopicReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Poison pills and rejected documents: every kind of bad input (undecodable, tombstone, missing ids, negative
 * amounts, unknown currency, far-future timestamps) on each input topic, and a document Elasticsearch refuses
 * (mapping conflict), each end in {@code dlq} exactly once with its reason; the job keeps running.
 */
class OrderEnrichmentDeadLettersTest {

    @RegisterExtension
    static final RealStackExtension STACK = RealStackExtension.builder().kafka().registry().elasticsearch().build();

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    private static final String ORDERS = "it-dl-orders";
    private static final String PAYMENTS = "it-dl-payments";
    private static final String CUSTOMERS = "it-dl-customers";
    private static final String ENRICHED = "it-dl-orders-enriched";
    private static final String DLQ = "it-dl-dlq";
    /** Created with {@code currency} mapped as a number: every order document is a mapping conflict. */
    private static final String CONFLICTING_INDEX = "it-dl-orders-conflict";

    @Test
    void everyBadInputAndEveryRejectedDocumentEndsInTheDlqWithItsReason() throws Exception {
        for (String topic : List.of(ORDERS, PAYMENTS, CUSTOMERS, ENRICHED, DLQ)) {
            STACK.createTopic(topic, 1);
        }
        ElasticsearchTestClient es = new ElasticsearchTestClient(STACK.elasticsearchUrl());
        es.send("PUT", "/" + CONFLICTING_INDEX,
                "{\"settings\":{\"number_of_replicas\":0},\"mappings\":{\"properties\":{\"currency\":{\"type\":\"long\"}}}}");

        Map<String, String> expectedReasons = new LinkedHashMap<>();
        try (KafkaTestIo kafka = new KafkaTestIo(STACK)) {
            kafka.sendRaw(ORDERS, "garbage", "not avro".getBytes(StandardCharsets.UTF_8));
            expectedReasons.put("garbage", "cannot decode Avro");
            kafka.sendRaw(ORDERS, "tombstone", null);
            expectedReasons.put("tombstone", "null value (tombstone) on an Avro topic");

            Order missingId = order("o-x", "u-1", OrderStatus.CREATED, 0);
            missingId.setOrderId("");
            kafka.send(ORDERS, Topics.ORDERS, "order-missing-id", missingId);
            expectedReasons.put("order-missing-id", "invalid Order: missing order_id");
            Order negative = order("o-neg", "u-1", OrderStatus.CREATED, 0);
            negative.setAmount(-5);
            kafka.send(ORDERS, Topics.ORDERS, "order-negative", negative);
            expectedReasons.put("order-negative", "invalid Order: negative amount: -5");
            Order currency = order("o-cur", "u-1", OrderStatus.CREATED, 0);
            currency.setCurrency("EUX");
            kafka.send(ORDERS, Topics.ORDERS, "order-currency", currency);
            expectedReasons.put("order-currency", "invalid Order: unknown currency 'EUX' (not ISO-4217)");
            Order future = order("o-fut", "u-1", OrderStatus.CREATED, Duration.ofDays(3).toMillis());
            kafka.send(ORDERS, Topics.ORDERS, "order-future", future);
            expectedReasons.put("order-future", "invalid Order: event_time " + future.getEventTime() + " is in the future");

            Payment noOrder = payment("o-1", "u-1", PaymentStatus.AUTHORIZED, null, 0);
            noOrder.setOrderId("");
            kafka.send(PAYMENTS, Topics.PAYMENTS, "payment-missing-order", noOrder);
            expectedReasons.put("payment-missing-order", "invalid Payment: missing order_id");
            Payment negativePayment = payment("o-1", "u-1", PaymentStatus.AUTHORIZED, null, 0);
            negativePayment.setAmount(-1);
            kafka.send(PAYMENTS, Topics.PAYMENTS, "payment-negative", negativePayment);
            expectedReasons.put("payment-negative", "invalid Payment: negative amount: -1");

            Customer noUser = customer("u-1", CustomerTier.GOLD, "NL", 0);
            noUser.setUserId(" ");
            kafka.send(CUSTOMERS, Topics.CUSTOMERS, "customer-missing-user", noUser);
            expectedReasons.put("customer-missing-user", "invalid Customer: missing user_id");

            // A good order: the job accepts it, Elasticsearch refuses its document.
            kafka.send(ORDERS, Topics.ORDERS, "o-good", order("o-good", "u-1", OrderStatus.CREATED, 0));
            expectedReasons.put("o-good", "Elasticsearch rejected the document (BAD_REQUEST)");

            JobClient job = start();
            try {
                List<ConsumerRecord<byte[], byte[]>> letters = kafka.read(DLQ, expectedReasons.size(),
                        Duration.ofSeconds(90));

                Map<String, List<ConsumerRecord<byte[], byte[]>>> byKey = letters.stream()
                        .collect(Collectors.groupingBy(TopicReader::key));
                assertThat(byKey.keySet()).containsExactlyInAnyOrderElementsOf(expectedReasons.keySet());
                assertThat(letters).as("one letter per bad input or rejected document").hasSize(expectedReasons.size());
                expectedReasons.forEach((key, reason) -> assertThat(
                        TopicReader.header(byKey.get(key).get(0), DeadLetterHeaders.REASON)).as(key).startsWith(reason));
                assertThat(TopicReader.header(byKey.get("o-good").get(0), DeadLetterHeaders.SOURCE_TOPIC))
                        .isEqualTo("elasticsearch:" + CONFLICTING_INDEX);
                assertThat(TopicReader.header(byKey.get("order-negative").get(0), DeadLetterHeaders.JOB))
                        .isEqualTo(OrderEnrichmentJob.JOB_NAME);
                assertThat(job.getJobStatus().get().isGloballyTerminalState()).as("the job still runs").isFalse();
            } finally {
                job.cancel().get();
            }
        }
    }

    private static JobClient start() throws Exception {
        Map<String, String> values = new HashMap<>();
        values.put("kafka.bootstrap.servers", STACK.kafkaBootstrapServers());
        values.put("schema.registry.url", STACK.registryUrl());
        values.put("elasticsearch.hosts", STACK.elasticsearchUrl());
        values.put("elasticsearch.bulk.interval", "200 ms");
        values.put("kafka.group.id", "it-dl");
        values.put("kafka.transactional-id-prefix", "it-dl");
        values.put("kafka.starting-offsets", "earliest");
        values.put("topic.orders", ORDERS);
        values.put("topic.payments", PAYMENTS);
        values.put("topic.customers", CUSTOMERS);
        values.put("topic.orders-enriched", ENRICHED);
        values.put("topic.dlq", DLQ);
        values.put("enrichment.profile-wait", "0 s");
        values.put("enrichment.index", CONFLICTING_INDEX);
        JobConfig config = JobConfig.of(values);
        config.validate(EnrichmentKeys.all());
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        env.enableCheckpointing(500);
        OrderEnrichmentJob.wire(env, config, ElasticsearchSettings.fromConfig(config), Clock.systemUTC());
        return env.executeAsync("order-enrichment-dead-letters");
    }
}
