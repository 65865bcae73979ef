package io.infometis.streams.reliability.faults;

import io.infometis.streams.events.Topics;
import io.infometis.streams.stack.ElasticsearchServer;
import io.infometis.streams.stack.InfometisHome;
import io.infometis.streams.stack.KafkaBroker;
import io.infometis.streams.stack.LocalStack;
import io.infometis.streams.stack.ManagedProcess;
import io.infometis.streams.stack.Ports;
import io.infometis.streams.stack.SchemaRegistryServer;
import io.infometis.streams.stack.StackLayout;
import io.infometis.streams.stack.flink.FlinkPorts;
import io.infometis.streams.stack.flink.FlinkSessionCluster;
import io.infometis.streams.stack.flink.PortRange;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * The real local stack the faults are done to: Kafka, the registry, Elasticsearch and the standalone Flink session
 * cluster, each its own OS process on free ports, through the {@code stack} module's components.
 */
final class FaultStack implements AutoCloseable {

    final Path dir;
    final StackLayout layout;
    final KafkaBroker kafka;
    final SchemaRegistryServer registry;
    final ElasticsearchServer elasticsearch;
    final FlinkSessionCluster flink;
    private final LocalStack stack;

    FaultStack() {
        try {
            dir = Files.createTempDirectory("infometis-faults-");
            // World-traversable: Elasticsearch runs as uid 65534 when the suite runs as root.
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        layout = StackLayout.under(InfometisHome.locate(), dir, false);
        // Ranges first, then single ports outside them: free ports are only free "a moment ago", so picks must
        // not collide with each other.
        PortRange prometheus = Ports.freeRange(2);
        PortRange queryService = Ports.freeRange(2);
        while (overlap(queryService, prometheus)) {
            queryService = Ports.freeRange(2);
        }
        int[] p = Ports.free(10);
        while (inRange(p, prometheus) || inRange(p, queryService)) {
            p = Ports.free(10);
        }
        kafka = new KafkaBroker(layout, p[0], p[1], Topics.all(), "512m");
        registry = new SchemaRegistryServer(layout, p[2]);
        elasticsearch = new ElasticsearchServer(layout, p[3], p[4]);
        flink = new FlinkSessionCluster(layout, new FlinkPorts(p[5], p[6], p[7], p[8], p[9], prometheus, queryService));
        stack = new LocalStack(List.of(kafka, registry, elasticsearch, flink)).stopOnJvmExit();
    }

    private static boolean overlap(PortRange a, PortRange b) {
        return a.first() <= b.last() && b.first() <= a.last();
    }

    private static boolean inRange(int[] ports, PortRange range) {
        return java.util.Arrays.stream(ports).anyMatch(port -> port >= range.first() && port <= range.last());
    }

    FaultStack start() {
        stack.start();
        return this;
    }

    /** Topics beyond the catalogue (the broker creates the catalogue's at start). */
    void createTopics(List<io.infometis.streams.events.TopicSpec> specs) {
        io.infometis.streams.stack.KafkaTopics.createAll(kafka.bootstrapServers(), specs);
    }

    ManagedProcess jobManager() {
        return flink.processes().get(0);
    }

    ManagedProcess taskManager() {
        return flink.processes().get(1);
    }

    /**
     * The jobs' common arguments: only documented keys, defaults for everything else (as bin/stack runs them). With {@code rideThroughKafkaRestart}, a {@code source.idleness} longer than the suite's
     * Kafka outage: a partition silent for longer is declared idle, and when the partitions resume one after
     * another the first to deliver can move the watermark past the others' backlog (seen with the 30 s default
     * after a broker restart on a loaded machine: five alerts missing, five unexpected dead letters). Only then:
     * the short form's sparse traffic leaves partitions empty, and a long idleness would hold its event time back
     * for that long after every restart. The operations runbook gives the same rule for production.
     */
    List<String> jobArgs(boolean rideThroughKafkaRestart) {
        List<String> args = new ArrayList<>(List.of("--kafka.bootstrap.servers", kafka.bootstrapServers(),
                "--schema.registry.url", registry.url(),
                "--elasticsearch.hosts", elasticsearch.url(),
                "--elasticsearch.bulk.interval", "500 ms"));
        if (rideThroughKafkaRestart) {
            args.addAll(List.of("--source.idleness", "2 min"));
        }
        return args;
    }

    @Override
    public void close() {
        stack.close();
    }
}
