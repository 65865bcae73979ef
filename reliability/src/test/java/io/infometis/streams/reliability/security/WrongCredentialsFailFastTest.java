package io.infometis.streams.reliability.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.infometis.streams.common.config.JobConfig;
import io.infometis.streams.common.preflight.Preflight;
import io.infometis.streams.common.preflight.PreflightException;
import io.infometis.streams.events.Topics;
import io.infometis.streams.sinks.elasticsearch.ElasticsearchPreflight;
import io.infometis.streams.sinks.elasticsearch.ElasticsearchSettings;
import io.infometis.streams.stack.security.Secrets;
import io.infometis.streams.stack.security.TlsMaterial;
import io.infometis.streams.testing.RealStackExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every wrong credential or untrusted certificate stops the job at start, within the preflight timeout, with a
 * message that names the setting to fix and holds no secret; the right settings pass.
 */
class WrongCredentialsFailFastTest {

    @RegisterExtension
    static final RealStackExtension STACK = RealStackExtension.builder().kafka().registry().elasticsearch()
            .secured().build();

    @TempDir
    static Path dir;
    /** A CA that signed nothing the stack serves. */
    static TlsMaterial otherCa;

    @BeforeAll
    static void makeAnotherCa() {
        otherCa = TlsMaterial.create(dir.resolve("other-ca"), "some-other-ca");
    }

    @Test
    void rightSettingsPass() {
        JobConfig config = config(Map.of());
        Preflight.check(config, List.of(Topics.ORDERS, Topics.DLQ));
        ElasticsearchPreflight.check(ElasticsearchSettings.fromConfig(config));
    }

    @Test
    void wrongScramPasswordFailsNamingTheJaasSetting() {
        Path wrong = Secrets.writeSecretFile(dir.resolve("wrong-jaas"),
                "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
                        + STACK.credentials().kafkaUser() + "\" password=\"not-the-password\";");
        JobConfig config = config(Map.of("kafka.properties.sasl.jaas.config", "${file:" + wrong + "}"));
        assertThatThrownBy(() -> Preflight.check(config, List.of(Topics.ORDERS)))
                .isInstanceOf(PreflightException.class)
                .hasMessageStartingWith("kafka.properties.sasl.jaas.config: Kafka at " + STACK.kafkaBootstrapServers()
                        + " rejected the login")
                .message().doesNotContain("not-the-password");
    }

    @Test
    void untrustedKafkaCertificateFailsNamingTheTrustStore() {
        JobConfig config = config(Map.of(
                "kafka.properties.ssl.truststore.location", otherCa.truststore().toString(),
                "kafka.properties.ssl.truststore.password", otherCa.password()));
        assertThatThrownBy(() -> Preflight.check(config, List.of(Topics.ORDERS)))
                .isInstanceOf(PreflightException.class)
                .hasMessageStartingWith("kafka.properties.ssl.truststore.location: the TLS handshake with Kafka at");
    }

    @Test
    void deniedTopicFailsNamingTheAcls() {
        // alert-rules may be described (ALLOW ALL on *), only writes are denied: describe a topic that is missing.
        JobConfig config = config(Map.of("topic.orders", "no-such-topic"));
        assertThatThrownBy(() -> Preflight.check(config, List.of(Topics.ORDERS)))
                .isInstanceOf(PreflightException.class)
                .hasMessageStartingWith("topic.*: Kafka at " + STACK.kafkaBootstrapServers() + " has no topic among "
                        + "[no-such-topic]");
    }

    @Test
    void wrongElasticsearchPasswordFailsNamingTheCredentials() {
        Path wrong = Secrets.writeSecretFile(dir.resolve("wrong-es-password"), "not-the-password");
        JobConfig config = config(Map.of("elasticsearch.password", "${file:" + wrong + "}"));
        assertThatThrownBy(() -> ElasticsearchPreflight.check(ElasticsearchSettings.fromConfig(config)))
                .isInstanceOf(PreflightException.class)
                .hasMessageStartingWith("elasticsearch.username/elasticsearch.password: Elasticsearch at")
                .hasMessageContaining("rejected the credentials of user '" + STACK.credentials().elasticsearchUser()
                        + "' (HTTP 401)")
                .message().doesNotContain("not-the-password");
    }

    @Test
    void untrustedElasticsearchCertificateFailsNamingTheTrustStore() throws Exception {
        Path password = Secrets.writeSecretFile(dir.resolve("other-ca-password"), otherCa.password());
        JobConfig config = config(Map.of(
                "elasticsearch.tls.truststore", otherCa.truststore().toString(),
                "elasticsearch.tls.truststore-password", "${file:" + password + "}"));
        assertThatThrownBy(() -> ElasticsearchPreflight.check(ElasticsearchSettings.fromConfig(config)))
                .isInstanceOf(PreflightException.class)
                .hasMessageStartingWith("elasticsearch.tls.truststore: the TLS handshake with Elasticsearch at");
        assertThat(Files.exists(otherCa.truststore())).isTrue();
    }

    @Test
    void unreadableTrustStoreIsAConfigurationError() {
        JobConfig config = config(Map.of("elasticsearch.tls.truststore", dir.resolve("missing.p12").toString()));
        assertThatThrownBy(() -> ElasticsearchSettings.fromConfig(config))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("elasticsearch.tls.truststore: expected a readable PKCS12 trust store");
    }

    private static JobConfig config(Map<String, String> overrides) {
        Map<String, String> settings = new HashMap<>(STACK.credentials().jobSettings());
        settings.put("kafka.bootstrap.servers", STACK.kafkaBootstrapServers());
        settings.put("schema.registry.url", STACK.registryUrl());
        settings.put("elasticsearch.hosts", STACK.elasticsearchUrl());
        settings.putAll(overrides);
        return JobConfig.of(settings);
    }
}
