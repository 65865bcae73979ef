package io.infometis.streams.common.config;

import io.infometis.streams.events.TopicSpec;
import io.infometis.streams.events.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The configuration keys every job shares: where Kafka, the registry and Elasticsearch are, how to reach them
 * securely, topic names and event-time settings. Client properties (security, TLS) pass through by prefix, so any
 * Kafka or registry client setting can be given without a new key here.
 */
public final class CommonKeys {

    /** Every {@code kafka.properties.<name>} is passed to every Kafka client as {@code <name>}. */
    public static final String KAFKA_PROPERTIES_PREFIX = "kafka.properties.";
    /** Every {@code schema.registry.properties.<name>} is passed to the registry client as {@code <name>}. */
    public static final String REGISTRY_PROPERTIES_PREFIX = "schema.registry.properties.";

    public static final ConfigKey<String> KAFKA_BOOTSTRAP_SERVERS = ConfigKey.requiredString(
            "kafka.bootstrap.servers", "Kafka bootstrap servers, host:port[,host:port...]");
    public static final ConfigKey<String> KAFKA_GROUP_ID = ConfigKey.string(
            "kafka.group.id", "", "Consumer group id (offsets are committed on checkpoints); default: the job name");
    public static final ConfigKey<String> KAFKA_STARTING_OFFSETS = ConfigKey.oneOf(
            "kafka.starting-offsets", "committed",
            "Where a job without state starts reading: the group's committed offsets (earliest when none), "
                    + "earliest or latest", "committed", "earliest", "latest");
    public static final ConfigKey<String> KAFKA_TRANSACTIONAL_ID_PREFIX = ConfigKey.string(
            "kafka.transactional-id-prefix", "",
            "Prefix of the exactly-once sinks' transactional ids; unique per job on a cluster; default: the job name");
    public static final ConfigKey<Duration> KAFKA_TRANSACTION_TIMEOUT = ConfigKey.duration(
            "kafka.transaction-timeout", Duration.ofMinutes(15),
            "transaction.timeout.ms of exactly-once sinks: longer than checkpoint interval + recovery time, "
                    + "at most the broker's transaction.max.timeout.ms").positive();

    public static final ConfigKey<String> SCHEMA_REGISTRY_URL = ConfigKey.requiredString(
            "schema.registry.url", "Confluent-compatible schema registry URL, e.g. http://host:8081/apis/ccompat/v7");

    public static final ConfigKey<String> ELASTICSEARCH_HOSTS = ConfigKey.string(
            "elasticsearch.hosts", "http://127.0.0.1:9200", "Elasticsearch URLs, http(s)://host:port[,...]");
    public static final ConfigKey<String> ELASTICSEARCH_USERNAME = ConfigKey.string(
            "elasticsearch.username", "", "Basic-auth user (empty: no authentication)");
    public static final ConfigKey<String> ELASTICSEARCH_PASSWORD = ConfigKey.string(
            "elasticsearch.password", "", "Basic-auth password; never logged");
    public static final ConfigKey<String> ELASTICSEARCH_TLS_TRUSTSTORE = ConfigKey.string(
            "elasticsearch.tls.truststore", "",
            "Trust store (PKCS12 or JKS file) with the CA of Elasticsearch's HTTPS certificate; empty: the JVM's "
                    + "default trust (javax.net.ssl.trustStore or the JDK's cacerts)");
    public static final ConfigKey<String> ELASTICSEARCH_TLS_TRUSTSTORE_PASSWORD = ConfigKey.string(
            "elasticsearch.tls.truststore-password", "", "Password of elasticsearch.tls.truststore; never logged");
    public static final ConfigKey<String> ELASTICSEARCH_TLS_TRUSTSTORE_TYPE = ConfigKey.oneOf(
            "elasticsearch.tls.truststore-type", "PKCS12", "Format of elasticsearch.tls.truststore", "PKCS12", "JKS");
    public static final ConfigKey<Integer> ELASTICSEARCH_BULK_MAX_ACTIONS = ConfigKey.integer(
            "elasticsearch.bulk.max-actions", 1000, "Documents per bulk request before it is sent").positive();
    public static final ConfigKey<Duration> ELASTICSEARCH_BULK_INTERVAL = ConfigKey.duration(
            "elasticsearch.bulk.interval", Duration.ofSeconds(1),
            "Longest time a document waits in the bulk buffer (bounds search latency)").positive();
    public static final ConfigKey<Integer> ELASTICSEARCH_BULK_BACKOFF_RETRIES = ConfigKey.integer(
            "elasticsearch.bulk.backoff.max-retries", 8,
            "Retries (exponential backoff) of a bulk request Elasticsearch rejects as overloaded").positive();
    public static final ConfigKey<Duration> ELASTICSEARCH_BULK_BACKOFF_DELAY = ConfigKey.duration(
            "elasticsearch.bulk.backoff.delay", Duration.ofMillis(200), "First backoff delay").positive();
    public static final ConfigKey<Integer> ELASTICSEARCH_INDEX_REPLICAS = ConfigKey.integer(
            "elasticsearch.index.replicas", 0,
            "number_of_replicas the index templates set (0 on a single-node dev cluster, 1+ in production)");

