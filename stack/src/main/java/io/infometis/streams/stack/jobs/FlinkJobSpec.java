package io.infometis.streams.stack.jobs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One Flink job of the project, as the stack submits it: its module's shaded jar and its entry class.
 *
 * @param name       job name in READY/SKIPPED lines
 * @param module     module dir under the repository root; the shaded jar is {@code <module>/target/<artifact>-<version>.jar}
 * @param entryClass the main class ({@code flink run -c})
 */
public record FlinkJobSpec(String name, String module, String entryClass) {

    /** The jobs of the project (entry classes from the shared contract). */
    public static final List<FlinkJobSpec> ALL = List.of(
            new FlinkJobSpec("fraud-detection", "jobs/fraud-detection", "io.infometis.streams.fraud.FraudDetectionJob"),
            new FlinkJobSpec("order-enrichment", "jobs/order-enrichment",
                    "io.infometis.streams.enrichment.OrderEnrichmentJob"),
            new FlinkJobSpec("commerce-metrics", "jobs/commerce-metrics", "io.infometis.streams.metrics.CommerceMetricsJob"));

    /** The job's own Flink settings ({@code flink-conf/jobs/<name>.yaml}). */
    public JobFlinkSettings flinkSettings(Path home) {
        return JobFlinkSettings.of(home, name);
    }

    public Path targetDir(Path home) {
        return home.resolve(module).resolve("target");
    }

    /**
     * The shaded job jar, if built: {@code <artifact>-*.jar} in target/, not the shade plugin's {@code original-*}
     * copy nor sources/tests jars. (The version is not hard-coded, so a version bump needs no change here.)
     */
    public Optional<Path> jar(Path home) {
        Path target = targetDir(home);
        String artifact = Path.of(module).getFileName().toString();
        if (!Files.isDirectory(target)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(Files::isRegularFile)
                    .filter(p -> {
                        String f = p.getFileName().toString();
                        return f.startsWith(artifact + "-") && f.endsWith(".jar")
                                && !f.endsWith("-sources.jar") && !f.endsWith("-tests.jar") && !f.endsWith("-javadoc.jar");
                    })
                    .sorted()
                    .findFirst();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
