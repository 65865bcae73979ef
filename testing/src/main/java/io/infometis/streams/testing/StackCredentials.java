package io.infometis.streams.testing;

import io.infometis.streams.stack.security.ElasticsearchSecurity;
import io.infometis.streams.stack.security.KafkaSecurity;
import io.infometis.streams.stack.security.Secrets;
import io.infometis.streams.stack.security.TlsMaterial;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a job needs to reach the secured test stack, as the operator would give it: user names, the CA trust store,
 * and secrets in files of mode 600 that job settings reference as {@code ${file:...}}. The stack's own admin
 * credentials are not here: tests' clients get them through {@link RealStackExtension#producerProperties()} etc.
 */
public final class StackCredentials {

    private final KafkaSecurity kafka;
    private final ElasticsearchSecurity elasticsearch;
    private final Path kafkaJaasFile;
    private final Path truststorePasswordFile;
    private final Path elasticsearchPasswordFile;

    StackCredentials(KafkaSecurity kafka, ElasticsearchSecurity elasticsearch, Path secretsDir) {
        this.kafka = kafka;
        this.elasticsearch = elasticsearch;
        this.kafkaJaasFile = Secrets.writeSecretFile(secretsDir.resolve("kafka-sasl-jaas.conf"),
                KafkaSecurity.jaasConfig(kafka.jobUser(), kafka.jobPassword()));
        this.truststorePasswordFile = Secrets.writeSecretFile(secretsDir.resolve("truststore.password"),
                kafka.tls().password());
        this.elasticsearchPasswordFile = Secrets.writeSecretFile(secretsDir.resolve("elasticsearch.password"),
                elasticsearch.jobPassword());
    }

    public String kafkaUser() {
        return kafka.jobUser();
    }

    public String kafkaPassword() {
        return kafka.jobPassword();
    }

    public String elasticsearchUser() {
        return elasticsearch.jobUser();
    }

    public String elasticsearchPassword() {
        return elasticsearch.jobPassword();
    }

    /** PKCS12 trust store with the stack's CA (Kafka and Elasticsearch certificates are signed by it). */
    public Path truststore() {
        return tls().truststore();
    }

    public String truststorePassword() {
        return tls().password();
    }

    public Path caPem() {
        return tls().caPem();
    }

    public Path kafkaJaasFile() {
        return kafkaJaasFile;
    }

    public Path truststorePasswordFile() {
        return truststorePasswordFile;
    }

    public Path elasticsearchPasswordFile() {
        return elasticsearchPasswordFile;
    }

    private TlsMaterial tls() {
        return kafka.tls();
    }

    /**
     * The documented job settings (docs/security.md) that connect a job to this stack as the job user, secrets as
     * {@code ${file:...}} references: {@code kafka.properties.*} and {@code elasticsearch.*}.
     */
    public Map<String, String> jobSettings() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("kafka.properties.security.protocol", KafkaSecurity.PROTOCOL);
        settings.put("kafka.properties.sasl.mechanism", KafkaSecurity.MECHANISM);
        settings.put("kafka.properties.sasl.jaas.config", "${file:" + kafkaJaasFile + "}");
        settings.put("kafka.properties.ssl.truststore.type", "PKCS12");
        settings.put("kafka.properties.ssl.truststore.location", truststore().toString());
        settings.put("kafka.properties.ssl.truststore.password", "${file:" + truststorePasswordFile + "}");
        settings.put("elasticsearch.username", elasticsearchUser());
        settings.put("elasticsearch.password", "${file:" + elasticsearchPasswordFile + "}");
        settings.put("elasticsearch.tls.truststore", truststore().toString());
        settings.put("elasticsearch.tls.truststore-password", "${file:" + truststorePasswordFile + "}");
        return settings;
    }

    @Override
    public String toString() {
        return "StackCredentials{kafka user " + kafkaUser() + ", elasticsearch user " + elasticsearchUser() + "}";
    }
}
