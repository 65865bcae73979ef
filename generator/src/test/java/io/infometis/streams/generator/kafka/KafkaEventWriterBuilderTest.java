package io.infometis.streams.generator.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.KafkaException;
import org.junit.jupiter.api.Test;

class KafkaEventWriterBuilderTest {

    @Test
    void securityPropertiesReachTheProducer() {
        // The producer itself rejects an SSL setup whose truststore does not exist: proof the extras got through.
        assertThatThrownBy(() -> KafkaEventWriter.builder().bootstrapServers("127.0.0.1:1")
                .registryUrl("http://127.0.0.1:1/apis/ccompat/v7")
                .kafkaProperties(Map.of("security.protocol", "SSL",
                        "ssl.truststore.location", "/nonexistent/generator-truststore.jks",
                        "ssl.truststore.password", "changeit"))
                .build())
                .isInstanceOf(KafkaException.class)
                .hasStackTraceContaining("generator-truststore.jks");
    }

    @Test
    void missingOrMalformedSettingsNameTheOption() {
        assertThatThrownBy(() -> KafkaEventWriter.builder().build())
                .hasMessageStartingWith("bootstrap-servers: expected host:port");
        assertThatThrownBy(() -> KafkaEventWriter.builder().bootstrapServers("127.0.0.1:1").build())
                .hasMessageStartingWith("registry-url: expected the registry's Confluent-compatible URL");
        assertThatThrownBy(() -> KafkaEventWriter.builder().registryUrl("127.0.0.1:8081"))
                .hasMessageStartingWith("registry-url: expected an http(s):// URL");
        assertThatThrownBy(() -> KafkaEventWriter.builder().rate(-1))
                .hasMessageStartingWith("rate: expected records per second >= 0");
        assertThatThrownBy(() -> KafkaEventWriter.builder().progress(System.err, Duration.ZERO))
                .hasMessageStartingWith("progress-interval: expected a positive duration");
    }

    @Test
    void topicRenamesOnlyAcceptCatalogueTopics() {
        assertThat(TopicNames.of(Map.of("orders", "x-orders")).actual("orders")).isEqualTo("x-orders");
        assertThat(TopicNames.of(Map.of("orders", "x-orders")).actual("payments")).isEqualTo("payments");
        assertThatThrownBy(() -> TopicNames.of(Map.of("order", "x")))
                .hasMessageStartingWith("topic order: expected a catalogue topic name");
        assertThatThrownBy(() -> TopicNames.of(Map.of("orders", " ")))
                .hasMessage("topic orders: expected a topic name, got ' '");
        TopicNames prefixed = TopicNames.withPrefix("fraud-it-");
        assertThat(TopicNames.generatedTopics()).extracting(prefixed::actual)
                .containsExactly("fraud-it-user-events", "fraud-it-orders", "fraud-it-payments", "fraud-it-customers");
    }
}
