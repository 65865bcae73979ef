package io.infometis.streams.bench.jobs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.flink.configuration.CheckpointingOptions;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.runtime.client.JobStatusMessage;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.infometis.streams.bench.measure.CheckpointStats;
import io.infometis.streams.bench.measure.SourceProgress;
import io.infometis.streams.stack.InfometisHome;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * A job running on a fresh MiniCluster in this JVM, started through a {@link JobLauncher} on its own thread
 * (its {@code execute} blocks there); closing it cancels the job and stops the cluster. The cluster runs with the
 * deployed state backend and checkpoint settings ({@link DeployedSettings}) and reports its Kafka sources' progress
 * to {@link SourceProgress}.
 */
public final class MiniClusterJob implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final MiniCluster cluster;
    private final Path checkpointDir;
    private final Thread runner;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final String name;
    private final Set<Thread> threadsBefore;

    private MiniClusterJob(MiniCluster cluster, Path checkpointDir, JobLauncher job, String name,
                           Set<Thread> threadsBefore) {
        this.cluster = cluster;
        this.name = name;
        this.threadsBefore = threadsBefore;
        this.checkpointDir = checkpointDir;
        this.runner = new Thread(() -> {
            try {
                job.run();
            } catch (Throwable e) {
                failure.set(e);
            }
        }, "bench-job-" + name);
        runner.setDaemon(true);
    }

    public static MiniClusterJob start(String name, int parallelism, JobLauncher job) throws Exception {
        return start(name, parallelism, job, new Configuration());
    }

    /**
     * As {@link #start(String, int, JobLauncher)}, with {@code jobSettings} as the job's own Flink configuration
     * (what {@code flink run -D key=value} would set, e.g. {@code pipeline.auto-watermark-interval}).
     */
    public static MiniClusterJob start(String name, int parallelism, JobLauncher job, Configuration jobSettings)
            throws Exception {
        SourceProgress.reset();
        Set<Thread> threadsBefore = Set.copyOf(Thread.getAllStackTraces().keySet());
        Path checkpointDir = Files.createTempDirectory("bench-checkpoints-");
        DeployedSettings deployed = DeployedSettings.of(InfometisHome.locate());
        // As `flink run` reads the cluster's config.yaml: the job sees the deployed checkpoint settings too (the
        // interval, mode and pauses are the client's to set); the run's own settings override them.
        // Then the job's own deployed settings (flink-conf/jobs/<job>.yaml), then the run's.
        Configuration settings = new Configuration();
        deployed.applyTo(settings);
        job.deployedSettings().forEach(settings::setString);
        settings.addAll(jobSettings);
        // A deployed TaskManager's managed memory per slot, with the job's own fraction where it sets one.
        MemorySize managedPerSlot = deployed.managedMemoryPerSlot(settings);
        MiniCluster cluster = new MiniCluster(new MiniClusterConfiguration.Builder()
                .setConfiguration(configuration(parallelism, checkpointDir, deployed, managedPerSlot))
                .setNumTaskManagers(1)
                .setNumSlotsPerTaskManager(parallelism).build());
        cluster.start();
        MiniClusterContext.install(cluster, parallelism, settings);
        MiniClusterJob running = new MiniClusterJob(cluster, checkpointDir, job, name, threadsBefore);
        running.runner.start();
        return running;
    }

    /** Whether the job's thread still runs (its {@code execute} returns only when the job ends or fails). */
    public boolean isRunning() {
        return runner.isAlive() && failure.get() == null;
    }

    public Throwable failure() {
        return failure.get();
    }

    /**
     * The failures the job recovered from so far (Flink restarts it in place, so {@link #isRunning()} stays true),
     * newest first, as "exception in task"; empty when none. From the REST API's exception history.
     */
    public List<String> failovers() {
        try {
            JsonNode body = firstJobRest("/exceptions");
            if (body == null) {
                return List.of();
            }
            List<String> failures = new ArrayList<>();
            for (JsonNode entry : body.path("exceptionHistory").path("entries")) {
                String stack = entry.path("stacktrace").asText("");
                failures.add(stack.lines().findFirst().orElse(entry.path("exceptionName").asText("?"))
                        + " in " + entry.path("taskName").asText("the job"));
            }
            return failures;
        } catch (Exception e) {
            return List.of("cannot read the job's exception history: " + e);
        }
    }

    /**
     * The state backend the job runs with, as its JobManager reports it (e.g. {@code EmbeddedRocksDBStateBackend}):
     * proof that the deployed settings took effect. "unknown" when the REST API cannot tell.
     */
    public String stateBackend() {
        try {
            JsonNode body = firstJobRest("/checkpoints/config");
            if (body == null) {
                return "unknown";
            }
            return body.path("state_backend").asText("unknown");
        } catch (Exception e) {
            return "unknown";
        }
    }

    /** Checkpoints of the job so far (the first job of the cluster); {@link CheckpointStats#NONE} when none. */
    public CheckpointStats checkpoints() {
        try {
            JsonNode stats = firstJobRest("/checkpoints");
            if (stats == null) {
                return CheckpointStats.NONE;
            }
            long completed = stats.path("counts").path("completed").asLong();
            if (completed == 0) {
                return CheckpointStats.NONE;
            }
            JsonNode summary = stats.path("summary");
            return new CheckpointStats(completed,
                    stats.path("latest").path("completed").path("state_size").asLong(),
                    summary.path("state_size").path("max").asLong(),
                    summary.path("end_to_end_duration").path("avg").asDouble(Double.NaN),
                    summary.path("end_to_end_duration").path("max").asDouble(Double.NaN));
        } catch (Exception e) {
            System.err.println("bench: cannot read the checkpoint statistics: " + e);
            return CheckpointStats.NONE;
        }
    }

    /** GET {@code /jobs/<first job><suffix>} of the cluster's REST API as JSON; null when the cluster has no job. */
    private JsonNode firstJobRest(String suffix) throws Exception {
        List<JobStatusMessage> jobs = List.copyOf(cluster.listJobs().get());
        if (jobs.isEmpty()) {
            return null;
        }
        URI rest = cluster.getRestAddress().get(10, TimeUnit.SECONDS);
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                rest.resolve("/jobs/" + jobs.get(0).getJobId() + suffix)).build(), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body());
    }

    @Override
    public void close() throws Exception {
        try {
            List<JobStatusMessage> jobs = List.copyOf(cluster.listJobs().get());
            for (JobStatusMessage job : jobs) {
                if (!job.getJobState().isGloballyTerminalState()) {
                    cluster.cancelJob(job.getJobId()).get(30, TimeUnit.SECONDS);
                }
            }
            runner.join(TimeUnit.SECONDS.toMillis(30));
        } finally {
            MiniClusterContext.uninstall();
            cluster.close();
            deleteRecursively(checkpointDir);
            awaitTaskThreadsGone();
        }
    }

    /**
     * Waits until no thread started during this run still runs a Flink task, and says so on stderr when some
     * outlive the wait: the next run would share the CPU with them and measure less than its job does.
     */
    private void awaitTaskThreadsGone() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        List<Thread> left = leftoverTaskThreads();
        while (!left.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(200);
            left = leftoverTaskThreads();
        }
        for (Thread t : left) {
            StackTraceElement[] stack = t.getStackTrace();
            System.err.println("bench: WARNING: thread '" + t.getName() + "' of " + name + " (" + t.getState()
                    + ") outlived its MiniCluster by 60 s, at " + (stack.length == 0 ? "?" : stack[0]));
        }
    }

    private List<Thread> leftoverTaskThreads() {
        List<Thread> left = new ArrayList<>();
        Thread.getAllStackTraces().forEach((thread, stack) -> {
            if (!threadsBefore.contains(thread) && thread.isAlive() && Arrays.stream(stack).anyMatch(
                    f -> f.getClassName().startsWith("org.apache.flink.runtime.taskmanager.Task"))) {
                left.add(thread);
            }
        });
        return left;
    }

    static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    static Configuration configuration(int parallelism, Path checkpointDir, DeployedSettings deployed,
                                       MemorySize managedPerSlot) {
        Configuration conf = new Configuration();
        deployed.applyTo(conf);
        conf.set(TaskManagerOptions.MANAGED_MEMORY_SIZE, managedPerSlot.multiply(parallelism));
        // Checkpoints to files, as in production: Flink's default for a job without a checkpoint directory keeps
        // them in the JobManager's heap (this JVM's) and fails every checkpoint whose state of one task exceeds
        // 5 MB ("Asynchronous task checkpoint failed"), which with the default of no tolerated checkpoint
        // failures makes the job restart over and over once its state grows.
        conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpointDir.toUri().toString());
        conf.set(TaskManagerOptions.NUM_TASK_SLOTS, parallelism);
        conf.set(RestOptions.BIND_PORT, "0");
        conf.setString("metrics.reporter." + SourceProgress.REPORTER_NAME + ".factory.class",
                SourceProgress.Factory.class.getName());
        return conf;
    }
}
