package io.infometis.streams.fraud.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.infometis.streams.common.config.JobConfig;
import io.infometis.streams.events.Alert;
import io.infometis.streams.events.RegistrySerdes;
import io.infometis.streams.events.Topics;
import io.infometis.streams.fraud.FraudDetectionJob;
import io.infometis.streams.fraud.FraudInputs;
import io.infometis.streams.fraud.config.FraudKeys;
import io.infometis.streams.generator.GeneratedRecord;
import io.infometis.streams.generator.kafka.KafkaEventWriter;
import io.infometis.streams.generator.kafka.TopicNames;
import io.infometis.streams.sinks.elasticsearch.ElasticsearchSettings;
import io.infometis.streams.sinks.elasticsearch.IndexTemplates;
import io.infometis.streams.stack.KafkaTopics;
import io.infometis.streams.testing.RealStackExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * One test's own topics (prefixed, so tests sharing the stack never see each other's data), the job's
 * configuration pointing at them, and the reads a test needs: alerts (read_committed, decoded through the
 * registry), dead letters, committed offsets, Elasticsearch documents.
 */
public final class KafkaJobFixture {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final RealStackExtension stack;
    private final String prefix;
    private final Map<String, String> topics = new HashMap<>();

    public KafkaJobFixture(RealStackExtension stack, String prefix, int eventPartitions) {
        this.stack = stack;
        this.prefix = prefix;
        List<NewTopic> created = new ArrayList<>();
        for (String t : List.of(Topics.PAYMENTS.name(), Topics.USER_EVENTS.name(), Topics.ORDERS.name(),
                Topics.ALERT_RULES.name(), Topics.DLQ.name(), Topics.ALERTS.name())) {
            topics.put(t, prefix + "-" + t);
            int partitions = t.equals(Topics.ALERTS.name()) ? 2
                    : t.equals(Topics.ALERT_RULES.name()) || t.equals(Topics.DLQ.name()) ? 1 : eventPartitions;
            // Alerts carry their event time as record timestamp, months in the past here: with the default
            // 7-day retention the broker's first retention pass (30 s after start) would delete them mid-test.
            created.add(new NewTopic(prefix + "-" + t, partitions, (short) 1)
                    .configs(Map.of("retention.ms", "-1")));
        }
        try (Admin admin = Admin.create(stack.adminProperties())) {
            admin.createTopics(created).all().get();
            // Every partition has a leader before anyone writes (see KafkaTopics.awaitLeaders).
            KafkaTopics.awaitLeaders(admin, created.stream().map(NewTopic::name).toList(),
                    stack.kafkaBootstrapServers());
        } catch (Exception e) {
            throw new IllegalStateException("cannot create the test topics of " + prefix, e);
        }
    }

    public String topic(String catalogueName) {
        return topics.get(catalogueName);
    }

    public String groupId() {
        return prefix + "-job";
    }

    public JobConfig config(Map<String, String> extra) {
        Map<String, String> values = new HashMap<>();
        values.put("kafka.bootstrap.servers", stack.kafkaBootstrapServers());
        values.put("schema.registry.url", stack.registryUrl());
        values.put("elasticsearch.hosts", stack.elasticsearchUrl());
        values.put("elasticsearch.bulk.interval", "200 ms");
        values.put("kafka.group.id", groupId());
        values.put("kafka.transactional-id-prefix", prefix);
        values.put("kafka.starting-offsets", "earliest");
        values.put("fraud.job-name", prefix);
        topics.forEach((catalogue, actual) -> values.put("topic." + catalogue, actual));
        values.putAll(extra);
        JobConfig config = JobConfig.of(values);
        config.validate(FraudKeys.allWithCommon());
        return config;
    }

    /** Starts the real job wiring (as main() does) on the MiniCluster, checkpointing every second. */
    public JobClient start(JobConfig config, UnaryOperator<FraudInputs> decorate,
            java.util.function.Consumer<StreamExecutionEnvironment> tune) throws Exception {
        ElasticsearchSettings es = ElasticsearchSettings.fromConfig(config);
        IndexTemplates.installAll(es);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        env.enableCheckpointing(1000);
        tune.accept(env);
        FraudDetectionJob.build(env, config, FraudKeys.settings(config), es, decorate);
        return env.executeAsync(prefix);
    }

    /** Sends generated records to this fixture's topics, as the generator command does. */
    public void write(List<GeneratedRecord> records) {
        try (KafkaEventWriter writer = KafkaEventWriter.builder()
                .bootstrapServers(stack.kafkaBootstrapServers())
                .registryUrl(stack.registryUrl())
                .topicNames(TopicNames.of(topics))
                .build()) {
            writer.write(records.iterator());
        }
    }

