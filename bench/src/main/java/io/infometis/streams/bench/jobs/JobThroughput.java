package io.infometis.streams.bench.jobs;

import io.infometis.streams.bench.measure.CheckpointStats;
import io.infometis.streams.bench.measure.CpuSample;
import io.infometis.streams.bench.measure.HotMethods;
import io.infometis.streams.bench.measure.SourceProgress;
import io.infometis.streams.bench.measure.Throughput;
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
    private static final int TOP_METHODS = 8;

    private final Map<String, Long> pids;
    private final Map<String, CheckpointStats> checkpoints = new LinkedHashMap<>();
    private final Map<String, HotMethods.Profile> profiles = new LinkedHashMap<>();
    private final Map<String, String> stateBackends = new LinkedHashMap<>();

    public JobThroughput(Map<String, Long> pids) {
        this.pids = pids;
    }

    /** The hottest methods and threads of every run so far (JFR samples of this JVM), by "name p&lt;parallelism&gt;". */
    public Map<String, HotMethods.Profile> profiles() {
        return profiles;
    }

    /** The state backend of every run so far, as Flink reports it, by "name p&lt;parallelism&gt;". */
    public Map<String, String> stateBackends() {
        return stateBackends;
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
        long total = backlog.values().stream().mapToLong(Long::longValue).sum();
        HotMethods profile = null;
        try (MiniClusterJob running = MiniClusterJob.start(name, parallelism, job, jobSettings)) {
            CpuSample start = null;
            long atStart = 0;
            long deadline = System.nanoTime() + timeout.toNanos();
            long windowEnd = Long.MAX_VALUE;
            while (System.nanoTime() < deadline) {
                long read = consumed(backlog);
                if (start == null && read > 0) {
                    start = CpuSample.take(pids);
                    atStart = read;
                    windowEnd = start.wallNanos() + window.toNanos();
                    // From the first record on: planning and start-up are not what limits a job.
                    profile = HotMethods.start();
                }
                if (read >= total || (start != null && System.nanoTime() >= windowEnd)) {
                    Throughput t = Throughput.between(name, parallelism, read - atStart, start, CpuSample.take(pids),
                            "bench");
                    checkpoints.put(name + " p" + parallelism, running.checkpoints());
                    stateBackends.put(name + " p" + parallelism, running.stateBackend());
                    profiles.put(name + " p" + parallelism, profile.stop(TOP_METHODS));
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

    private static long consumed(Map<String, Long> backlog) {
        long read = 0;
        for (String topic : backlog.keySet()) {
            read += Math.min(backlog.get(topic), SourceProgress.consumed(topic));
        }
        return read;
    }
}
