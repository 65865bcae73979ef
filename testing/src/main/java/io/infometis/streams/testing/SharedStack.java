package io.infometis.streams.testing;

import io.infometis.streams.events.Topics;
import io.infometis.streams.stack.ElasticsearchServer;
import io.infometis.streams.stack.InfometisHome;
import io.infometis.streams.stack.KafkaBroker;
import io.infometis.streams.stack.LocalStack;
import io.infometis.streams.stack.Ports;
import io.infometis.streams.stack.SchemaRegistryServer;
import io.infometis.streams.stack.StackComponent;
import io.infometis.streams.stack.StackException;
import io.infometis.streams.stack.StackLayout;
import io.infometis.streams.testing.RealStackExtension.Component;
import io.infometis.streams.stack.security.ElasticsearchSecurity;
import io.infometis.streams.stack.security.KafkaSecurity;
import io.infometis.streams.stack.security.TlsMaterial;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The servers of one test JVM. Grows on demand (a later test class may ask for a server the earlier ones did
 * not) and is closed by JUnit at the end of the test plan; a JVM shutdown hook covers aborted runs.
 */
final class SharedStack implements ExtensionContext.Store.CloseableResource {

    /** Set to true to keep the temp dir (data and logs) after the run. */
    static final String KEEP_PROPERTY = "infometis.stack.keep";
    private static final int START_ATTEMPTS = 3;

    private final Map<Component, StackComponent> running = new EnumMap<>(Component.class);
    private final List<LocalStack> stacks = new ArrayList<>();
    private final Path dir;
    private final StackLayout layout;
    private final KafkaSecurity kafkaSecurity;
    private final ElasticsearchSecurity elasticsearchSecurity;
    private final StackCredentials credentials;
    private boolean failed;

    /** @param secured Kafka on SASL_SSL with ACLs, Elasticsearch with TLS and passwords (see docs/security.md) */
    SharedStack(boolean secured) {
        try {
            dir = Files.createTempDirectory(secured ? "infometis-secured-stack-" : "infometis-stack-");
            // World-traversable: Elasticsearch runs as uid 65534 when the tests run as root.
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the test stack's temp dir", e);
        }
        layout = StackLayout.under(InfometisHome.locate(), dir, false);
        if (secured) {
            TlsMaterial tls = TlsMaterial.create(dir.resolve("tls"), "infometis-test-ca");
            kafkaSecurity = KafkaSecurity.generate(tls);
            elasticsearchSecurity = ElasticsearchSecurity.generate(tls);
            credentials = new StackCredentials(kafkaSecurity, elasticsearchSecurity, dir.resolve("secrets"));
        } else {
            kafkaSecurity = null;
            elasticsearchSecurity = null;
            credentials = null;
        }
    }

    boolean secured() {
        return credentials != null;
    }

    StackCredentials credentials() {
        if (credentials == null) {
            throw new IllegalStateException("This stack is not secured: use RealStackExtension.builder().secured()");
        }
        return credentials;
    }

    /** Security settings of the stack's admin user for the tests' own clients (empty when not secured). */
    java.util.Map<String, String> adminClientProperties() {
        return kafkaSecurity == null ? java.util.Map.of() : kafkaSecurity.adminClientProperties();
    }

    synchronized void ensure(Set<Component> wanted) {
        List<Component> missing = wanted.stream().filter(c -> !running.containsKey(c)).sorted().toList();
        if (missing.isEmpty()) {
            return;
        }
        long begin = System.nanoTime();
        for (int attempt = 1; ; attempt++) {
            Map<Component, StackComponent> created = create(missing);
            LocalStack stack = new LocalStack(List.copyOf(created.values())).stopOnJvmExit();
            try {
                stack.start();
            } catch (StackException e) {
                stack.close();
                // Free ports are picked before the servers bind them; another process may take one in between.
                if (attempt < START_ATTEMPTS && String.valueOf(e.getMessage()).contains("already in use")) {
                    continue;
                }
                failed = true;
                throw new StackException("Real stack failed to start (logs kept in " + layout.logsDir() + "): "
                        + e.getMessage(), e);
            }
            stacks.add(stack);
            running.putAll(created);
            System.out.printf("RealStack: %s ready in %.1f s (logs in %s)%n", missing,
                    (System.nanoTime() - begin) / 1e9, layout.logsDir());
            return;
        }
    }

    private Map<Component, StackComponent> create(List<Component> missing) {
        Map<Component, StackComponent> created = new EnumMap<>(Component.class);
        int[] ports = Ports.free(2 * missing.size());
        int next = 0;
        for (Component c : missing) {
            int first = ports[next++];
            int second = ports[next++];
            created.put(c, switch (c) {
                case KAFKA -> new KafkaBroker(layout, first, second, Topics.all(), "512m", kafkaSecurity);
                case REGISTRY -> new SchemaRegistryServer(layout, first);
                case ELASTICSEARCH -> new ElasticsearchServer(layout, first, second, elasticsearchSecurity);
            });
        }
        return created;
    }

    synchronized StackComponent component(Component c) {
        StackComponent component = running.get(c);
        if (component == null) {
            throw new IllegalStateException(c.label + " is not running");
        }
        return component;
    }

    Path logsDir() {
        return layout.logsDir();
    }

    @Override
    public synchronized void close() {
        List<LocalStack> reversed = new ArrayList<>(stacks);
        Collections.reverse(reversed);
        for (LocalStack stack : reversed) {
            stack.close();
        }
        stacks.clear();
        running.clear();
        if (!failed && !Boolean.getBoolean(KEEP_PROPERTY)) {
            deleteRecursively(dir);
        }
    }

    private static void deleteRecursively(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // Leftovers in the temp dir are harmless; never fail a test run over them.
        }
    }
}
