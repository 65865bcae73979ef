package io.infometis.streams.stack.flink;

import io.infometis.streams.stack.ManagedProcess;
import io.infometis.streams.stack.StackException;
import io.infometis.streams.stack.StackLayout;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real {@code flink} command line ({@link FlinkDistribution#CLI_MAIN CliFrontend}) against a cluster, with
 * {@code FLINK_CONF_DIR} = the cluster's effective configuration dir (it reads {@code rest.address}/{@code rest.port}
 * from there). What {@code bin/flink} does in bash; the stack uses it to submit the jobs, tests to stop them.
 */
public final class FlinkCli {

    private static final Pattern SUBMITTED = Pattern.compile("Job has been submitted with JobID ([0-9a-f]{32})");
    private static final Pattern SAVEPOINT = Pattern.compile("Savepoint completed\\. Path: (\\S+)");

    private final FlinkDistribution flink;
    private final FlinkConfiguration conf;
    private final Path output;
    private final Path cliLog;

    /**
     * @param output what the CLI prints (its answers), appended
     * @param cliLog the CLI's own log4j log ({@code log4j-cli.properties} writes into {@code log.file})
     */
    public FlinkCli(FlinkDistribution flink, FlinkConfiguration conf, Path output, Path cliLog) {
        this.flink = flink;
        this.conf = conf;
        this.output = output;
        this.cliLog = cliLog;
    }

    /** {@code flink <args>}; returns what it printed, fails with it when the exit code is not 0. */
    public String run(List<String> args, Duration timeout) {
        List<String> command = new ArrayList<>(List.of(StackLayout.javaExecutable(), "-Xmx256m"));
        command.addAll(StackLayout.FAST_START_JVM_FLAGS);
        command.addAll(conf.javaOptions("client"));
        command.addAll(List.of("-Dlog.file=" + cliLog,
                "-Dlog4j.configurationFile=" + conf.file("log4j-cli.properties").toUri(),
                "-cp", flink.classpath(), FlinkDistribution.CLI_MAIN));
        command.addAll(args);
        long offset = output.toFile().length();
        try {
            return ManagedProcess.runToCompletion("flink-cli", command, environment(), conf.dir(), output, timeout);
        } catch (StackException e) {
            // The exception carries only the log's tail; the reason is at the start of this run's output.
            throw new StackException("flink " + args.get(0) + ": " + reason(printedSince(offset, e.getMessage()))
                    + " (CLI output in " + output + ", its log in " + cliLog + ")", e);
        }
    }

    private String printedSince(long offset, String fallback) {
        try (java.io.RandomAccessFile file = new java.io.RandomAccessFile(output.toFile(), "r")) {
            byte[] printed = new byte[(int) Math.max(0, file.length() - offset)];
            file.seek(offset);
            file.readFully(printed);
            return new String(printed, java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            return fallback;
        }
    }

    static final int MAX_REASON = 300;

    /**
     * The line that explains a failed CLI run: the job's own error when its main method threw (e.g. a bad
     * configuration key), else the first line of what the CLI reports as "the following exception", else the
     * last exception line; shortened in the middle to {@value #MAX_REASON} characters (messages can embed schemas).
     */
    static String reason(String failure) {
        List<String> lines = failure.lines().map(String::strip).toList();
        String found = null;
        for (String line : lines) {
            int at = line.indexOf("The main method caused an error: ");
            if (at >= 0) {
                found = line.substring(at + "The main method caused an error: ".length());
                break;
            }
        }
        for (int i = 0; found == null && i < lines.size(); i++) {
            if (lines.get(i).contains("The program finished with the following exception:")) {
                found = lines.subList(i + 1, lines.size()).stream().filter(l -> !l.isEmpty()).findFirst().orElse(null);
            }
        }
        for (int i = lines.size() - 1; found == null && i >= 0; i--) {
            if (lines.get(i).matches("^(Caused by: )?[a-z][\\w.$]*(Exception|Error): .*")) {
                found = lines.get(i);
            }
        }
        if (found == null) {
            found = lines.isEmpty() ? "failed" : lines.get(0);
        }
        return found.length() <= MAX_REASON ? found
                : found.substring(0, MAX_REASON / 2) + " ... " + found.substring(found.length() - MAX_REASON / 2);
    }

    /** The environment Flink's CLI expects. */
    public Map<String, String> environment() {
        return Map.of("FLINK_CONF_DIR", conf.dir().toString(), "FLINK_PLUGINS_DIR", flink.plugins().toString(),
                "FLINK_LIB_DIR", flink.lib().toString());
    }

    /** {@code flink run -d [-s savepoint] -c entryClass jar args}; returns the job id. */
    public String submitDetached(Path jar, String entryClass, List<String> jobArgs, Optional<String> fromSavepoint) {
        return submitDetached(jar, entryClass, jobArgs, fromSavepoint, Map.of());
    }

    /**
     * As {@link #submitDetached(Path, String, List, Optional)}, with {@code flinkSettings} as the job's own Flink
     * configuration ({@code -D key=value}, e.g. {@code state.backend.type=rocksdb} for one job).
     */
    public String submitDetached(Path jar, String entryClass, List<String> jobArgs, Optional<String> fromSavepoint,
                                 Map<String, String> flinkSettings) {
        List<String> args = new ArrayList<>(List.of("run", "-d"));
        fromSavepoint.ifPresent(s -> args.addAll(List.of("-s", s)));
        new TreeMap<>(flinkSettings).forEach((key, value) -> args.add("-D" + key + "=" + value));
        args.addAll(List.of("-c", entryClass, jar.toString()));
        args.addAll(jobArgs);
        String printed = run(args, Duration.ofMinutes(3));
        return find(SUBMITTED, printed, "a job id");
    }

    /** {@code flink stop --savepointPath dir jobId}; returns the savepoint's path. */
    public String stopWithSavepoint(String jobId, Path savepointDir) {
        String printed = run(List.of("stop", "--savepointPath", savepointDir.toUri().toString(), jobId),
                Duration.ofMinutes(3));
        return find(SAVEPOINT, printed, "a savepoint path");
    }

    private String find(Pattern pattern, String printed, String what) {
        Matcher m = pattern.matcher(printed);
        if (!m.find()) {
            throw new StackException("flink: the CLI printed no " + what + ". It printed:\n" + printed
                    + "\n(its log: " + cliLog + ")");
        }
        return m.group(1);
    }
}
