package io.infometis.streams.testing;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.infometis.streams.events.TopicSpec;
import io.infometis.streams.events.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RealStackKafkaTest {

    @RegisterExtension
    static final RealStackExtension STACK = RealStackExtension.builder().kafka().build();

    @Test
    void createsEveryCatalogueTopicWithItsLayout() throws Exception {
        try (Admin admin = Admin.create(STACK.adminProperties())) {
            Set<String> names = Topics.all().stream().map(TopicSpec::name).collect(Collectors.toSet());
            Map<String, TopicDescription> described = admin.describeTopics(names).allTopicNames().get();
            for (TopicSpec spec : Topics.all()) {
                assertThat(described.get(spec.name()).partitions()).as(spec.name()).hasSize(spec.partitions());
            }
            ConfigResource customers = new ConfigResource(ConfigResource.Type.TOPIC, Topics.CUSTOMERS.name());
            ConfigResource alerts = new ConfigResource(ConfigResource.Type.TOPIC, Topics.ALERTS.name());
            Map<ConfigResource, Config> configs = admin.describeConfigs(List.of(customers, alerts)).all().get();
            assertThat(configs.get(customers).get("cleanup.policy").value()).isEqualTo("compact");
            assertThat(configs.get(alerts).get("cleanup.policy").value()).isEqualTo("delete");
            assertThat(configs.get(alerts).get("retention.ms").value())
                    .isEqualTo(Long.toString(Topics.ALERTS.retention().toMillis()));
        }
    }

    @Test
    void producesAndConsumesThroughTheRealBroker() {
        STACK.createTopic("round-trip", 2);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(STACK.producerProperties())) {
            for (int i = 0; i < 10; i++) {
                producer.send(new ProducerRecord<>("round-trip", ("k" + i).getBytes(UTF_8), ("v" + i).getBytes(UTF_8)));
            }
            producer.flush();
        }
        List<String> values = consumeValues("round-trip", "round-trip-group", 10);
        assertThat(values).containsExactlyInAnyOrder("v0", "v1", "v2", "v3", "v4", "v5", "v6", "v7", "v8", "v9");
    }

    @Test
    void readCommittedConsumerSeesOnlyCommittedTransactions() {
        STACK.createTopic("transactions", 1);
        Properties props = STACK.producerProperties();
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "real-stack-test-tx");
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props)) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>("transactions", "committed-1".getBytes(UTF_8)));
            producer.send(new ProducerRecord<>("transactions", "committed-2".getBytes(UTF_8)));
            producer.commitTransaction();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>("transactions", "aborted".getBytes(UTF_8)));
            producer.flush();
            producer.abortTransaction();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>("transactions", "committed-3".getBytes(UTF_8)));
            producer.commitTransaction();
        }
        // The last committed record comes after the aborted one, so reading it proves the aborted one was skipped.
        List<String> values = consumeValues("transactions", "tx-group", 3);
        assertThat(values).containsExactly("committed-1", "committed-2", "committed-3");
    }

    private static List<String> consumeValues(String topic, String group, int expected) {
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(STACK.consumerProperties(group))) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (values.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    values.add(new String(record.value(), UTF_8));
                }
            }
            // One more poll: anything beyond the expected records (e.g. an aborted one) would show up here.
            consumer.poll(Duration.ofSeconds(1)).forEach(r -> values.add(new String(r.value(), UTF_8)));
        }
        return values;
    }
}
