package io.infometis.streams.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.infometis.streams.events.TopicSpec;
import io.infometis.streams.events.Topics;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Strimzi KafkaTopics are the catalogue (io.infometis.streams.events.Topics), exactly: the same names,
 * partitions, compaction and retention, nothing more except the registry's own storage topic (labelled
 * infometis.io/topic-kind=infrastructure). Replication is 1 on the one-node overlays and 3 in prod.
 */
class KafkaTopicCatalogueTest {

    private static final Map<String, Integer> REPLICAS = Map.of("dev", 1, "dev-session", 1, "prod", 3);

    static Stream<String> overlays() {
        return Rendered.OVERLAYS.stream();
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void kafkaTopicsAreExactlyTheCatalogue(String overlay) {
        List<Manifest> topics = Rendered.overlay(overlay).stream().filter(m -> m.is("KafkaTopic"))
                .filter(m -> !isInfrastructure(m)).toList();
        Map<String, Manifest> byTopic = topics.stream().collect(Collectors.toMap(KafkaTopicCatalogueTest::topicName,
                Function.identity()));
        Problems problems = new Problems();
        for (TopicSpec spec : Topics.all()) {
            Manifest m = byTopic.get(spec.name());
            if (m == null) {
                problems.add("overlay " + overlay + ": no KafkaTopic for catalogue topic " + spec.name()
                        + " (add it to base/kafka/topics.yaml)");
                continue;
            }
            JsonNode config = m.spec().path("config");
            problems.check(m.spec().path("partitions").asInt() == spec.partitions(), m.problem("spec.partitions",
                    "catalogue says " + spec.partitions() + ", got " + m.spec().path("partitions")));
            String policy = config.path("cleanup.policy").asText();
            problems.check(policy.equals(spec.compacted() ? "compact" : "delete"), m.problem(
                    "spec.config.cleanup.policy", "catalogue says " + (spec.compacted() ? "compact" : "delete")
                            + ", got '" + policy + "'"));
            Optional<Long> retention = config.has("retention.ms")
                    ? Optional.of(config.path("retention.ms").asLong()) : Optional.empty();
            Optional<Long> expected = Optional.ofNullable(spec.retention()).map(java.time.Duration::toMillis);
            problems.check(retention.equals(expected), m.problem("spec.config.retention.ms",
                    "catalogue says " + expected.map(String::valueOf).orElse("none") + ", got "
                            + retention.map(String::valueOf).orElse("none")));
            int replicas = m.spec().path("replicas").asInt();
            problems.check(replicas == REPLICAS.get(overlay), m.problem("spec.replicas",
                    "expected " + REPLICAS.get(overlay) + " in overlay " + overlay + ", got " + replicas));
            problems.check(config.path("min.insync.replicas").asInt() == Math.min(2, replicas),
                    m.problem("spec.config.min.insync.replicas", "expected " + Math.min(2, replicas) + " for "
                            + replicas + " replicas, got " + config.path("min.insync.replicas")));
        }
        for (Manifest m : topics) {
            problems.check(Topics.byName(topicName(m)).isPresent(), m.problem("metadata.name",
                    "topic '" + topicName(m) + "' is not in the catalogue (events/.../Topics.java)"));
        }
        problems.assertNone("KafkaTopics of overlay " + overlay);
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void theDeadLetterTopicOutlivesEveryTopicTheJobsRead(String overlay) {
        Map<String, Long> retention = Rendered.overlay(overlay).stream().filter(m -> m.is("KafkaTopic"))
                .filter(m -> m.spec().path("config").has("retention.ms"))
                .collect(Collectors.toMap(KafkaTopicCatalogueTest::topicName,
                        m -> m.spec().path("config").path("retention.ms").asLong()));
        assertThat(retention.get("dlq")).isNotNull();
        for (String source : List.of("user-events", "orders", "payments")) {
            assertThat(retention.get("dlq")).as("dlq retention vs %s", source).isGreaterThan(retention.get(source));
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyTopicBelongsToTheKafkaClusterOfTheOverlay(String overlay) {
        List<Manifest> manifests = Rendered.overlay(overlay);
        List<String> clusters = manifests.stream().filter(m -> m.is("Kafka")).map(Manifest::name).toList();
        assertThat(clusters).hasSize(1);
        Problems problems = new Problems();
        manifests.stream().filter(m -> m.is("KafkaTopic") || m.is("KafkaNodePool")).forEach(m -> {
            String label = m.body().path("metadata").path("labels").path("strimzi.io/cluster").asText();
            problems.check(label.equals(clusters.get(0)), m.problem("metadata.labels.strimzi.io/cluster",
                    "expected the overlay's Kafka cluster '" + clusters.get(0) + "', got '" + label + "'"));
        });
        problems.assertNone("Strimzi cluster labels of overlay " + overlay);
    }

    static String topicName(Manifest m) {
        return m.spec().path("topicName").asText(m.name());
    }

    static boolean isInfrastructure(Manifest m) {
        return "infrastructure".equals(m.body().path("metadata").path("labels").path("infometis.io/topic-kind").asText());
    }
}
