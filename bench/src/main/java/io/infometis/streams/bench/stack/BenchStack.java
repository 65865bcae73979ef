package io.infometis.streams.bench.stack;

import io.infometis.streams.events.Topics;
import io.infometis.streams.stack.ElasticsearchServer;
import io.infometis.streams.stack.InfometisHome;
import io.infometis.streams.stack.KafkaBroker;
import io.infometis.streams.stack.LocalStack;
import io.infometis.streams.stack.ManagedProcess;
import io.infometis.streams.stack.Ports;
import io.infometis.streams.stack.SchemaRegistryServer;
import io.infometis.streams.stack.StackComponent;
import io.infometis.streams.stack.StackLayout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The benchmark's own real stack: Kafka, the registry and Elasticsearch on free ports in a temp dir, never the
 * developer's {@code bin/stack} (a benchmark must not share its servers with anything else). Kafka gets a 1 GB heap
 * for a backlog of millions, Elasticsearch 2 GB (with the stack's 512 MB the bulk-loop ceiling's parallel bulk
 * requests tripped its parent circuit breaker); the servers keep the stack's fast-start JVM flags, which the
 * report states.
 */
public final class BenchStack implements AutoCloseable {

    private final Path dir;
    private final KafkaBroker kafka;
    private final SchemaRegistryServer registry;
    private final ElasticsearchServer elasticsearch;
    private final LocalStack stack;
    private final double startSeconds;

    private BenchStack(Path dir, KafkaBroker kafka, SchemaRegistryServer registry, ElasticsearchServer es,
                       LocalStack stack, double startSeconds) {
        this.dir = dir;
        this.kafka = kafka;
        this.registry = registry;
        this.elasticsearch = es;
        this.stack = stack;
        this.startSeconds = startSeconds;
    }

    public static BenchStack start() {
        Path dir = tempDir();
        StackLayout layout = StackLayout.under(InfometisHome.locate(), dir, false);
        int[] ports = Ports.free(5);
        KafkaBroker kafka = new KafkaBroker(layout, ports[0], ports[1], Topics.all(), "1g");
        SchemaRegistryServer registry = new SchemaRegistryServer(layout, ports[2]);
        ElasticsearchServer es = new ElasticsearchServer(layout, ports[3], ports[4]).heap("2g");
        LocalStack stack = new LocalStack(List.of(kafka, registry, es)).stopOnJvmExit();
        long begin = System.nanoTime();
        stack.start();
        return new BenchStack(dir, kafka, registry, es, stack, (System.nanoTime() - begin) / 1e9);
    }

    private static Path tempDir() {
        try {
            Path dir = Files.createTempDirectory("infometis-bench-");
            // World-traversable: Elasticsearch runs as uid 65534 when the harness runs as root.
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the benchmark stack's temp dir", e);
        }
    }

    public String kafkaBootstrapServers() {
        return kafka.bootstrapServers();
    }

    public String registryUrl() {
        return registry.url();
    }

    public String elasticsearchUrl() {
        return elasticsearch.url();
    }

    public double startSeconds() {
        return startSeconds;
    }

    public Path dir() {
        return dir;
    }

    /** The pid of each server process, by component name (for CPU and memory readings). */
    public Map<String, Long> serverPids() {
        Map<String, Long> pids = new LinkedHashMap<>();
        for (StackComponent c : List.of(kafka, registry, elasticsearch)) {
            for (ManagedProcess p : c.processes()) {
                pids.put(c.name(), p.pid());
            }
        }
        return pids;
    }

    /** Stops the servers and deletes their data (a full run's backlog is gigabytes). */
    @Override
    public void close() {
        try {
            stack.close();
        } finally {
            try (Stream<Path> paths = Files.walk(dir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                System.err.println("bench: could not delete " + dir + ": " + e.getMessage());
            }
        }
    }
}
