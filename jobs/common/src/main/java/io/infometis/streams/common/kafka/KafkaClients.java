package io.infometis.streams.common.kafka;

import io.infometis.streams.common.config.CommonKeys;
import io.infometis.streams.common.config.JobConfig;
import io.infometis.streams.events.RegistrySerdes;
import java.util.Properties;

/** Client settings every Kafka and registry client of a job gets (security, TLS), from the job configuration. */
public final class KafkaClients {

    private KafkaClients() {}

    /** {@code bootstrap.servers} plus every {@code kafka.properties.*}. */
    public static Properties clientProperties(JobConfig config) {
        Properties props = new Properties();
        props.putAll(config.withPrefix(CommonKeys.KAFKA_PROPERTIES_PREFIX));
        props.setProperty("bootstrap.servers", config.get(CommonKeys.KAFKA_BOOTSTRAP_SERVERS));
        return props;
    }

    public static Properties producerProperties(JobConfig config) {
        Properties props = clientProperties(config);
        props.setProperty("transaction.timeout.ms",
                Long.toString(config.get(CommonKeys.KAFKA_TRANSACTION_TIMEOUT).toMillis()));
        return props;
    }

    /** The registry serdes with {@code schema.registry.properties.*} (basic auth, TLS) applied. */
    public static RegistrySerdes registry(JobConfig config) {
        return new RegistrySerdes(config.get(CommonKeys.SCHEMA_REGISTRY_URL),
                config.withPrefix(CommonKeys.REGISTRY_PROPERTIES_PREFIX));
    }
}
