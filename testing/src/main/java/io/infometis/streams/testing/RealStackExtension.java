package io.infometis.streams.testing;

import io.infometis.streams.stack.KafkaTopics;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Real Kafka (KRaft), Apicurio Registry (Confluent API) and Elasticsearch 7 for tests.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final RealStackExtension STACK = RealStackExtension.builder().kafka().registry().elasticsearch().build();
 * }</pre>
 *
 * Each server is started once per test JVM, on free ports in a temp dir, the first time a test class asks for
 * it, and shared by every later class (kept in the root {@link ExtensionContext.Store}, so it stops when the
 * test plan ends). The catalogue topics ({@code Topics.all()}) exist from the start; topic auto-creation is off.
 */
public final class RealStackExtension implements BeforeAllCallback, BeforeEachCallback {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(RealStackExtension.class);

    private final Set<Component> components;
    private final boolean secured;
    private volatile SharedStack stack;

    private RealStackExtension(Set<Component> components, boolean secured) {
        this.components = Set.copyOf(components);
        this.secured = secured;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        attach(context);
    }

    /** Also covers registration on an instance field, where beforeAll is not called. */
    @Override
    public void beforeEach(ExtensionContext context) {
        attach(context);
    }

    private void attach(ExtensionContext context) {
        // The secured servers are other processes than the plain ones: both kinds can run in one test JVM.
        String key = secured ? "secured-stack" : "stack";
        SharedStack shared = context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(key, k -> new SharedStack(secured), SharedStack.class);
        shared.ensure(components);
        stack = shared;
    }

    /** {@code 127.0.0.1:<port>} of the broker. */
    public String kafkaBootstrapServers() {
        return require(Component.KAFKA).url();
    }

    /** The registry's Confluent-compatible base URL ({@code http://127.0.0.1:<port>/apis/ccompat/v7}). */
    public String registryUrl() {
        return require(Component.REGISTRY).url();
    }

    /**
     * The job user's credentials, trust store and secret files of a {@link Builder#secured()} stack, and the
     * documented job settings that use them ({@link StackCredentials#jobSettings()}).
     */
    public StackCredentials credentials() {
        return started().credentials();
    }

    /**
     * Security properties (SASL_SSL as the stack's admin user, the CA trust store) for a test's own Kafka clients;
     * empty for a plain stack. Already part of {@link #producerProperties()}, {@link #consumerProperties} and
     * {@link #adminProperties()}.
     */
    public java.util.Map<String, String> kafkaSecurityProperties() {
        return started().adminClientProperties();
    }

    /** {@code http(s)://127.0.0.1:<port>} of Elasticsearch (https when secured). */
    public String elasticsearchUrl() {
        return require(Component.ELASTICSEARCH).url();
    }

    /** Where every server of this JVM's stack writes its log ({@code <server>.log}). */
    public Path logsDir() {
        return started().logsDir();
    }

    /** Creates a topic (replication factor 1); an existing topic is left as it is. */
    public void createTopic(String name, int partitions) {
        KafkaTopics.create(kafkaBootstrapServers(), kafkaSecurityProperties(), name, partitions);
    }

    public Properties adminProperties() {
        Properties props = new Properties();
        props.putAll(kafkaSecurityProperties());
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafkaBootstrapServers());
        return props;
    }

    /** byte[] keys and values (Avro through the registry serdes produces bytes), acks=all, idempotent. */
    public Properties producerProperties() {
        Properties props = new Properties();
        props.putAll(kafkaSecurityProperties());
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafkaBootstrapServers());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        return props;
    }

    /**
     * byte[] keys and values, from the earliest offset, no auto commit, and {@code read_committed} so that tests
     * of exactly-once output never see aborted transactions.
     */
    public Properties consumerProperties(String groupId) {
        if (groupId == null || groupId.isBlank()) {
            throw new IllegalArgumentException("groupId must not be blank");
        }
        Properties props = new Properties();
        props.putAll(kafkaSecurityProperties());
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafkaBootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return props;
    }

    private io.infometis.streams.stack.StackComponent require(Component component) {
        if (!components.contains(component)) {
            throw new IllegalStateException(component.label + " was not requested: add ." + component.label
                    + "() to RealStackExtension.builder()");
        }
        return started().component(component);
    }

    private SharedStack started() {
        SharedStack s = stack;
        if (s == null) {
            throw new IllegalStateException("The real stack is not started yet: register RealStackExtension with "
                    + "@RegisterExtension (static field) and use it from tests or @BeforeAll/@BeforeEach methods");
        }
        return s;
    }

    /** The servers a test class can ask for. */
    enum Component {
        KAFKA("kafka"), REGISTRY("registry"), ELASTICSEARCH("elasticsearch");

        final String label;

        Component(String label) {
            this.label = label;
        }
    }

    public static final class Builder {
        private final Set<Component> components = EnumSet.noneOf(Component.class);
        private boolean secured;

        private Builder() {}

        /**
         * Secured servers (their own processes, separate from the plain stack): Kafka with one SASL_SSL listener
         * (SCRAM-SHA-512, TLS with a CA made at start, ACLs on), Elasticsearch with TLS on HTTP and passwords.
         * The schema registry stays plain HTTP (see docs/security.md). Clients get what they need from
         * {@link #credentials()} and {@link #kafkaSecurityProperties()}.
         */
        public Builder secured() {
            this.secured = true;
            return this;
        }

        public Builder kafka() {
            components.add(Component.KAFKA);
            return this;
        }

        public Builder registry() {
            components.add(Component.REGISTRY);
            return this;
        }

        public Builder elasticsearch() {
            components.add(Component.ELASTICSEARCH);
            return this;
        }

        public RealStackExtension build() {
            if (components.isEmpty()) {
                throw new IllegalStateException("RealStackExtension needs at least one of kafka(), registry(), "
                        + "elasticsearch()");
            }
            return new RealStackExtension(components, secured);
        }
    }
}
