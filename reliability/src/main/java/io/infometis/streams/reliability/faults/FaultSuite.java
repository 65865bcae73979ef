package io.infometis.streams.reliability.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.infometis.streams.events.EnrichedOrder;
import io.infometis.streams.events.RegistrySerdes;
import io.infometis.streams.events.Topics;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Runs the real order-enrichment job (its shaded jar, submitted with the real {@code flink run}) on the real stack,
 * does each fault to it under traffic of known ground truth, and after each fault waits until the output converges
 * (or a deadline passes) and records what was in, out, lost or duplicated, and how long the stack took to catch
 * up from the moment of the fault.
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

    /** The job under test: the real order-enrichment job, as bin/stack submits it. */
    static final String ENTRY_CLASS = "io.infometis.streams.enrichment.OrderEnrichmentJob";
    static final String JOB_NAME = "order-enrichment";
    /** Jar name in the jobs dir (the pom copies the module's shaded jar there without its version). */
    static final String JAR = "order-enrichment.jar";
    /**
     * Checkpoint interval for the suite's submissions (flink run -D): the cluster's 10 s would make every wait for
     * committed output up to 10 s longer; the job's own code path is the same.
     */
    static final String CHECKPOINT_INTERVAL = "2 s";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Pattern SUBMITTED = Pattern.compile("Job has been submitted with JobID ([0-9a-f]{32})");

    private final Path jobJar;
    private final Plan plan;
    private final Consumer<String> log;
    private final GroundTruth truth = new GroundTruth();
    private FaultStack stack;
    private Traffic traffic;
    private DeserializationSchema<EnrichedOrder> enrichedOrders;
    private String jobId;

    /** @param jobsDir where the job jars are ({@value #JAR}); reliability/target/jobs after the build */
    public FaultSuite(Path jobsDir, Plan plan, Consumer<String> log) {
        this.jobJar = jobsDir.resolve(JAR).toAbsolutePath();
        if (!java.nio.file.Files.isRegularFile(jobJar)) {
            throw new IllegalArgumentException("no job jar " + jobJar
                    + ": build first with mvn -B -ntp -pl reliability -am package -DskipTests");
        }
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
            enrichedOrders = new RegistrySerdes(s.registry.url(), java.util.Map.of()).deserializer(EnrichedOrder.class);
            traffic.profiles();
            jobId = submit(Optional.empty());
            // Every order must meet a known profile, else whether it waits for one depends on which source
            // is read first, and the number of enriched records per order would not be known.
            awaitCommitted(Topics.CUSTOMERS.name());
            traffic.send("warmup", plan.ordersPerBatch() / 2, 0);
            Result warmup = converge(null, System.nanoTime());
            if (!warmup.converged()) {
                throw new IllegalStateException("the job did not process the warm-up traffic: " + warmup);
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
            verdict = observe();
            if (verdict.clean() || System.nanoTime() > deadline) {
                break;
            }
            Thread.sleep(1000);
        }
        // One more look after a checkpoint interval: a late duplicate would show now.
        Thread.sleep(3000);
        verdict = observe();
        return new Result(fault, verdict, Duration.ofNanos(System.nanoTime() - since).minusSeconds(3), 0,
                verdict.clean());
    }

    private Observed.Verdict observe() {
        return Observed.read(stack.kafka.bootstrapServers(), stack.elasticsearch.url(), enrichedOrders).against(truth);
    }

    /** {@code flink run -d -D execution.checkpointing.interval=... [-s from] -c entry jar args}. */
    private String submit(Optional<String> from) {
        List<String> args = new ArrayList<>(List.of("run", "-d",
                "-Dexecution.checkpointing.interval=" + CHECKPOINT_INTERVAL));
        from.ifPresent(f -> args.addAll(List.of("-s", f)));
        args.addAll(List.of("-c", ENTRY_CLASS, jobJar.toString()));
        args.addAll(stack.jobArgs());
        String printed = stack.flink.cli().run(args, Duration.ofMinutes(3));
        Matcher m = SUBMITTED.matcher(printed);
        if (!m.find()) {
            throw new IllegalStateException("flink run printed no job id:\n" + printed);
        }
        log.accept("  " + JOB_NAME + " job " + m.group(1) + from.map(f -> " restored from " + f).orElse(""));
        return m.group(1);
    }

    /**
     * Waits until the job's consumer group has committed the end of {@code topic}: the source commits offsets
     * when a checkpoint completes, so by then every record of it is in the job's checkpointed state.
     */
    private void awaitCommitted(String topic) throws Exception {
        java.util.Properties props = new java.util.Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka.bootstrapServers());
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        try (Admin admin = Admin.create(props)) {
            List<TopicPartition> partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic)
                    .partitions().stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            java.util.Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
            partitions.forEach(p -> latest.put(p, OffsetSpec.latest()));
            var end = admin.listOffsets(latest).all().get();
            while (System.nanoTime() < deadline) {
                java.util.Map<TopicPartition, OffsetAndMetadata> committed =
                        admin.listConsumerGroupOffsets(JOB_NAME).partitionsToOffsetAndMetadata().get();
                if (partitions.stream().allMatch(p -> end.get(p).offset() == 0
                        || (committed.get(p) != null && committed.get(p).offset() >= end.get(p).offset()))) {
                    return;
                }
                Thread.sleep(500);
            }
        }
        throw new IllegalStateException("the job did not commit the end of " + topic + " within 2 min");
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
