package io.infometis.streams.testing;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.infometis.streams.events.Topics;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The secured servers really refuse what they should and accept the job user over verified TLS. */
class SecuredStackTest {

    @RegisterExtension
    static final RealStackExtension STACK = RealStackExtension.builder().kafka().elasticsearch().secured().build();

    @Test
    void jobUserProducesAndConsumesOverSaslSsl() {
        Properties producer = jobProducer();
        try (KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(producer)) {
            p.send(new ProducerRecord<>(Topics.PAYMENTS.name(), "k".getBytes(UTF_8), "secured".getBytes(UTF_8)));
            p.flush();
        }
        Properties consumer = STACK.consumerProperties("secured-read");
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(consumer)) {
            c.subscribe(List.of(Topics.PAYMENTS.name()));
            List<String> seen = new java.util.ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (seen.isEmpty() && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(500))) {
                    seen.add(new String(r.value(), UTF_8));
                }
            }
            assertThat(seen).contains("secured");
        }
    }

    @Test
    void plaintextClientGetsNoMetadata() {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, STACK.kafkaBootstrapServers());
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000);
        try (Admin admin = Admin.create(props)) {
            assertThatThrownBy(() -> admin.describeCluster().nodes().get(10, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class);
        }
    }

    @Test
    void wrongScramPasswordIsRejected() {
        Properties props = adminWith(Map.of("sasl.jaas.config",
                "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
                        + STACK.credentials().kafkaUser() + "\" password=\"wrong\";"));
        try (Admin admin = Admin.create(props)) {
            assertThatThrownBy(() -> admin.describeCluster().nodes().get(20, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(SaslAuthenticationException.class);
        }
    }

    @Test
    void jobUserMayNotWriteAlertRules() {
        try (KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(jobProducer())) {
            assertThatThrownBy(() -> p.send(new ProducerRecord<>(Topics.ALERT_RULES.name(), "r".getBytes(UTF_8),
                    "{}".getBytes(UTF_8))).get(20, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(TopicAuthorizationException.class);
        }
    }

    @Test
    void elasticsearchNeedsTlsTrustAndPassword() throws Exception {
        String url = STACK.elasticsearchUrl();
        assertThat(url).startsWith("https://");
        HttpClient trusting = HttpClient.newBuilder().sslContext(trustingStackCa()).build();
        assertThat(get(trusting, url + "/", null)).isEqualTo(401);
        assertThat(get(trusting, url + "/", "streams:wrong")).isEqualTo(401);
        StackCredentials c = STACK.credentials();
        assertThat(get(trusting, url + "/", c.elasticsearchUser() + ":" + c.elasticsearchPassword())).isEqualTo(200);

        HttpClient defaultTrust = HttpClient.newBuilder().sslContext(SSLContext.getDefault()).build();
        assertThatThrownBy(() -> get(defaultTrust, url + "/", null)).isInstanceOf(SSLHandshakeException.class);
    }

    @Test
    void jobSettingsKeepSecretsInFilesOnly() throws Exception {
        StackCredentials c = STACK.credentials();
        assertThat(c.jobSettings().values()).noneMatch(v -> v.contains(c.kafkaPassword())
                || v.contains(c.elasticsearchPassword()) || v.contains(c.truststorePassword()));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(c.kafkaJaasFile())))
                .isEqualTo("rw-------");
        assertThat(Files.readString(c.elasticsearchPasswordFile())).isEqualTo(c.elasticsearchPassword());
    }

    private static Properties jobProducer() {
        StackCredentials c = STACK.credentials();
        Properties props = adminWith(Map.of("sasl.jaas.config",
                "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + c.kafkaUser()
                        + "\" password=\"" + c.kafkaPassword() + "\";"));
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 15000);
        return props;
    }

    private static Properties adminWith(Map<String, String> overrides) {
        Properties props = STACK.adminProperties();
        props.putAll(overrides);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10000);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15000);
        return props;
    }

    private static SSLContext trustingStackCa() throws Exception {
        StackCredentials c = STACK.credentials();
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(c.truststore())) {
            store.load(in, c.truststorePassword().toCharArray());
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        return context;
    }

    private static int get(HttpClient client, String url, String userInfo) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET();
        if (userInfo != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(userInfo.getBytes(UTF_8)));
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
