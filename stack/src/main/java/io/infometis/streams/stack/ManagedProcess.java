package io.infometis.streams.stack;

import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * One server of the stack as its own OS process: started with {@link ProcessBuilder}, output appended to its log
 * file, pid recorded, readiness polled, stopped with SIGTERM and, after a grace period, SIGKILL.
 * Every component (Kafka, registry, Elasticsearch, Flink JobManager/TaskManager, ...) is one or more of these.
 *
 * <pre>{@code
 * ManagedProcess jm = ManagedProcess.builder("flink-jobmanager")
 *         .command(java, "-cp", cp, "org.apache.flink...StandaloneSessionClusterEntrypoint", "--configDir", conf)
 *         .workDir(dir).logFile(layout.logFile("flink-jobmanager")).pidFile(layout.pidFile("flink-jobmanager"))
 *         .readiness(Readiness.httpOk("http://127.0.0.1:8083/overview"))
 *         .build()
 *         .start();
 * }</pre>
 */
public final class ManagedProcess {

    private static final Duration POLL = Duration.ofMillis(250);

    private final String name;
    private final List<String> command;
    private final Map<String, String> environment;
    private final Path workDir;
    private final Path logFile;
    private final Path pidFile;
    private final ReadinessCheck readiness;
    private final Duration startTimeout;
    private final Duration stopGrace;
    private final boolean detached;
    private volatile Process process;

