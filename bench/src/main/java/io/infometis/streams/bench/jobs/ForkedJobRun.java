package io.infometis.streams.bench.jobs;

import io.infometis.streams.bench.measure.CheckpointStats;
import io.infometis.streams.bench.measure.HotMethods;
import io.infometis.streams.bench.measure.ProcFs;
import io.infometis.streams.bench.measure.Throughput;
import io.infometis.streams.bench.measure.TopicProgress;
import io.infometis.streams.bench.report.ComponentMemory;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.flink.configuration.Configuration;

/**
 * One job run of {@link JobThroughput} in a JVM of its own, as JMH forks a JVM per benchmark: started with this
 * JVM's class path and options (heap, opens), handed the run as a serialized {@link Request}, and giving back a
 * {@link Result}. Why: in one JVM the JIT compiles Flink's shared runtime (state maps, timers, serializers) for the
 * types of the runs that came first; a later run then inherits that code, and the first run of the JVM pays for
 * warm-up. The previous report read the fraud job with 1 rule, the first run, slower than with 10. Each forked run
 * starts cold, as a deployed job does after a restart, and no run shapes another's compiled code.
 */
public final class ForkedJobRun {

    /** Everything a run needs; the launcher and settings travel by Java serialization. */
    public record Request(String name, int parallelism, Map<String, Long> backlog, JobLauncher job,
                          Configuration jobSettings, Duration warmup, Duration window, Duration timeout,
                          Map<String, Long> pids,
                          String worker) implements Serializable {}

    /** What the run measured, and the forked JVM's memory at its end. */
    public record Result(Throughput throughput, CheckpointStats checkpoints, String stateBackend,
                         HotMethods.Profile profile, List<TopicProgress> progress, ComponentMemory memory,
                         String failure)
            implements Serializable {}

    private ForkedJobRun() {}

    /** Runs the request in a new JVM and waits for it (at most its timeout plus a minute for start and stop). */
    static Result run(Request request) throws Exception {
        if (!(request.job() instanceof Serializable)) {
            throw new IllegalArgumentException(request.name() + ": its launcher " + request.job().getClass()
                    + " is not Serializable, so it cannot run in a forked JVM");
        }
        Path dir = Files.createTempDirectory("bench-fork-");
        try {
            Path in = dir.resolve("request.ser");
            Path out = dir.resolve("result.ser");
            try (OutputStream file = Files.newOutputStream(in); ObjectOutputStream o = new ObjectOutputStream(file)) {
                o.writeObject(request);
            }
            Process process = new ProcessBuilder(command(in, out)).inheritIO().start();
            long limit = request.timeout().plus(request.warmup()).plusMinutes(1).toMillis();
            if (!process.waitFor(limit, TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
                throw new IllegalStateException(request.name() + ": the forked JVM did not end within "
                        + Duration.ofMillis(limit));
            }
            if (!Files.exists(out)) {
                throw new IllegalStateException(request.name() + ": the forked JVM exited with "
                        + process.exitValue() + " and wrote no result (its output is above)");
            }
            Result result;
            try (InputStream file = Files.newInputStream(out); ObjectInputStream o = new ObjectInputStream(file)) {
                result = (Result) o.readObject();
            }
            if (result.failure() != null) {
                throw new IllegalStateException(result.failure());
            }
            return result;
        } finally {
            MiniClusterJob.deleteRecursively(dir);
        }
    }

    /** This JVM's java, options and class path, then this class with the two files. */
    private static List<String> command(Path in, Path out) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse(
                Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        for (String option : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            // A debugger or agent of the parent stays with the parent.
            if (!option.startsWith("-agentlib:") && !option.startsWith("-javaagent:")
                    && !option.startsWith("-XX:StartFlightRecording")) {
                command.add(option);
            }
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(ForkedJobRun.class.getName());
        command.add(in.toString());
        command.add(out.toString());
        return command;
    }

    /** The forked side: runs the request with this JVM as the worker process and writes the result. */
    public static void main(String[] args) throws Exception {
        Request request;
        try (InputStream file = Files.newInputStream(Path.of(args[0])); ObjectInputStream o = new ObjectInputStream(file)) {
            request = (Request) o.readObject();
        }
        // The worker is this JVM: its CPU is the run's, not the waiting parent's.
        Map<String, Long> pids = new LinkedHashMap<>(request.pids());
        long self = ProcFs.ownPid();
        pids.put(request.worker(), self);
        JobThroughput runner = new JobThroughput(pids, request.warmup());
        Result result;
        try {
            Throughput t = runner.measure(request.name(), request.parallelism(), request.backlog(), request.job(),
                    request.jobSettings(), request.window(), request.timeout());
            String key = request.name() + " p" + request.parallelism();
            result = new Result(t, runner.checkpoints().get(key), runner.stateBackends().get(key),
                    runner.profiles().get(key), List.copyOf(runner.progress().get(key)),
                    new ComponentMemory("job JVM: " + key, self, ProcFs.residentBytes(self).orElse(0),
                            ProcFs.peakResidentBytes(self).orElse(0)), null);
        } catch (Throwable e) {
            result = new Result(null, null, null, null, null, null, describe(e));
        }
        try (OutputStream file = Files.newOutputStream(Path.of(args[1])); ObjectOutputStream o = new ObjectOutputStream(file)) {
            o.writeObject(result);
        } catch (IOException e) {
            e.printStackTrace();
            System.exit(1);
        }
        // Flink's and Kafka's non-daemon threads must not keep the fork alive once the result is written.
        System.exit(0);
    }

    private static String describe(Throwable e) {
        StringBuilder s = new StringBuilder(String.valueOf(e));
        for (Throwable cause = e.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            s.append("; caused by ").append(cause);
        }
        return s.toString();
    }
}