    public static final ConfigKey<Duration> WATERMARK_OUT_OF_ORDERNESS = ConfigKey.duration(
            "watermark.out-of-orderness", Duration.ofSeconds(5),
            "How far behind the newest event time an event may arrive and still count as on time");
    public static final ConfigKey<Duration> SOURCE_IDLENESS = ConfigKey.duration(
            "source.idleness", Duration.ofSeconds(30),
            "A partition without events for this long stops holding back the watermark").positive();
    public static final ConfigKey<Duration> WATERMARK_ALIGNMENT_MAX_DRIFT = ConfigKey.duration(
            "source.watermark-alignment.max-drift", Duration.ofMinutes(10),
            "How far in event time one event-stream topic (or partition) of a job may read ahead of the slowest "
                    + "before it pauses, so a catch-up reads its topics in step and joins and windows buffer at "
                    + "most this much; 0 turns alignment off. A catch-up advances event time by at most this much "
                    + "per source.watermark-alignment.update-interval");
    public static final ConfigKey<Duration> WATERMARK_ALIGNMENT_UPDATE_INTERVAL = ConfigKey.duration(
            "source.watermark-alignment.update-interval", Duration.ofSeconds(1),
            "How often the sources of a job agree on how far they may read (Flink's alignment update interval)")
            .positive();

    public static final ConfigKey<String> DLQ_DELIVERY_GUARANTEE = ConfigKey.oneOf(
            "dlq.delivery-guarantee", "exactly-once",
            "Delivery of dead letters: exactly-once (transactions, committed on checkpoints) or at-least-once",
            "exactly-once", "at-least-once");

    private CommonKeys() {}

    /** {@code topic.<catalogue name>}: the topic a job uses for that catalogue entry; default its catalogue name. */
    public static ConfigKey<String> topic(TopicSpec spec) {
        return ConfigKey.string("topic." + spec.name(), spec.name(), "Kafka topic for " + spec.description());
    }

    /** Every shared key (validated by every job at start), topic keys included. */
    public static List<ConfigKey<?>> all() {
        List<ConfigKey<?>> keys = new ArrayList<>(List.of(KAFKA_BOOTSTRAP_SERVERS, KAFKA_GROUP_ID,
                KAFKA_STARTING_OFFSETS, KAFKA_TRANSACTIONAL_ID_PREFIX, KAFKA_TRANSACTION_TIMEOUT, SCHEMA_REGISTRY_URL,
                ELASTICSEARCH_HOSTS, ELASTICSEARCH_USERNAME, ELASTICSEARCH_PASSWORD, ELASTICSEARCH_TLS_TRUSTSTORE,
                ELASTICSEARCH_TLS_TRUSTSTORE_PASSWORD, ELASTICSEARCH_TLS_TRUSTSTORE_TYPE, ELASTICSEARCH_BULK_MAX_ACTIONS,
                ELASTICSEARCH_BULK_INTERVAL, ELASTICSEARCH_BULK_BACKOFF_RETRIES, ELASTICSEARCH_BULK_BACKOFF_DELAY,
                ELASTICSEARCH_INDEX_REPLICAS, WATERMARK_OUT_OF_ORDERNESS, SOURCE_IDLENESS,
                WATERMARK_ALIGNMENT_MAX_DRIFT, WATERMARK_ALIGNMENT_UPDATE_INTERVAL, DLQ_DELIVERY_GUARANTEE));
        Topics.all().forEach(t -> keys.add(topic(t)));
        return List.copyOf(keys);
    }

    /** The group id: {@code kafka.group.id} or the job name. */
    public static String groupId(JobConfig config, String jobName) {
        String id = config.get(KAFKA_GROUP_ID);
        return id.isBlank() ? jobName : id;
    }

    /** The transactional id prefix: {@code kafka.transactional-id-prefix} or the job name. */
    public static String transactionalIdPrefix(JobConfig config, String jobName) {
        String prefix = config.get(KAFKA_TRANSACTIONAL_ID_PREFIX);
        return prefix.isBlank() ? jobName : prefix;
    }
}