    private ManagedProcess(Builder b) {
        this.name = b.name;
        this.command = List.copyOf(b.command);
        this.environment = Map.copyOf(b.environment);
        this.workDir = b.workDir;
        this.logFile = b.logFile;
        this.pidFile = b.pidFile;
        this.readiness = b.readiness;
        this.startTimeout = b.startTimeout;
        this.stopGrace = b.stopGrace;
        this.detached = b.detached;
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    public String name() {
        return name;
    }

    public Path logFile() {
        return logFile;
    }

    public Path pidFile() {
        return pidFile;
    }

    /** Spawns the process and blocks until it is ready; on failure the process is gone and the log tail is in the message. */
    public ManagedProcess start() {
        if (process != null && process.isAlive()) {
            throw new StackException(name + " is already running (pid " + process.pid() + ")");
        }
        process = spawn(command);
        if (pidFile != null) {
            PidFile.write(pidFile, process.toHandle());
        }
        awaitReady();
        return this;
    }

    private Process spawn(List<String> cmd) {
        List<String> full = new ArrayList<>();
        if (detached) {
            // Own session: a Ctrl-C in the terminal that ran `bin/stack up` does not reach the servers.
            // setsid execs in place (we are not a group leader), so the pid stays the server's.
            full.add("setsid");
        }
        full.addAll(cmd);
        try {
            Files.createDirectories(logFile.toAbsolutePath().getParent());
            Files.createDirectories(workDir);
            ProcessBuilder pb = new ProcessBuilder(full)
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            pb.environment().putAll(environment);
            return pb.start();
        } catch (IOException e) {
            throw new StackException("Cannot start " + name + " (" + String.join(" ", full) + "): " + e.getMessage(), e);
        }
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + startTimeout.toNanos();
        Exception lastProblem = null;
        while (true) {
            if (!process.isAlive()) {
                throw new StackException(name + " exited with code " + process.exitValue()
                        + " before it was ready. Log " + logFile + ":\n" + tail(logFile));
            }
            try {
                if (readiness.isReady()) {
                    return;
                }
                lastProblem = null;
            } catch (Exception e) {
                lastProblem = e;
            }
            if (System.nanoTime() > deadline) {
                stop();
                throw new StackException(name + " was not ready within " + startTimeout.toSeconds() + " s"
                        + (lastProblem == null ? "" : " (last check: " + lastProblem + ")")
                        + "; stopped it. Log " + logFile + ":\n" + tail(logFile));
            }
            sleep(POLL);
        }
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    public long pid() {
        if (process == null) {
            throw new IllegalStateException(name + " was never started");
        }
        return process.pid();
    }

    /** SIGTERM, then SIGKILL after the grace period; removes the pid file. Idempotent. */
    public void stop() {
        if (process != null) {
            stop(process.toHandle(), stopGrace);
        }
        if (pidFile != null) {
            try {
                Files.deleteIfExists(pidFile);
            } catch (IOException ignored) {
                // A stale pid file is harmless: PidFile.read checks the process start time.
            }
        }
    }

    /** Stops any process (also one started by an earlier JVM, found through its pid file). */
    public static void stop(ProcessHandle handle, Duration grace) {
        if (!handle.isAlive()) {
            return;
        }
        handle.destroy();
        if (!await(handle, grace)) {
            handle.destroyForcibly();
            if (!await(handle, Duration.ofSeconds(10))) {
                throw new StackException("Process " + handle.pid() + " survived SIGKILL for 10 s");
            }
        }
    }

    private static boolean await(ProcessHandle handle, Duration timeout) {
        try {
            handle.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (java.util.concurrent.TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !handle.isAlive();
        } catch (java.util.concurrent.ExecutionException e) {
            return !handle.isAlive();
        }
    }

    /**
     * Runs a one-shot command (e.g. Kafka's storage format, Flink's BashJavaUtils, {@code flink run}) to completion,
     * output appended to the given log; fails with the log tail when it exits non-zero or hangs.
     *
     * @return what this run wrote (stdout and stderr), for commands whose output is their result
     */
    public static String runToCompletion(String name, List<String> command, Map<String, String> env, Path workDir,
                                         Path logFile, Duration timeout) {
        ManagedProcess oneShot = builder(name).command(command).environment(env).workDir(workDir)
                .logFile(logFile).startTimeout(timeout).build();
        long offset = logFile.toFile().length();
        Process p = oneShot.spawn(command);
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                stop(p.toHandle(), Duration.ofSeconds(2));
                throw new StackException(name + " did not finish within " + timeout.toSeconds() + " s. Log "
                        + logFile + ":\n" + tail(logFile));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new StackException(name + " interrupted", e);
        }
        if (p.exitValue() != 0) {
            throw new StackException(name + " failed with exit code " + p.exitValue() + ". Log " + logFile + ":\n"
                    + tail(logFile));
        }
        try (RandomAccessFile raf = new RandomAccessFile(logFile.toFile(), "r")) {
            byte[] output = new byte[(int) (raf.length() - offset)];
            raf.seek(offset);
            raf.readFully(output);
            return new String(output, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new StackException(name + ": cannot read its output from " + logFile, e);
        }
    }

    /** The last lines of a log, for error messages that explain themselves. */
    public static String tail(Path file) {
        final int maxBytes = 4_000;
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            long from = Math.max(0, raf.length() - maxBytes);
            byte[] buf = new byte[(int) (raf.length() - from)];
            raf.seek(from);
            raf.readFully(buf);
            return new String(buf, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("Interrupted while waiting", e);
        }
    }

    @Override
    public String toString() {
        return name + (process == null ? " (not started)" : " (pid " + process.pid() + ")");
    }

    public static final class Builder {
        private final String name;
        private List<String> command = List.of();
        private final Map<String, String> environment = new LinkedHashMap<>();
        private Path workDir;
        private Path logFile;
        private Path pidFile;
        private ReadinessCheck readiness = ReadinessCheck.immediately();
        private Duration startTimeout = Duration.ofSeconds(120);
        private Duration stopGrace = Duration.ofSeconds(20);
        private boolean detached;

        private Builder(String name) {
            if (name == null || !name.matches("[a-z0-9][a-z0-9-]*")) {
                throw new IllegalArgumentException("process name must be lower-case letters, digits and '-', got " + name);
            }
            this.name = name;
        }

        public Builder command(List<String> command) {
            if (command == null || command.isEmpty()) {
                throw new IllegalArgumentException(name + ": command must not be empty");
            }
            this.command = List.copyOf(command);
            return this;
        }

        public Builder command(String... command) {
            return command(List.of(command));
        }

        public Builder environment(Map<String, String> env) {
            this.environment.putAll(env);
            return this;
        }

        public Builder env(String key, String value) {
            this.environment.put(Objects.requireNonNull(key), Objects.requireNonNull(value, key));
            return this;
        }

        public Builder workDir(Path workDir) {
            this.workDir = Objects.requireNonNull(workDir, "workDir");
            return this;
        }

        public Builder logFile(Path logFile) {
            this.logFile = Objects.requireNonNull(logFile, "logFile");
            return this;
        }

        /** Optional: where the pid is recorded (the CLI stops processes from it after its own JVM is gone). */
        public Builder pidFile(Path pidFile) {
            this.pidFile = pidFile;
            return this;
        }

        public Builder readiness(ReadinessCheck readiness) {
            this.readiness = Objects.requireNonNull(readiness, "readiness");
            return this;
        }

        public Builder startTimeout(Duration timeout) {
            this.startTimeout = requirePositive(timeout, "startTimeout");
            return this;
        }

        public Builder stopGrace(Duration grace) {
            this.stopGrace = requirePositive(grace, "stopGrace");
            return this;
        }

        /** Run in its own session (setsid), so that it outlives the launching terminal; used by the CLI. */
        public Builder detached(boolean detached) {
            this.detached = detached;
            return this;
        }

        public ManagedProcess build() {
            if (command.isEmpty()) {
                throw new IllegalArgumentException(name + ": command is required");
            }
            Objects.requireNonNull(workDir, name + ": workDir is required");
            Objects.requireNonNull(logFile, name + ": logFile is required");
            return new ManagedProcess(this);
        }

        private Duration requirePositive(Duration d, String what) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + ": " + what + " must be positive, got " + d);
            }
            return d;
        }
    }
}
