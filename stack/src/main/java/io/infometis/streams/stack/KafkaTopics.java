package io.infometis.streams.stack;

import io.infometis.streams.events.TopicSpec;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

/** Creates topics on the local broker (replication factor 1), as the catalogue in {@code events} declares them. */
public final class KafkaTopics {

    private KafkaTopics() {}

    public static Admin admin(String bootstrapServers) {
        return admin(bootstrapServers, Map.of());
    }

    /** An admin client with extra client properties (security settings of a secured broker). */
    public static Admin admin(String bootstrapServers, Map<String, String> clientProperties) {
        Properties props = new Properties();
        props.putAll(clientProperties);
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000);
        return Admin.create(props);
    }

    /** Creates the topics; ones that already exist (a restarted CLI stack keeps its data) are left as they are. */
    public static void createAll(String bootstrapServers, Collection<TopicSpec> specs) {
        createAll(bootstrapServers, Map.of(), specs);
    }

    public static void createAll(String bootstrapServers, Map<String, String> clientProperties,
                                 Collection<TopicSpec> specs) {
        List<NewTopic> topics = new ArrayList<>();
        for (TopicSpec spec : specs) {
            topics.add(new NewTopic(spec.name(), spec.partitions(), (short) 1).configs(configs(spec)));
        }
        create(bootstrapServers, clientProperties, topics);
    }

    public static void create(String bootstrapServers, String name, int partitions) {
        create(bootstrapServers, Map.of(), name, partitions);
    }

    public static void create(String bootstrapServers, Map<String, String> clientProperties, String name,
                              int partitions) {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be >= 1 for topic " + name);
        }
        create(bootstrapServers, clientProperties, List.of(new NewTopic(name, partitions, (short) 1)));
    }

    private static void create(String bootstrapServers, Map<String, String> clientProperties, List<NewTopic> topics) {
        if (topics.isEmpty()) {
            return;
        }
        try (Admin admin = admin(bootstrapServers, clientProperties)) {
            Map<String, KafkaFuture<Void>> results = admin.createTopics(topics).values();
            for (Map.Entry<String, KafkaFuture<Void>> result : results.entrySet()) {
                try {
                    result.getValue().get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new StackException("Cannot create topic " + result.getKey() + " on " + bootstrapServers
                                + ": " + e.getCause().getMessage(), e.getCause());
                    }
                }
            }
            awaitLeaders(admin, results.keySet(), bootstrapServers);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("Interrupted while creating topics", e);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new StackException("Creating topics on " + bootstrapServers + " timed out", e);
        }
    }

    /**
     * Waits until the broker serves every partition of the topics. In KRaft, CreateTopics returns once the
     * controller has committed the topic; the broker applies that to its metadata cache afterwards. A producer that
     * starts in between gets UNKNOWN_TOPIC_OR_PARTITION and, with the idempotent 3.4 client, a CI run once saw one
     * partition's batches sit until delivery.timeout.ms (120 s) expired them. Describing through the same broker
     * until each partition has a leader closes that window.
     */
    public static void awaitLeaders(Admin admin, Collection<String> names, String bootstrapServers)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        String waitingFor = "";
        while (System.nanoTime() < deadline) {
            try {
                Map<String, TopicDescription> described = admin.describeTopics(names).allTopicNames()
                        .get(10, TimeUnit.SECONDS);
                waitingFor = leaderless(described);
                if (waitingFor.isEmpty()) {
                    return;
                }
            } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
                waitingFor = names + " (" + e.getMessage() + ")";
            }
            Thread.sleep(100);
        }
        throw new StackException("Topics created on " + bootstrapServers + " have no leader after 30 s: "
                + waitingFor);
    }

    private static String leaderless(Map<String, TopicDescription> described) {
        List<String> missing = new ArrayList<>();
        for (TopicDescription topic : described.values()) {
            for (TopicPartitionInfo partition : topic.partitions()) {
                if (partition.leader() == null || partition.leader().isEmpty()) {
                    missing.add(topic.name() + "-" + partition.partition());
                }
            }
        }
        return missing.isEmpty() ? "" : String.join(", ", missing);
    }

    static Map<String, String> configs(TopicSpec spec) {
        Map<String, String> configs = new HashMap<>();
        if (spec.compacted()) {
            configs.put(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
        }
        if (spec.retention() != null) {
            configs.put(TopicConfig.RETENTION_MS_CONFIG, Long.toString(spec.retention().toMillis()));
        }
        return configs;
    }
}
