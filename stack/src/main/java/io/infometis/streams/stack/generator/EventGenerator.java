package io.infometis.streams.stack.generator;

import io.infometis.streams.stack.ManagedProcess;
import io.infometis.streams.stack.StackComponent;
import io.infometis.streams.stack.StackLayout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The event generator ({@code io.infometis.streams.generator.GeneratorCommand}, module {@code generator}) as a
 * long-running process of the stack: LIVE clock (event time = wall clock), a modest rate, writing to the stack's
 * Kafka through its registry. Ready when it is still running a few seconds after start (it fails fast on bad
 * arguments or an unreachable broker, and then the error and its log tail are reported).
 */
public final class EventGenerator implements StackComponent {

    public static final String NAME = "generator";
    public static final String MAIN_CLASS = "io.infometis.streams.generator.GeneratorCommand";
    private static final Duration SETTLE = Duration.ofSeconds(3);

    private final StackLayout layout;
    private final int eventsPerSecond;
    private final Supplier<String> bootstrapServers;
    private final Supplier<String> registryUrl;
    private ManagedProcess process;

    public EventGenerator(StackLayout layout, int eventsPerSecond, Supplier<String> bootstrapServers,
                          Supplier<String> registryUrl) {
        if (eventsPerSecond < 1) {
            throw new IllegalArgumentException("generator: rate must be at least 1 event/s, got " + eventsPerSecond);
        }
        this.layout = layout;
        this.eventsPerSecond = eventsPerSecond;
        this.bootstrapServers = bootstrapServers;
        this.registryUrl = registryUrl;
    }

    /** The generator's jar, if the module is built ({@code generator/target/generator-*.jar} and {@code lib/}). */
    public static Optional<Path> jar(Path home) {
        Path target = home.resolve("generator/target");
        if (!Files.isDirectory(target.resolve("lib"))) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(p -> {
                String f = p.getFileName().toString();
                return f.startsWith("generator-") && f.endsWith(".jar") && !f.endsWith("-sources.jar")
                        && !f.endsWith("-tests.jar");
            }).sorted().findFirst();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Why the generator cannot run, for the SKIPPED line; empty when it is built. */
    public static Optional<String> missing(Path home) {
        return jar(home).isPresent() ? Optional.empty()
                : Optional.of("not built (no generator/target/generator-*.jar with generator/target/lib/; build it with "
                        + "mvn -B -q -DskipTests package -pl generator -am)");
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> dependsOn() {
        return List.of("kafka", "registry");
    }

    /** How long a LIVE run lasts: longer than anyone keeps a local stack up (it needs a count or a duration). */
    static final String LIVE_DURATION = "24 h";

    /**
     * The generator's command line ({@code GeneratorCommand}'s options, see docs/generator.md): LIVE clock (event
     * time = wall clock at send), {@code --rate} background events per second, for {@link #LIVE_DURATION}.
     */
    List<String> arguments() {
        return List.of("--bootstrap-servers", bootstrapServers.get(), "--registry-url", registryUrl.get(),
                "--clock", "LIVE", "--rate", Integer.toString(eventsPerSecond), "--duration", LIVE_DURATION);
    }

    @Override
    public void start() {
        Path home = layout.home();
        Path jar = jar(home).orElseThrow(() -> new IllegalStateException("generator: " + missing(home).orElse("")));
        List<String> command = new ArrayList<>(List.of(StackLayout.javaExecutable(), "-Xmx384m"));
        command.addAll(StackLayout.FAST_START_JVM_FLAGS);
        command.addAll(List.of("-Dlog4j2.configurationFile=" + home.resolve("generator/cli/log4j2.xml"),
                "-cp", jar + ":" + home.resolve("generator/target/lib/*"), MAIN_CLASS));
        command.addAll(arguments());
        long startedAt = System.nanoTime();
        process = layout.process(NAME)
                .command(command)
                .workDir(layout.dataDir(NAME))
                .readiness(() -> System.nanoTime() - startedAt > SETTLE.toNanos())
                .startTimeout(Duration.ofSeconds(60))
                .stopGrace(Duration.ofSeconds(10))
                .build()
                .start();
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
    public String url() {
        return eventsPerSecond + " events/s to " + bootstrapServers.get();
    }

    @Override
    public Map<String, Integer> ports() {
        return Map.of();
    }

    @Override
    public List<ManagedProcess> processes() {
        return process == null ? List.of() : List.of(process);
    }
}
