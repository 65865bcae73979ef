package io.infometis.streams.stack.flink;

import static org.assertj.core.api.Assertions.assertThat;

import io.infometis.streams.stack.InfometisHome;
import io.infometis.streams.stack.Ports;
import io.infometis.streams.stack.StackLayout;
import io.infometis.streams.stack.flink.testjob.TickingJob;
import io.infometis.streams.stack.jobs.FlinkJobSpec;
import io.infometis.streams.stack.jobs.JobSubmission;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * The real session cluster (JobManager and TaskManager JVMs from platform/flink-dist) on free ports, and the real
 * {@code flink} CLI against it: submit a job jar, stop it with a savepoint, restore it from that savepoint.
 * One cluster for the class: starting it is the expensive part.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FlinkSessionClusterTest {

    private static final Duration JOB_STATE_TIMEOUT = Duration.ofSeconds(90);

    private static Path dir;
    private static volatile boolean anyFailed;

    @RegisterExtension
    static final TestWatcher FAILURES = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            anyFailed = true;
        }
    };
    private static FlinkSessionCluster cluster;
    private static Path jobJar;
    private static String savepoint;

    @BeforeAll
    static void startCluster() throws Exception {
        anyFailed = true; // until the cluster is up: a failed start keeps its logs too
        dir = Files.createDirectories(Path.of("target", "flink-test-" + UUID.randomUUID()).toAbsolutePath());
        PortRange prometheus = Ports.freeRange(2);
        PortRange queryService = Ports.freeRange(2);
        while (queryService.first() <= prometheus.last() && prometheus.first() <= queryService.last()) {
            queryService = Ports.freeRange(2);
        }
        int[] single;
        do {
            single = Ports.free(5);
        } while (inAny(single, prometheus, queryService));
        FlinkPorts ports = new FlinkPorts(single[0], single[1], single[2], single[3], single[4], prometheus, queryService);
        cluster = new FlinkSessionCluster(StackLayout.under(InfometisHome.locate(), dir, false), ports);
        cluster.start();
        jobJar = packTickingJob(dir.resolve("ticking-job.jar"));
        anyFailed = false;
    }

    @AfterAll
    static void stopCluster() throws IOException {
        if (cluster != null) {
            cluster.stop();
        }
        // The logs stay after a failure (or with -Dinfometis.stack.keep=true, as for the shared test stack).
        if (dir != null && !anyFailed && !Boolean.getBoolean("infometis.stack.keep")) {
            try (Stream<Path> paths = Files.walk(dir)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    @Order(1)
    void overviewShowsOneTaskManagerWithItsSlots() {
        var overview = cluster.rest().overview().orElseThrow();
        assertThat(overview.path("taskmanagers").asInt()).isEqualTo(1);
        assertThat(overview.path("slots-total").asInt()).isEqualTo(FlinkSessionCluster.TASK_SLOTS);
        assertThat(overview.path("flink-version").asText()).isEqualTo("1.20.0");
        assertThat(cluster.processes()).hasSize(2).allMatch(p -> p.isAlive());
    }

    @Test
    @Order(2)
    void prometheusEndpointsOfJobManagerAndTaskManagerServeFlinkMetrics() throws Exception {
        assertThat(get(cluster.jobManagerMetricsUrl())).contains("flink_jobmanager_numRegisteredTaskManagers");
        assertThat(get(cluster.taskManagerMetricsUrl())).contains("flink_taskmanager_Status_JVM_Memory_Heap_Used");
    }

    @Test
    @Order(3)
    void flinkRunSubmitsAJarThatStopsWithASavepointAndRestoresFromIt() throws Exception {
        FlinkCli cli = cluster.cli();
        String jobId = cli.submitDetached(jobJar, TickingJob.class.getName(), List.of(), Optional.empty());
        awaitState(jobId, "RUNNING");
        assertThat(cluster.rest().jobs()).anyMatch(j -> j.id().equals(jobId) && j.name().equals("ticking-test-job"));

        // flink-conf/config.yaml in effect: exactly-once, retained on cancellation, heap state, the stack's checkpoint dir.
        var checkpointing = cluster.rest().checkpointConfig(jobId).orElseThrow();
        assertThat(checkpointing.path("mode").asText()).isEqualTo("exactly_once");
        assertThat(checkpointing.path("interval").asLong()).isEqualTo(10_000L);
        assertThat(checkpointing.path("externalization").path("enabled").asBoolean()).isTrue();
        assertThat(checkpointing.path("externalization").path("delete_on_cancellation").asBoolean()).isFalse();
        assertThat(checkpointing.path("state_backend").asText()).isEqualTo("HashMapStateBackend");
        String checkpoint = awaitCheckpoint(jobId);
        assertThat(Path.of(URI.create(fileUri(checkpoint)))).startsWith(cluster.checkpointsDir().resolve(jobId));

        savepoint = cli.stopWithSavepoint(jobId, cluster.savepointsDir());
        Path savepointDir = Path.of(URI.create(fileUri(savepoint)));
        assertThat(savepointDir).startsWith(cluster.savepointsDir());
        assertThat(savepointDir.resolve("_metadata")).isRegularFile();
        awaitState(jobId, "FINISHED");

        // Restored on RocksDB, opted into for this job alone (what docs/operations.md tells a job whose state
        // outgrows the heap): a savepoint is backend-neutral, and -D reaches a session cluster's job.
        String restored = cli.submitDetached(jobJar, TickingJob.class.getName(), List.of(), Optional.of(savepoint),
                Map.of("state.backend.type", "rocksdb"));
        awaitState(restored, "RUNNING");
        assertThat(cluster.rest().restoredFrom(restored)).hasValueSatisfying(path -> assertThat(path).contains(
                savepointDir.getFileName().toString()));
        assertThat(cluster.rest().checkpointConfig(restored).orElseThrow().path("state_backend").asText())
                .isEqualTo("EmbeddedRocksDBStateBackend");
        cli.run(List.of("cancel", restored), Duration.ofMinutes(1));
        awaitState(restored, "CANCELED");
    }

    @Test
    @Order(4)
    void flinkListShowsTheJobsOfTheCluster() {
        String listed = cluster.cli().run(List.of("list", "-a"), Duration.ofMinutes(1));
        assertThat(listed).contains("ticking-test-job");
    }

    @Test
    @Order(5)
    void jobSubmissionRunsEachBuiltJarAndReportsMissingAndBrokenOnes() throws Exception {
        Path home = dir.resolve("home");
        copyJar(home.resolve("jobs/ticking/target/ticking-0.1.0-SNAPSHOT.jar"));
        copyJar(home.resolve("jobs/broken/target/broken-0.1.0-SNAPSHOT.jar"));
        // The shade plugin's leftover must not be mistaken for the job jar.
        copyJar(home.resolve("jobs/missing/target/original-missing-0.1.0-SNAPSHOT.jar"));
        List<FlinkJobSpec> jobs = List.of(
                new FlinkJobSpec("ticking", "jobs/ticking", TickingJob.class.getName()),
                new FlinkJobSpec("broken", "jobs/broken", "io.infometis.streams.nowhere.NoSuchJob"),
                new FlinkJobSpec("missing", "jobs/missing", TickingJob.class.getName()));
        JobSubmission submission = new JobSubmission(home, jobs, cluster, List.of(),
                () -> List.of("--kafka.bootstrap.servers", "127.0.0.1:1"));

        submission.start();

        List<String> lines = submission.readyLines();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).matches("READY job ticking [0-9a-f]{32}");
        assertThat(lines.get(1)).startsWith("FAILED job broken: ").contains("io.infometis.streams.nowhere.NoSuchJob");
        assertThat(lines.get(2)).startsWith("SKIPPED job missing: not built");
        String jobId = lines.get(0).substring("READY job ticking ".length());
        assertThat(cluster.rest().jobState(jobId)).hasValue("RUNNING");
        cluster.cli().run(List.of("cancel", jobId), Duration.ofMinutes(1));
        awaitState(jobId, "CANCELED");
    }

    private static void copyJar(Path target) throws IOException {
        Files.createDirectories(target.getParent());
        Files.copy(jobJar, target);
    }

    private static boolean inAny(int[] ports, PortRange... ranges) {
        for (int port : ports) {
            for (PortRange r : ranges) {
                if (port >= r.first() && port <= r.last()) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Flink prints local paths as {@code file:/a/b}; a URI needs {@code file:///a/b}. */
    private static String fileUri(String flinkPath) {
        return flinkPath.startsWith("file:/") && !flinkPath.startsWith("file://")
                ? "file://" + flinkPath.substring("file:".length()) : flinkPath;
    }

    private static String awaitCheckpoint(String jobId) throws InterruptedException {
        long deadline = System.nanoTime() + JOB_STATE_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<String> completed = cluster.rest().latestCheckpoint(jobId);
            if (completed.isPresent()) {
                return completed.get();
            }
            Thread.sleep(250);
        }
        throw new AssertionError("job " + jobId + " completed no checkpoint within " + JOB_STATE_TIMEOUT);
    }

    private static void awaitState(String jobId, String expected) throws InterruptedException {
        long deadline = System.nanoTime() + JOB_STATE_TIMEOUT.toNanos();
        Optional<String> state = Optional.empty();
        while (System.nanoTime() < deadline) {
            state = cluster.rest().jobState(jobId);
            if (state.filter(expected::equals).isPresent()) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("job " + jobId + " did not reach " + expected + " (last state " + state
                + ", root exception " + cluster.rest().rootException(jobId).orElse("none") + ")");
    }

    private static String get(String url) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(url).isEqualTo(200);
        return response.body();
    }

    /** A job jar as a user would build it: the job's classes and a manifest naming the entry class. */
    private static Path packTickingJob(Path jar) throws IOException {
        Path classes = Path.of(TickingJob.class.getProtectionDomain().getCodeSource().getLocation().getPath());
        Path packageDir = classes.resolve(TickingJob.class.getPackageName().replace('.', '/'));
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, TickingJob.class.getName());
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream jarOut = new JarOutputStream(out, manifest);
             Stream<Path> files = Files.walk(packageDir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                jarOut.putNextEntry(new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
                Files.copy(file, jarOut);
                jarOut.closeEntry();
            }
        }
        return jar;
    }
}
