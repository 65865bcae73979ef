package io.infometis.streams.bench.jobs;

import io.infometis.streams.bench.measure.CheckpointStats;
import io.infometis.streams.bench.measure.CpuSample;
import io.infometis.streams.bench.measure.HotMethods;
import io.infometis.streams.bench.measure.SourceProgress;
import io.infometis.streams.bench.measure.Throughput;
import io.infometis.streams.bench.measure.TopicProgress;
import io.infometis.streams.bench.report.ComponentMemory;
import java.time.Duration;
import org.apache.flink.configuration.Configuration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Throughput of a whole job, DataStream or SQL, run unchanged on a fresh MiniCluster in this JVM: its Kafka
 * sources' progress ({@link SourceProgress}) is polled until they have read the backlog of the given topics.
 * Counted from the first poll that sees progress to the poll that sees the whole backlog read, or to the end of
 * the measuring window if that comes first (polls every {@value #POLL_MILLIS} ms, so a step must run for seconds
 * to be meaningful: the full profile's do).
 */
public final class JobThroughput {

    private static final long POLL_MILLIS = 50;
    /** The process doing the work among the pids: the harness JVM, or the forked one standing in for it. */
    static final String WORKER = "bench";
    private static final int TOP_METHODS = 8;

    private final Map<String, Long> pids;
    private final boolean fork;
    private final Duration warmup;
    private final Map<String, CheckpointStats> checkpoints = new LinkedHashMap<>();
    private final Map<String, ComponentMemory> memory = new LinkedHashMap<>();
    private final Map<String, HotMethods.Profile> profiles = new LinkedHashMap<>();
    private final Map<String, String> stateBackends = new LinkedHashMap<>();
    private final Map<String, List<TopicProgress>> progress = new LinkedHashMap<>();

    /** Runs in this JVM (tests, and the forked side of {@link ForkedJobRun}). */
    public JobThroughput(Map<String, Long> pids) {
        this(pids, false, Duration.ZERO);
    }

    /** In this JVM, measuring each run from {@code warmup} after its first record (the forked side's form). */
    public JobThroughput(Map<String, Long> pids, Duration warmup) {
        this(pids, false, warmup);
    }

    private JobThroughput(Map<String, Long> pids, boolean fork, Duration warmup) {
        this.pids = pids;
        this.fork = fork;
        this.warmup = java.util.Objects.requireNonNull(warmup, "warmup");
    }

    /**
     * Runs each job in a JVM of its own ({@link ForkedJobRun}), the forked JVM standing in for {@code worker}
     * among the pids: what the harness does, so that no run inherits another's JIT profile.
     */
    public static JobThroughput forked(Map<String, Long> pids) {
        return forked(pids, Duration.ZERO);
    }

    /**
     * As {@link #forked(Map)}, each run measured from {@code warmup} after its first record: a forked JVM starts
     * cold, and until the JIT has compiled the job its compiler threads take CPU from the task threads.
     */
    public static JobThroughput forked(Map<String, Long> pids, Duration warmup) {
        return new JobThroughput(pids, true, warmup);
    }

    /** The forked JVM's memory at the end of each run so far (empty when not forked), by "name p&lt;parallelism&gt;". */
    public Map<String, ComponentMemory> memory() {
        return memory;
    }

    /** The hottest methods and threads of every run so far (JFR samples of this JVM), by "name p&lt;parallelism&gt;". */
    public Map<String, HotMethods.Profile> profiles() {
        return profiles;
    }

    /** The state backend of every run so far, as Flink reports it, by "name p&lt;parallelism&gt;". */
    public Map<String, String> stateBackends() {
        return stateBackends;
    }

    /** Each input topic's progress at the start and the end of every run's measurement, by "name p&lt;parallelism&gt;". */
    public Map<String, List<TopicProgress>> progress() {
        return progress;
    }

    /** Checkpoint statistics of every run so far, by "name p&lt;parallelism&gt;". */
    public Map<String, CheckpointStats> checkpoints() {
        return checkpoints;
    }

    /**
     * @param backlog records per input topic the job must read (the end offsets of the backlog)
     */
    public Throughput measure(String name, int parallelism, Map<String, Long> backlog, JobLauncher job,
                              Duration timeout) throws Exception {
        return measure(name, parallelism, backlog, job, timeout, timeout);
    }

    /** @param window longest time measured after the first progress; the backlog left over then is not read */
    public Throughput measure(String name, int parallelism, Map<String, Long> backlog, JobLauncher job,
                              Duration window, Duration timeout) throws Exception {
        return measure(name, parallelism, backlog, job, new Configuration(), window, timeout);
    }

    /** @param jobSettings the job's own Flink configuration ({@code flink run -D}), over the deployed settings */
    public Throughput measure(String name, int parallelism, Map<String, Long> backlog, JobLauncher job,
                              Configuration jobSettings, Duration window, Duration timeout) throws Exception {
        if (fork) {
            ForkedJobRun.Result result = ForkedJobRun.run(new ForkedJobRun.Request(name, parallelism,
                    new LinkedHashMap<>(backlog), job, jobSettings, warmup, window, timeout,
                    new LinkedHashMap<>(pids), WORKER));
            String key = name + " p" + parallelism;
            checkpoints.put(key, result.checkpoints());
            stateBackends.put(key, result.stateBackend());
            profiles.put(key, result.profile());
            progress.put(key, result.progress());
            memory.put(key, result.memory());
            return result.throughput();
        }
        long total = backlog.values().stream().mapToLong(Long::longValue).sum();
        HotMethods profile = null;
        try (MiniClusterJob running = MiniClusterJob.start(name, parallelism, job, jobSettings)) {
            CpuSample start = null;
            long atStart = 0;
            long deadline = System.nanoTime() + timeout.toNanos();
            long windowEnd = Long.MAX_VALUE;
            long firstRecord = 0;
            Map<String, Long> readAtStart = Map.of();
            while (System.nanoTime() < deadline) {
                long read = consumed(backlog);
                if (firstRecord == 0 && read > 0) {
                    firstRecord = System.nanoTime();
                }
                boolean warmedUp = firstRecord != 0 && System.nanoTime() - firstRecord >= warmup.toNanos();
                if (start == null && read >= total && !warmup.isZero()) {
                    throw new IllegalStateException(name + " read its whole backlog (" + total + " records) within"
                            + " its " + warmup.toSeconds() + " s warm-up: nothing was left to measure; use a"
                            + " larger backlog (--backlog) or a shorter warm-up");
                }
                if (start == null && read > 0 && warmedUp) {
                    start = CpuSample.take(pids);
                    atStart = read;
                    readAtStart = perTopic(backlog);
                    windowEnd = start.wallNanos() + window.toNanos();
                    // From the first record (plus the warm-up) on: planning, start-up and the JIT's first
                    // compilations are not what limits a deployed job.
                    profile = HotMethods.start();
                }
                if (read >= total || (start != null && System.nanoTime() >= windowEnd)) {
                    Throughput t = Throughput.between(name, parallelism, read - atStart, start, CpuSample.take(pids),
                            WORKER);
                    checkpoints.put(name + " p" + parallelism, running.checkpoints());
                    stateBackends.put(name + " p" + parallelism, running.stateBackend());
                    profiles.put(name + " p" + parallelism, profile.stop(TOP_METHODS));
                    progress.put(name + " p" + parallelism, progress(backlog, readAtStart, perTopic(backlog)));
                    return t;
                }
                if (!running.isRunning()) {
                    throw new IllegalStateException(name + " stopped after reading " + read + " of " + total
                            + " records", running.failure());
                }
                Thread.sleep(POLL_MILLIS);
            }
            throw new IllegalStateException(name + " read " + consumed(backlog) + " of " + total
                    + " records within " + timeout);
        } finally {
            if (profile != null) {
                profile.close();
            }
        }
    }

    /** Records read so far per input topic, at most its backlog. */
    private static Map<String, Long> perTopic(Map<String, Long> backlog) {
        Map<String, Long> read = new LinkedHashMap<>();
        backlog.forEach((topic, records) -> read.put(topic, Math.min(records, SourceProgress.consumed(topic))));
        return read;
    }

    private static List<TopicProgress> progress(Map<String, Long> backlog, Map<String, Long> atStart,
                                                Map<String, Long> atEnd) {
        return backlog.keySet().stream().map(topic -> new TopicProgress(topic, backlog.get(topic),
                atStart.getOrDefault(topic, 0L), Math.max(atStart.getOrDefault(topic, 0L), atEnd.get(topic))))
                .toList();
    }

    private static long consumed(Map<String, Long> backlog) {
        long read = 0;
        for (String topic : backlog.keySet()) {
            read += Math.min(backlog.get(topic), SourceProgress.consumed(topic));
        }
        return read;
    }
}
