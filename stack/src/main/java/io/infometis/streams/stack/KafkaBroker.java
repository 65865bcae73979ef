package io.infometis.streams.stack;

import io.infometis.streams.events.TopicSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import io.infometis.streams.stack.security.KafkaSecurity;
import io.infometis.streams.stack.security.TlsMaterial;
import org.apache.kafka.common.Uuid;

/**
 * A single-node Kafka in KRaft mode (broker and controller in one JVM), listening on 127.0.0.1 only, with every
 * replication factor 1 so transactions and consumer groups work on one node. Creates the given topics once ready.
 */
public final class KafkaBroker implements StackComponent {

    public static final String NAME = "kafka";

    private final StackLayout layout;
    private final int port;
    private final int controllerPort;
    private final List<TopicSpec> topics;
    private final String heap;
    private final KafkaSecurity security;
    private ManagedProcess process;

    public KafkaBroker(StackLayout layout, int port, int controllerPort, List<TopicSpec> topics) {
        this(layout, port, controllerPort, topics, "512m");
    }

    public KafkaBroker(StackLayout layout, int port, int controllerPort, List<TopicSpec> topics, String heap) {
        this(layout, port, controllerPort, topics, heap, null);
    }

    /**
     * With {@code security} the client port is a SASL_SSL listener only (SCRAM-SHA-512 over TLS, also used between
     * broker and itself), ACLs are enforced and the job user may not write {@code alert-rules}; null: PLAINTEXT.
     */
    public KafkaBroker(StackLayout layout, int port, int controllerPort, List<TopicSpec> topics, String heap,
                       KafkaSecurity security) {
        if (port == controllerPort) {
            throw new IllegalArgumentException("kafka: broker and controller ports must differ, both are " + port);
        }
        this.layout = layout;
        this.port = port;
        this.controllerPort = controllerPort;
        this.topics = List.copyOf(topics);
        this.heap = heap;
        this.security = security;
    }

    public boolean secured() {
        return security != null;
    }

    /** Security settings of the stack's own admin client (empty when not secured). */
    public Map<String, String> adminClientProperties() {
        return security == null ? Map.of() : security.adminClientProperties();
    }

    @Override
    public String name() {
        return NAME;
    }

    public String bootstrapServers() {
        return Ports.HOST + ":" + port;
    }

    @Override
    public String url() {
        return bootstrapServers();
    }

    @Override
    public Map<String, Integer> ports() {
        return Map.of("broker", port, "controller", controllerPort);
    }

    @Override
    public void start() {
        checkPorts();
        Path libs = PlatformArtifacts.kafkaLibs(layout.home());
        Path dir = layout.dataDir(NAME);
        Path config = writeConfig(dir);
        String classpath = libs.resolve("*").toString();
        List<String> java = new ArrayList<>(List.of(StackLayout.javaExecutable(), "-Xms" + heap, "-Xmx" + heap));
        java.addAll(StackLayout.FAST_START_JVM_FLAGS);
        java.addAll(List.of("-Djava.awt.headless=true",
                "-Dlog4j.configuration=" + dir.resolve("log4j.properties").toUri(), "-cp", classpath));

        // Formatting is a no-op when the data dir already holds this cluster (a CLI stack started again).
        List<String> format = new ArrayList<>(concat(java, "kafka.tools.StorageTool", "format", "--ignore-formatted",
                "-t", clusterId(dir), "-c", config.toString()));
        if (security != null) {
            // SCRAM credentials go into the metadata log before the first start: the broker's own inter-broker
            // login needs them before any admin API could create them.
            for (String[] user : new String[][] {{security.adminUser(), security.adminPassword()},
                    {security.jobUser(), security.jobPassword()}}) {
                format.addAll(List.of("--add-scram",
                        KafkaSecurity.MECHANISM + "=[name=" + user[0] + ",password=" + user[1] + "]"));
            }
        }
        ManagedProcess.runToCompletion("kafka-storage-format", format,
                Map.of(), dir, layout.logFile("kafka-storage-format"), Duration.ofSeconds(60));

        process = layout.process(NAME)
                .command(concat(java, "kafka.Kafka", config.toString()))
                .workDir(dir)
                .readiness(this::answersMetadata)
                .startTimeout(Duration.ofSeconds(90))
                .stopGrace(Duration.ofSeconds(20))
                .build()
                .start();
        KafkaTopics.createAll(bootstrapServers(), adminClientProperties(), topics);
        if (security != null) {
            KafkaAcls.grantJobUser(bootstrapServers(), adminClientProperties(), security.jobUser());
        }
    }

