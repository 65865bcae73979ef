package io.infometis.streams.stack.flink;

import io.infometis.streams.stack.ManagedProcess;
import io.infometis.streams.stack.StackException;
import io.infometis.streams.stack.StackLayout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The effective configuration directory of a cluster: {@code flink-conf/config.yaml} with the site's overrides
 * applied, plus the log4j files. Flink itself merges them ({@code BashJavaUtils UPDATE_AND_GET_FLINK_CONFIGURATION
 * -D key=value -flatten}, what Flink's own scripts and Docker entrypoint use), so the result is exactly what Flink
 * would read; the file is written flattened ({@code key: value} per line), which Flink 1.20 accepts, and which
 * {@code bin/flink} can read with grep.
 */
public final class FlinkConfiguration {

    static final String RESULT_PREFIX = "BASH_JAVA_UTILS_EXEC_RESULT:";
    private static final List<String> LOG4J_FILES = List.of("log4j-console.properties", "log4j-cli.properties");

    private final Path dir;
    private final Map<String, String> values;

    private FlinkConfiguration(Path dir, Map<String, String> values) {
        this.dir = dir;
        this.values = Map.copyOf(values);
    }

    /**
     * Writes {@code target/config.yaml} = base config + overrides, and copies the log4j files.
     *
     * @param log where the helper's own output goes
     */
    public static FlinkConfiguration write(FlinkDistribution flink, Map<String, String> overrides, Path target, Path log) {
        List<String> command = new ArrayList<>(List.of(StackLayout.javaExecutable(), "-Xmx64m"));
        command.addAll(StackLayout.FAST_START_JVM_FLAGS);
        command.addAll(List.of("-cp", flink.classpath(), FlinkDistribution.BASH_JAVA_UTILS,
                "UPDATE_AND_GET_FLINK_CONFIGURATION", "--configDir", flink.baseConf().toString()));
        overrides.forEach((key, value) -> command.addAll(List.of("-D", key + "=" + value)));
        command.add("-flatten");
        String output = ManagedProcess.runToCompletion("flink-config", command, Map.of(), flink.baseConf(), log,
                Duration.ofSeconds(60));
        List<String> lines = results(output);
        if (lines.isEmpty()) {
            throw new StackException("flink: BashJavaUtils printed no configuration. Log " + log + ":\n" + output);
        }
        try {
            Files.createDirectories(target);
            String header = "# Effective configuration of the local Flink cluster, written by bin/stack up:\n"
                    + "# " + flink.baseConf().resolve("config.yaml") + " with the local overrides " + overrides.keySet()
                    + ".\n# Do not edit (the next up rewrites it); change flink-conf/config.yaml or the stack options.\n";
            Files.writeString(target.resolve("config.yaml"), header + String.join("\n", lines) + "\n");
            for (String file : LOG4J_FILES) {
                Files.copy(flink.baseConf().resolve(file), target.resolve(file), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("flink: cannot write the configuration into " + target, e);
        }
        return read(target);
    }

    /** Reads an effective (flattened) config dir written by {@link #write}. */
    public static FlinkConfiguration read(Path dir) {
        Path file = dir.resolve("config.yaml");
        Map<String, String> values = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(file)) {
                int colon = line.indexOf(": ");
                if (line.isBlank() || line.startsWith("#") || colon < 0) {
                    continue;
                }
                values.put(line.substring(0, colon).trim(), unquote(line.substring(colon + 2).trim()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the Flink configuration " + file, e);
        }
        return new FlinkConfiguration(dir, values);
    }

    /** The lines after Flink's result prefix, in order (its log lines are skipped). */
    static List<String> results(String output) {
        return output.lines().filter(l -> l.startsWith(RESULT_PREFIX))
                .map(l -> l.substring(RESULT_PREFIX.length())).toList();
    }

    /** The flattened YAML writer quotes strings that would otherwise read as numbers/booleans ('8083'). */
    static String unquote(String scalar) {
        if (scalar.length() >= 2 && scalar.startsWith("'") && scalar.endsWith("'")) {
            return scalar.substring(1, scalar.length() - 1).replace("''", "'");
        }
        if (scalar.length() >= 2 && scalar.startsWith("\"") && scalar.endsWith("\"")) {
            return scalar.substring(1, scalar.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
        }
        return scalar;
    }

    public Path dir() {
        return dir;
    }

    public Optional<String> get(String key) {
        return Optional.ofNullable(values.get(key));
    }

    /** {@code env.java.opts.all} plus the role's own list ({@code jobmanager}, {@code taskmanager}, {@code client}). */
    public List<String> javaOptions(String role) {
        List<String> options = new ArrayList<>();
        for (String key : List.of("env.java.opts.all", "env.java.opts." + role)) {
            get(key).ifPresent(v -> options.addAll(Arrays.stream(v.trim().split("\\s+")).filter(s -> !s.isEmpty()).toList()));
        }
        return options;
    }

    public Path file(String name) {
        return dir.resolve(name);
    }
}
