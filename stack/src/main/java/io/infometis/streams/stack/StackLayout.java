package io.infometis.streams.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Where a stack keeps its files: the repository root (to find the platform artifacts), one data directory per
 * component, one folder of logs, one folder of pid files. Tests use a temp dir, the CLI {@code .stack/}.
 *
 * @param home     repository root (see {@link InfometisHome})
 * @param baseDir  data of every component, in {@code baseDir/<component>}
 * @param logsDir  {@code <process>.log} of every process
 * @param pidDir   {@code <process>.pid} of every process
 * @param detached whether processes get their own session (CLI) or stay in the launcher's (tests)
 */
public record StackLayout(Path home, Path baseDir, Path logsDir, Path pidDir, boolean detached) {

    public StackLayout {
        Objects.requireNonNull(home, "home");
        Objects.requireNonNull(baseDir, "baseDir");
        Objects.requireNonNull(logsDir, "logsDir");
        Objects.requireNonNull(pidDir, "pidDir");
    }

    /** Everything under one directory: {@code dir/<component>}, {@code dir/logs}, {@code dir/pids}. */
    public static StackLayout under(Path home, Path dir, boolean detached) {
        return new StackLayout(home, dir, dir.resolve("logs"), dir.resolve("pids"), detached);
    }

    public Path dataDir(String component) {
        Path dir = baseDir.resolve(component);
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + dir, e);
        }
    }

    public Path logFile(String process) {
        return logsDir.resolve(process + ".log");
    }

    public Path pidFile(String process) {
        return pidDir.resolve(process + ".pid");
    }

    /** A builder for one process of this stack, with its log and pid file already set. */
    public ManagedProcess.Builder process(String name) {
        return ManagedProcess.builder(name)
                .logFile(logFile(name))
                .pidFile(pidFile(name))
                .detached(detached);
    }

    /**
     * JVM flags of every server: on 2 shared cores, start time matters more than peak throughput for a local
     * stack. The C1-only JIT roughly halves the registry's start (4.6 s to 2.6 s measured) and leaves CPU to the
     * servers starting alongside; the serial GC needs no GC threads.
     */
    public static final List<String> FAST_START_JVM_FLAGS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

    /** The java of the JVM that runs the launcher: every server runs on the same Java 17. */
    public static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
