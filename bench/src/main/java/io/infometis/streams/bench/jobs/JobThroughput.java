package io.infometis.streams.bench.jobs;

import io.infometis.streams.bench.measure.CpuSample;
import io.infometis.streams.bench.measure.SourceProgress;
import io.infometis.streams.bench.measure.Throughput;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.runtime.client.JobStatusMessage;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;

/**
 * Throughput of a whole job, DataStream or SQL, run unchanged on a fresh MiniCluster in this JVM: its Kafka
 * sources' progress ({@link SourceProgress}) is polled until they have read the backlog of the given topics.
 * Counted from the first poll that sees progress to the poll that sees the whole backlog read (polls every
 * {@value #POLL_MILLIS} ms, so a step must run for seconds to be meaningful: the full profile's do).
 */
public final class JobThroughput {

    private static final long POLL_MILLIS = 50;

    private final Map<String, Long> pids;

    public JobThroughput(Map<String, Long> pids) {
        this.pids = pids;
    }

    /**
     * @param backlog records per input topic the job must read (the end offsets of the backlog)
     */
    public Throughput measure(String name, int parallelism, Map<String, Long> backlog, JobLauncher job,
                              Duration timeout) throws Exception {
        SourceProgress.reset();
        long total = backlog.values().stream().mapToLong(Long::longValue).sum();
        try (MiniCluster cluster = new MiniCluster(new MiniClusterConfiguration.Builder()
                .setConfiguration(configuration(parallelism)).setNumTaskManagers(1)
                .setNumSlotsPerTaskManager(parallelism).build())) {
            cluster.start();
            MiniClusterContext.install(cluster, parallelism);
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Thread runner = new Thread(() -> {
                try {
                    job.run();
                } catch (Throwable e) {
                    failure.set(e);
                }
            }, "bench-job-" + name);
            runner.setDaemon(true);
            runner.start();
            try {
                CpuSample start = null;
                long atStart = 0;
                long deadline = System.nanoTime() + timeout.toNanos();
                while (System.nanoTime() < deadline) {
                    long read = consumed(backlog);
                    if (start == null && read > 0) {
                        start = CpuSample.take(pids);
                        atStart = read;
                    }
                    if (read >= total) {
                        return Throughput.between(name, parallelism, total - atStart, start, CpuSample.take(pids),
                                "bench");
                    }
                    if (failure.get() != null || !runner.isAlive()) {
                        throw new IllegalStateException(name + " stopped after reading " + read + " of " + total
                                + " records", failure.get());
                    }
                    Thread.sleep(POLL_MILLIS);
                }
                throw new IllegalStateException(name + " read " + consumed(backlog) + " of " + total
                        + " records within " + timeout);
            } finally {
                cancelAll(cluster);
                runner.join(TimeUnit.SECONDS.toMillis(30));
                MiniClusterContext.uninstall();
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

    private static void cancelAll(MiniCluster cluster) throws Exception {
        List<JobStatusMessage> jobs = List.copyOf(cluster.listJobs().get());
        for (JobStatusMessage job : jobs) {
            if (!job.getJobState().isGloballyTerminalState()) {
                cluster.cancelJob(job.getJobId()).get(30, TimeUnit.SECONDS);
            }
        }
    }

    static Configuration configuration(int parallelism) {
        Configuration conf = new Configuration();
        conf.set(TaskManagerOptions.NUM_TASK_SLOTS, parallelism);
        conf.set(RestOptions.BIND_PORT, "0");
        conf.setString("metrics.reporter." + SourceProgress.REPORTER_NAME + ".factory.class",
                SourceProgress.Factory.class.getName());
        return conf;
    }
}