    /** Sends one raw record (rules are JSON; null value = tombstone). */
    public void send(String catalogueTopic, String key, String value) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(stack.producerProperties())) {
            producer.send(new ProducerRecord<>(topic(catalogueTopic), key.getBytes(StandardCharsets.UTF_8),
                    value == null ? null : value.getBytes(StandardCharsets.UTF_8))).get();
        }
    }

    /**
     * Every alert committed so far, read from the start of every partition (assigned, no consumer group, so no
     * rebalance can hide a partition), after waiting until {@code done} holds for them or the timeout passed.
     */
    public List<Alert> alerts(java.util.function.Predicate<List<Alert>> done, Duration timeout) throws Exception {
        DeserializationSchema<Alert> decoder =
                new RegistrySerdes(stack.registryUrl(), Map.of()).deserializer(Alert.class);
        decoder.open(null);
        List<Alert> alerts = new ArrayList<>();
        Properties props = stack.consumerProperties(prefix + "-reader");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
            String topic = topic(Topics.ALERTS.name());
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!done.test(alerts) && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(250))) {
                    alerts.add(decoder.deserialize(r.value()));
                }
            }
            // A few more checkpoints' worth: anything arriving now is an extra or a duplicate.
            long settle = System.nanoTime() + Duration.ofSeconds(3).toNanos();
            while (System.nanoTime() < settle) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(250))) {
                    alerts.add(decoder.deserialize(r.value()));
                }
            }
        }
        return alerts;
    }

    /** Dead letters (read_committed) until at least {@code count} arrived or the timeout passed. */
    public List<ConsumerRecord<byte[], byte[]>> deadLetters(int count, Duration timeout) {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer =
                     new KafkaConsumer<>(stack.consumerProperties(prefix + "-dlq-" + System.nanoTime()))) {
            consumer.subscribe(List.of(topic(Topics.DLQ.name())));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (records.size() < count && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(250)).forEach(records::add);
            }
            consumer.poll(Duration.ofSeconds(1)).forEach(records::add);
        }
        return records;
    }

    /** True once the job's consumer group has committed (on a checkpoint) every record of the topic. */
    public boolean consumedAll(String catalogueTopic) throws Exception {
        try (Admin admin = Admin.create(stack.adminProperties())) {
            Map<TopicPartition, OffsetAndMetadata> committed =
                    admin.listConsumerGroupOffsets(groupId()).partitionsToOffsetAndMetadata().get();
            String topic = topic(catalogueTopic);
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions()
                    .forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
            var ends = admin.listOffsets(latest).all().get();
            for (var e : ends.entrySet()) {
                long end = e.getValue().offset();
                OffsetAndMetadata c = committed.get(e.getKey());
                if (end > 0 && (c == null || c.offset() < end)) {
                    return false;
                }
            }
            return true;
        }
    }

    /** Waits until the job has consumed and checkpointed everything sent to the topic so far. */
    public void awaitConsumed(String catalogueTopic) throws InterruptedException {
        await(catalogueTopic + " consumed and checkpointed", Duration.ofSeconds(60), () -> {
            try {
                return consumedAll(catalogueTopic);
            } catch (Exception e) {
                return false; // the group may not exist before the first checkpoint
            }
        });
    }

    public static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what);
            }
            Thread.sleep(200);
        }
    }

    /** Documents of an index pattern (after a refresh), as JSON sources. */
    public List<JsonNode> documents(String indexPattern) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String base = stack.elasticsearchUrl();
        http.send(HttpRequest.newBuilder(URI.create(base + "/" + indexPattern + "/_refresh"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create(base + "/" + indexPattern + "/_search?size=10000&ignore_unavailable=true"))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        List<JsonNode> docs = new ArrayList<>();
        JSON.readTree(response.body()).path("hits").path("hits").forEach(hit -> {
            com.fasterxml.jackson.databind.node.ObjectNode source = hit.path("_source").deepCopy();
            source.put("_index", hit.path("_index").asText());
            source.put("_id", hit.path("_id").asText());
            docs.add(source);
        });
        return docs;
    }

    /** The index mapping Elasticsearch created for an index (from the installed template). */
    public JsonNode mapping(String index) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                URI.create(stack.elasticsearchUrl() + "/" + index + "/_mapping")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body()).path(index).path("mappings");
    }
}
