package io.infometis.streams.reliability.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.infometis.streams.reliability.probe.ProbeJob;
import io.infometis.streams.stack.ManagedProcess;
import io.infometis.streams.stack.flink.FlinkCli;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Runs the probe job on the real stack, does each fault to it under traffic of known ground truth, and after each
 * fault waits until the output converges (or a deadline passes) and records what was in, out, lost or duplicated,
 * and how long the stack took to catch up from the moment of the fault.
 */
public final class FaultSuite {

    /** One fault's outcome. */
    public record Result(Fault fault, Observed.Verdict verdict, Duration catchUp, int jobFailures, boolean converged) {}

    /** Sizes of one run. */
    public record Plan(List<Fault> faults, int ordersPerBatch, Duration elasticsearchOutage, Duration convergeWithin) {
        public static Plan shortForm() {
            return new Plan(List.of(Fault.TASKMANAGER_KILL, Fault.POISON_BARRAGE, Fault.UPGRADE), 60,
                    Duration.ofSeconds(10), Duration.ofMinutes(2));
        }

        public static Plan fullForm() {
            return new Plan(List.of(Fault.values()), 500, Duration.ofMinutes(1), Duration.ofMinutes(5));
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final Path probeJar;
    private final Plan plan;
    private final Consumer<String> log;
    private final GroundTruth truth = new GroundTruth();
    private FaultStack stack;
    private Traffic traffic;
    private String jobId;

    public FaultSuite(Path probeJar, Plan plan, Consumer<String> log) {
        this.probeJar = probeJar;
        this.plan = plan;
        this.log = log;
    }

    public List<Result> run() throws Exception {
        List<Result> results = new ArrayList<>();
        try (FaultStack s = new FaultStack()) {
            stack = s;
            log.accept("starting Kafka, registry, Elasticsearch and the Flink session cluster in " + s.dir);
            s.start();
            traffic = new Traffic(s.kafka.bootstrapServers(), s.registry.url(), truth);
            jobId = submit(Optional.empty());
            traffic.send("warmup", plan.ordersPerBatch() / 2, 0);
            Result warmup = converge(null, System.nanoTime());
            if (!warmup.converged()) {
                throw new IllegalStateException("the probe did not process the warm-up traffic: " + warmup);
            }
            for (Fault fault : plan.faults()) {
                log.accept("fault: " + fault + " (" + fault.description + ")");
                results.add(inject(fault));
                log.accept("  " + results.get(results.size() - 1));
            }
        }
        // Servers' data and logs: kept after a run that was not clean (to read the logs), removed otherwise.
        if (results.stream().allMatch(Result::converged)) {
            deleteRecursively(stack.dir);
        } else {
            log.accept("logs kept in " + stack.layout.logsDir());
        }
        return results;
    }

    private Result inject(Fault fault) throws Exception {
        String batch = fault.name().toLowerCase(java.util.Locale.ROOT);
        int half = plan.ordersPerBatch() / 2;
        int failuresBefore = jobFailures();
        long faultAt;
        switch (fault) {
            case TASKMANAGER_KILL -> {
                traffic.send(batch + "-a", half, 0);
                faultAt = System.nanoTime();
                kill9(stack.taskManager());
                traffic.send(batch + "-b", half, 0);
                stack.taskManager().start();
            }
            case JOBMANAGER_RESTART -> {
                traffic.send(batch + "-a", half, 0);
                String checkpoint = awaitCheckpoint();
                faultAt = System.nanoTime();
                kill9(stack.jobManager());
                traffic.send(batch + "-b", half, 0);
                stack.jobManager().start();
                jobId = submit(Optional.of(checkpoint));
                failuresBefore = 0;
            }
            case ELASTICSEARCH_DOWN -> {
                faultAt = System.nanoTime();
                stack.elasticsearch.stop();
                traffic.send(batch, plan.ordersPerBatch(), 0);
                Thread.sleep(plan.elasticsearchOutage().toMillis());
                stack.elasticsearch.start();
            }
            case KAFKA_RESTART -> {
                traffic.send(batch + "-a", half, 0);
                faultAt = System.nanoTime();
                stack.kafka.stop();
                stack.kafka.start();
                traffic.send(batch + "-b", half, 0);
            }
            case POISON_BARRAGE -> {
                faultAt = System.nanoTime();
                traffic.send(batch, plan.ordersPerBatch(), 10);
            }
            case UPGRADE -> {
                traffic.send(batch + "-a", half, 0);
                faultAt = System.nanoTime();
                FlinkCli cli = stack.flink.cli();
                String savepoint = cli.stopWithSavepoint(jobId, stack.flink.savepointsDir());
                log.accept("  savepoint " + savepoint);
                traffic.send(batch + "-b", half, 0);
                jobId = submit(Optional.of(savepoint));
                failuresBefore = 0;
            }
            default -> throw new IllegalArgumentException(fault.toString());
        }
        Result converged = converge(fault, faultAt);
        return new Result(fault, converged.verdict(), converged.catchUp(), jobFailures() - failuresBefore,
                converged.converged());
    }

    /** Polls until every expected record, letter and document is there (or the deadline passes). */
    private Result converge(Fault fault, long since) throws InterruptedException {
        long deadline = System.nanoTime() + plan.convergeWithin().toNanos();
        Observed.Verdict verdict;
        while (true) {
            verdict = Observed.read(stack.kafka.bootstrapServers(), stack.elasticsearch.url()).against(truth);
            if (verdict.clean() || System.nanoTime() > deadline) {
                break;
            }
            Thread.sleep(1000);
        }
        // One more look after a checkpoint interval: a late duplicate would show now.
        Thread.sleep(3000);
        verdict = Observed.read(stack.kafka.bootstrapServers(), stack.elasticsearch.url()).against(truth);
        return new Result(fault, verdict, Duration.ofNanos(System.nanoTime() - since).minusSeconds(3), 0,
                verdict.clean());
    }

    private String submit(Optional<String> from) {
        String id = stack.flink.cli().submitDetached(probeJar, ProbeJob.class.getName(), stack.probeArgs(), from);
        log.accept("  probe job " + id + from.map(f -> " restored from " + f).orElse(""));
        return id;
    }

    private String awaitCheckpoint() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            Optional<String> latest = stack.flink.rest().latestCheckpoint(jobId);
            if (latest.isPresent() && !latest.get().isBlank()) {
                return latest.get();
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("no completed checkpoint of job " + jobId + " within 60 s");
    }

    /** Failures (restarts) of the current job so far, from its exception history. */
    private int jobFailures() {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(stack.flink.url()
                    + "/jobs/" + jobId + "/exceptions?maxExceptions=1000")).timeout(Duration.ofSeconds(10)).GET()
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return -1;
            }
            JsonNode entries = JSON.readTree(response.body()).path("exceptionHistory").path("entries");
            return entries.size();
        } catch (Exception e) {
            return -1;
        }
    }

    private static void deleteRecursively(Path root) {
        try (java.util.stream.Stream<Path> paths = java.nio.file.Files.walk(root)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (java.io.IOException e) {
            // Leftovers in the temp dir are harmless.
        }
    }

    private static void kill9(ManagedProcess process) {
        ProcessHandle handle = ProcessHandle.of(process.pid()).orElseThrow();
        handle.destroyForcibly();
        handle.onExit().join();
    }
}
