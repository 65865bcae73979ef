package io.infometis.streams.ksql;

import static org.assertj.core.api.Assertions.assertThat;

import io.infometis.streams.ksql.check.KafkaTopicManifests;
import io.infometis.streams.ksql.check.ScriptChecks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading Strimzi KafkaTopic manifests, so the scripts' topics are checked against k8s/ once it has them. */
class KafkaTopicManifestsTest {

    @TempDir
    Path k8s;

    @Test
    void readsTopicNamesFromKafkaTopicDocumentsOnly() throws IOException {
        Files.createDirectories(k8s.resolve("base/topics"));
        Files.writeString(k8s.resolve("base/topics/topics.yaml"), """
                apiVersion: kafka.strimzi.io/v1beta2
                kind: KafkaTopic
                metadata:
                  name: user-events
                spec:
                  partitions: 4
                ---
                apiVersion: kafka.strimzi.io/v1beta2
                kind: KafkaTopic
                metadata:
                  name: orders-enriched-topic
                spec:
                  topicName: orders-enriched
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: not-a-topic
                """);

        assertThat(KafkaTopicManifests.topicsUnder(k8s)).contains(Set.of("user-events", "orders-enriched"));
    }

    @Test
    void noManifestsMeansNothingToCompareWith() {
        assertThat(KafkaTopicManifests.topicsUnder(k8s)).isEmpty();
        assertThat(KafkaTopicManifests.topicsUnder(k8s.resolve("missing"))).isEmpty();
    }

    @Test
    void everyScriptTopicMissingFromTheManifestsIsReported() throws IOException {
        Files.writeString(k8s.resolve("topics.yaml"), """
                kind: KafkaTopic
                metadata:
                  name: orders
                """);
        var problems = ScriptChecks.topics(ScriptsCheckTest.PROJECT.scriptStatements(),
                ScriptsCheckTest.catalogueTopics(), KafkaTopicManifests.topicsUnder(k8s));

        assertThat(problems).extracting(Object::toString)
                .anySatisfy(m -> assertThat(m).contains("010-source-streams.sql", "CREATE STREAM PAYMENTS",
                        "reads topic 'payments', which no Strimzi KafkaTopic manifest"))
                .noneSatisfy(m -> assertThat(m).contains("'orders',"));
    }
}