    private boolean answersMetadata() throws Exception {
        // Port first: an AdminClient against a closed port only logs reconnect warnings until it times out.
        if (!Readiness.isOpen(Ports.HOST, port)) {
            return false;
        }
        try (Admin admin = KafkaTopics.admin(bootstrapServers(), adminClientProperties())) {
            return !admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty();
        }
    }

    private Path writeConfig(Path dir) {
        String logDirs = dir.resolve("data").toString();
        String listener = security == null ? "PLAINTEXT" : KafkaSecurity.PROTOCOL;
        String properties = String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@" + Ports.HOST + ":" + controllerPort,
                "listeners=" + listener + "://" + Ports.HOST + ":" + port + ",CONTROLLER://" + Ports.HOST + ":"
                        + controllerPort,
                "advertised.listeners=" + listener + "://" + Ports.HOST + ":" + port,
                "listener.security.protocol.map=" + listener + ":" + listener + ",CONTROLLER:PLAINTEXT",
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=" + listener,
                securityConfig(),
                "log.dirs=" + logDirs,
                "num.partitions=1",
                "default.replication.factor=1",
                "min.insync.replicas=1",
                "offsets.topic.replication.factor=1",
                // Fewer internal partitions than the default 50: created on first use, this keeps that fast.
                "offsets.topic.num.partitions=10",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "transaction.state.log.num.partitions=10",
                "group.initial.rebalance.delay.ms=0",
                // Topics come from the catalogue (or createTopic in tests), as in production: a misspelt topic
                // name is an error, not a silently created topic.
                "auto.create.topics.enable=false",
                "");
        String log4j = String.join("\n",
                "log4j.rootLogger=INFO, stdout",
                "log4j.appender.stdout=org.apache.log4j.ConsoleAppender",
                "log4j.appender.stdout.layout=org.apache.log4j.PatternLayout",
                "log4j.appender.stdout.layout.ConversionPattern=[%d] %p %m (%c)%n",
                "log4j.logger.kafka.request.logger=WARN",
                "log4j.logger.state.change.logger=WARN",
                "");
        try {
            Files.writeString(dir.resolve("log4j.properties"), log4j);
            // A secured broker's file holds its store and inter-broker passwords: owner-readable only.
            return security == null ? Files.writeString(dir.resolve("server.properties"), properties)
                    : io.infometis.streams.stack.security.Secrets.writeSecretFile(dir.resolve("server.properties"),
                            properties);
        } catch (IOException e) {
            throw new UncheckedIOException("kafka: cannot write its configuration into " + dir, e);
        }
    }

    /** The SASL_SSL, TLS and ACL settings of a secured broker; empty otherwise. */
    private String securityConfig() {
        if (security == null) {
            return "";
        }
        TlsMaterial tls = security.tls();
        return String.join("\n",
                "sasl.enabled.mechanisms=" + KafkaSecurity.MECHANISM,
                "sasl.mechanism.inter.broker.protocol=" + KafkaSecurity.MECHANISM,
                "listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config="
                        + KafkaSecurity.jaasConfig(security.adminUser(), security.adminPassword()),
                "ssl.keystore.type=PKCS12",
                "ssl.keystore.location=" + tls.keystore(),
                "ssl.keystore.password=" + tls.password(),
                "ssl.key.password=" + tls.password(),
                "ssl.truststore.type=PKCS12",
                "ssl.truststore.location=" + tls.truststore(),
                "ssl.truststore.password=" + tls.password(),
                "ssl.client.auth=none",
                "authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer",
                // The controller listener is PLAINTEXT on 127.0.0.1 (its principal is ANONYMOUS): the broker half of
                // this combined node talks to the controller half there and needs cluster rights.
                "super.users=User:" + security.adminUser() + ";User:ANONYMOUS",
                "allow.everyone.if.no.acl.found=false");
    }

    /** One cluster id per data dir, kept next to it so a restart formats nothing and keeps the topics. */
    private static String clusterId(Path dir) {
        Path file = dir.resolve("cluster.id");
        try {
            if (Files.isRegularFile(file)) {
                return Files.readString(file).trim();
            }
            String id = Uuid.randomUuid().toString();
            Files.writeString(file, id);
            return id;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> concat(List<String> head, String... tail) {
        return java.util.stream.Stream.concat(head.stream(), java.util.Arrays.stream(tail)).toList();
    }

    @Override
    public void stop() {
        if (process != null) {
            process.stop();
        }
    }

    @Override
    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    @Override
    public List<ManagedProcess> processes() {
        return process == null ? List.of() : List.of(process);
    }
}
