package io.infometis.streams.reliability.faults;

import com.fasterxml.jackson.databind.JsonNode;
import io.infometis.streams.events.Alert;
import io.infometis.streams.events.CommerceMetric;
import io.infometis.streams.events.EnrichedOrder;
import io.infometis.streams.events.RegistrySerdes;
import io.infometis.streams.events.Topics;
import io.infometis.streams.stack.InfometisHome;
import io.infometis.streams.stack.ManagedProcess;
import io.infometis.streams.stack.flink.FlinkRest;
import io.infometis.streams.stack.jobs.JobFlinkSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Runs the three real jobs (their shaded jars, submitted with the real {@code flink run}) on the real stack, side
 * by side on the one session cluster: order-enrichment on the catalogue topics with the suite's own traffic,
 * fraud-detection and commerce-metrics on copies of them with generator traffic. It does each fault to all three
 * under traffic of known ground truth, and after each fault waits until each job's output converges (or a deadline
 * passes) and records what was in, out, lost or duplicated, and how long the job took to catch up from the moment
 * of the fault.
 */
public final class FaultSuite {

    /**
     * One fault's outcome for one job. {@code failure} is why the job could not run on after the fault at all (an
     * upgrade whose restore Flink refused, with Flink's reason); the verdict is then what was committed before.
     */
    public record Result(Fault fault, String job, Observed.Verdict verdict, Duration catchUp, int jobFailures,
                         boolean converged, Optional<String> failure) {}

    /** Sizes of one run. */
    public record Plan(List<Fault> faults, int ordersPerBatch, int generatedEventsPerSlice,
                       Duration elasticsearchOutage, Duration convergeWithin) {
        public static Plan shortForm() {
            return new Plan(List.of(Fault.TASKMANAGER_KILL, Fault.POISON_BARRAGE, Fault.UPGRADE), 60, 400,
                    Duration.ofSeconds(10), Duration.ofMinutes(2));
        }

        public static Plan fullForm() {
            return new Plan(List.of(Fault.values()), 500, 1000, Duration.ofMinutes(1), Duration.ofMinutes(5));
        }
    }

    /** A job under test: its jar in the jobs dir, entry class, arguments and how its output is judged. */
    record JobUnderTest(String name, String jar, String entryClass, Supplier<List<String>> args,
                        Supplier<Observed.Verdict> verdict) {}

    static final String ENRICHMENT = "order-enrichment";
    static final String FRAUD = "fraud-detection";
    static final String METRICS = "commerce-metrics";
    /** Jar names in the jobs dir (the pom copies each module's shaded jar there without its version). */
    static final String ENRICHMENT_JAR = "order-enrichment.jar";
    static final String FRAUD_JAR = "fraud-detection.jar";
    static final String METRICS_JAR = "commerce-metrics.jar";
    /**
     * Checkpoint interval for the suite's submissions (flink run -D): the cluster's 10 s would make every wait for
     * committed output up to 10 s longer; the jobs' code paths are the same.
     */
    static final String CHECKPOINT_INTERVAL = "2 s";

    private static final Pattern SUBMITTED = Pattern.compile("Job has been submitted with JobID ([0-9a-f]{32})");
    /**
     * How long a job started from a savepoint may take to complete its first checkpoint (proof that every task
     * restored its state). A refused restore shows long before: a state Flink cannot map fails the job at its
     * start, a serializer it cannot migrate fails the task that restores it, and the suite reads the reason then.
     */
    static final Duration RESTORE_WITHIN = Duration.ofMinutes(2);

    private final JobBuilds builds;
    /** The jars the jobs run now: the previous build until the upgrade, the current one from then on. */
    private Path running;
    private final Plan plan;
    private final Consumer<String> log;
    private final GroundTruth truth = new GroundTruth();
    private FaultStack stack;
    private Traffic traffic;
    private GeneratedTraffic generated;
    private DeserializationSchema<EnrichedOrder> enrichedOrders;
    private DeserializationSchema<Alert> alerts;
    private DeserializationSchema<CommerceMetric> metrics;
    private MetricsObserved.Expected expectedMetrics;
    private List<JobUnderTest> jobs;
    private final Map<String, String> jobIds = new LinkedHashMap<>();
    private int slice;

    /** @param jobsDir where the job jars are; reliability/target/jobs after the build (the upgrade restarts them) */
    public FaultSuite(Path jobsDir, Plan plan, Consumer<String> log) {
        this(JobBuilds.sameBuild(jobsDir, "the jars in " + jobsDir), plan, log);
    }

    /** With a previous build in {@code builds}, the jobs start as that build and the upgrade starts the current. */
    FaultSuite(JobBuilds builds, Plan plan, Consumer<String> log) {
        if (builds.acrossBuilds() && !plan.faults().contains(Fault.UPGRADE)) {
            throw new IllegalArgumentException("a previous build is only used by the upgrade, which this plan lacks: "
                    + plan.faults());
        }
        this.builds = builds;
        this.running = builds.first();
        this.plan = plan;
        this.log = log;
    }

    public List<Result> run() throws Exception {
        List<Result> results = new ArrayList<>();
        try (FaultStack s = new FaultStack()) {
            stack = s;
            log.accept("starting Kafka, registry, Elasticsearch and the Flink session cluster in " + s.dir);
            s.start();
            s.createTopics(GeneratedTraffic.topics());
            RegistrySerdes serdes = new RegistrySerdes(s.registry.url(), Map.of());
            enrichedOrders = serdes.deserializer(EnrichedOrder.class);
            alerts = serdes.deserializer(Alert.class);
            metrics = serdes.deserializer(CommerceMetric.class);
            traffic = new Traffic(s.kafka.bootstrapServers(), s.registry.url(), truth);
            generated = new GeneratedTraffic(s.kafka.bootstrapServers(), s.registry.url(),
                    plan.generatedEventsPerSlice() * (plan.faults().size() + 1), plan.faults().size() + 1);
            expectedMetrics = MetricsObserved.Expected.of(generated.goodRecords());
            boolean kafkaRestart = plan.faults().contains(Fault.KAFKA_RESTART);
            jobs = List.of(
                    new JobUnderTest(ENRICHMENT, ENRICHMENT_JAR, "io.infometis.streams.enrichment.OrderEnrichmentJob",
                            () -> s.jobArgs(kafkaRestart), () -> Observed.read(s.kafka.bootstrapServers(), s.elasticsearch.url(),
                                    enrichedOrders).against(truth)),
                    new JobUnderTest(FRAUD, FRAUD_JAR, "io.infometis.streams.fraud.FraudDetectionJob",
                            () -> concat(s.jobArgs(kafkaRestart), GeneratedTraffic.topicArgs(GeneratedTraffic.FRAUD_DLQ)),
                            () -> FraudObserved.read(s.kafka.bootstrapServers(), s.elasticsearch.url(), alerts)
                                    .against(generated)),
                    new JobUnderTest(METRICS, METRICS_JAR, "io.infometis.streams.metrics.CommerceMetricsJob",
                            () -> concat(concat(s.jobArgs(kafkaRestart), GeneratedTraffic.topicArgs(GeneratedTraffic.METRICS_DLQ)),
                                    List.of("--topic.commerce-metrics", GeneratedTraffic.METRICS_OUTPUT)),
                            () -> MetricsObserved.read(s.kafka.bootstrapServers(), s.elasticsearch.url(), metrics)
                                    .against(generated, expectedMetrics)));

            traffic.profiles();
            log.accept(builds.describe());
            for (JobUnderTest job : jobs) {
                jobIds.put(job.name(), submit(job, Optional.empty()));
            }
            // Every order must meet a known profile, else whether it waits for one depends on which source
            // is read first, and the number of enriched records per order would not be known.
            awaitCommitted(ENRICHMENT, Topics.CUSTOMERS.name());
            send("warmup", 0, 1, 0);
            slice++;
            List<Result> warmup = converge(null, System.nanoTime(), Map.of(), new HashMap<>(), false);
            if (!warmup.stream().allMatch(Result::converged)) {
                throw new IllegalStateException("the jobs did not process the warm-up traffic: " + warmup);
            }
            for (Fault fault : plan.faults()) {
                log.accept("fault: " + fault + " (" + ReliabilityReport.describe(fault, builds) + ")");
                List<Result> outcome = inject(fault);
                slice++;
                outcome.forEach(r -> log.accept("  " + r));
                results.addAll(outcome);
                if (outcome.stream().anyMatch(r -> r.failure().isPresent())) {
                    // A job that is not running any more cannot take the next fault: the run ends here.
                    log.accept("stopping the run: a job could not go on after " + fault);
                    break;
                }
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

    /** Part {@code part} of {@code parts} of this phase's traffic, to both jobs. */
    private void send(String batch, int part, int parts, int poisonEvery) {
        traffic.send(batch + "-" + part, plan.ordersPerBatch() / parts, poisonEvery);
        generated.sendSlice(slice, part, parts);
    }

    private List<Result> inject(Fault fault) throws Exception {
        String batch = fault.name().toLowerCase(Locale.ROOT);
        Map<String, Integer> failuresBefore = new HashMap<>();
        jobs.forEach(j -> failuresBefore.put(j.name(), jobFailures(j)));
        long faultAt;
        switch (fault) {
            case TASKMANAGER_KILL -> {
                send(batch, 0, 2, 0);
                faultAt = System.nanoTime();
                kill9(stack.taskManager());
                send(batch, 1, 2, 0);
                stack.taskManager().start();
            }
            case JOBMANAGER_RESTART -> {
                send(batch, 0, 2, 0);
                for (JobUnderTest job : jobs) {
                    awaitCheckpoint(job);
                }
                faultAt = System.nanoTime();
                kill9(stack.jobManager());
                // The newest checkpoint retained at the moment of the crash, as an operator finds it: an older one
                // would replay output that a later checkpoint already committed (a first version of this suite
                // noted the checkpoint before the kill and saw exactly those records twice).
                Map<String, String> checkpoints = new HashMap<>();
                for (JobUnderTest job : jobs) {
                    checkpoints.put(job.name(), newestRetainedCheckpoint(jobIds.get(job.name())));
                }
                send(batch, 1, 2, 0);
                stack.jobManager().start();
                for (JobUnderTest job : jobs) {
                    jobIds.put(job.name(), submit(job, Optional.of(checkpoints.get(job.name()))));
                    failuresBefore.put(job.name(), 0);
                }
            }
            case ELASTICSEARCH_DOWN -> {
                faultAt = System.nanoTime();
                stack.elasticsearch.stop();
                send(batch, 0, 1, 0);
                Thread.sleep(plan.elasticsearchOutage().toMillis());
                stack.elasticsearch.start();
            }
            case KAFKA_RESTART -> {
                send(batch, 0, 2, 0);
                faultAt = System.nanoTime();
                stack.kafka.stop();
                stack.kafka.start();
                send(batch, 1, 2, 0);
            }
            case POISON_BARRAGE -> {
                faultAt = System.nanoTime();
                send(batch, 0, 1, 10);
            }
            case UPGRADE -> {
                send(batch, 0, 2, 0);
                faultAt = System.nanoTime();
                Map<String, String> savepoints = new HashMap<>();
                for (JobUnderTest job : jobs) {
                    String savepoint = stack.flink.cli().stopWithSavepoint(jobIds.get(job.name()),
                            stack.flink.savepointsDir());
                    log.accept("  " + job.name() + " savepoint " + savepoint);
                    savepoints.put(job.name(), savepoint);
                }
                send(batch, 1, 2, 0);
                running = builds.current();
                Map<String, Refused> refused = new HashMap<>();
                for (JobUnderTest job : jobs) {
                    failuresBefore.put(job.name(), 0);
                    long submittedAt = System.currentTimeMillis();
                    try {
                        jobIds.put(job.name(), submit(job, Optional.of(savepoints.get(job.name()))));
                    } catch (RuntimeException e) {
                        // flink run waits for the JobMaster to start; a savepoint it cannot map to the new program
                        // (a removed or renamed uid) fails that start, and the CLI prints only the outer exception.
                        Optional<FlinkRest.JobOverview> failed = failedStart(job, submittedAt);
                        // The refused job's own exception history from now on (its failures, not the old job's).
                        failed.ifPresent(j -> jobIds.put(job.name(), j.id()));
                        String reason = failed.flatMap(j -> latestFailure(j.id())).orElse(e.getMessage());
                        log.accept("  " + job.name() + " cannot run on: " + reason);
                        refused.put(job.name(), new Refused("restore refused at submission: " + reason,
                                System.nanoTime()));
                    }
                }
                for (JobUnderTest job : jobs) {
                    if (!refused.containsKey(job.name())) {
                        awaitRestored(job).ifPresent(reason -> refused.put(job.name(), reason));
                    }
                }
                return converge(fault, faultAt, failuresBefore, refused, true);
            }
            default -> throw new IllegalArgumentException(fault.toString());
        }
        return converge(fault, faultAt, failuresBefore, new HashMap<>(), false);
    }

    /** The newest failed job of this name started since {@code sinceMillis}, if there is one. */
    private Optional<FlinkRest.JobOverview> failedStart(JobUnderTest job, long sinceMillis) {
        try {
            return stack.flink.rest().jobs().stream()
                    .filter(j -> j.name().equals(job.name()) && j.state().equals("FAILED")
                            && (j.startTime() <= 0 || j.startTime() >= sinceMillis - 1000))
                    .max(java.util.Comparator.comparingLong(FlinkRest.JobOverview::startTime));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** A job that could not run on after a fault: Flink's reason, and when the suite saw it. */
    private record Refused(String reason, long at) {}

    /**
     * Waits until the job, just started from a savepoint, completed a checkpoint (every task restored its state);
     * returns Flink's reason when it failed instead, and cancels it then: a restore that fails once fails on every
     * restart, and waiting for its output would only end at the convergence deadline with no reason given.
     */
    private Optional<Refused> awaitRestored(JobUnderTest job) throws InterruptedException {
        String id = jobIds.get(job.name());
        long deadline = System.nanoTime() + RESTORE_WITHIN.toNanos();
        String reason = null;
        while (reason == null && System.nanoTime() < deadline) {
            Optional<String> failure = latestFailure(id);
            String state = stack.flink.rest().jobState(id).orElse("");
            if (failure.isPresent()) {
                reason = failure.get();
            } else if (List.of("FAILED", "FAILING", "CANCELED", "CANCELLING", "FINISHED").contains(state)) {
                reason = "the job went " + state + " without an exception";
            } else if (stack.flink.rest().checkpoints(id)
                    .map(c -> c.path("counts").path("completed").asInt(0)).orElse(0) > 0) {
                log.accept("  " + job.name() + " restored and checkpointed");
                return Optional.empty();
            } else {
                Thread.sleep(500);
            }
        }
        if (reason == null) {
            reason = "no checkpoint completed within " + RESTORE_WITHIN.toSeconds()
                    + " s of the restore, and Flink reported no exception";
        }
        return Optional.of(refuse(job, "restore failed: " + reason));
    }

    /** Gives up on a job that cannot run on: logs Flink's reason and cancels it (it would restart forever). */
    private Refused refuse(JobUnderTest job, String reason) {
        long at = System.nanoTime();
        String id = jobIds.get(job.name());
        log.accept("  " + job.name() + " cannot run on: " + reason);
        try {
            stack.flink.cli().run(List.of("cancel", id), Duration.ofMinutes(1));
        } catch (RuntimeException e) {
            log.accept("  (cancelling " + id + ": " + e.getMessage() + ")");
        }
        return new Refused(reason, at);
    }

    /** The job's newest failure as {@link #firstException} words it; empty when it has none. */
    private Optional<String> latestFailure(String jobId) {
        return stack.flink.rest().exceptions(jobId, 1).flatMap(FaultSuite::firstException);
    }

    /** The first entry of a job's exception history ("in <task>: <reason>"), else its root exception. */
    static Optional<String> firstException(JsonNode exceptions) {
        JsonNode entries = exceptions.path("exceptionHistory").path("entries");
        if (entries.isArray() && !entries.isEmpty()) {
            JsonNode first = entries.get(0);
            String task = first.path("taskName").asText("");
            String reason = FailureReason.of(first.path("stacktrace").asText(first.path("exceptionName").asText("")));
            return Optional.of(task.isBlank() || task.equals("null") ? reason : "in " + task + ": " + reason);
        }
        String root = exceptions.path("root-exception").asText("");
        return root.isBlank() || root.equals("null") ? Optional.empty() : Optional.of(FailureReason.of(root));
    }

    /**
     * Polls until every job's expected records, letters and documents are there (or the deadline passes); a job's
     * catch-up time is when it was first clean. Then one more look after a checkpoint interval: a late duplicate
     * would show now.
     *
     * @param refused           jobs that cannot run on (not waited for); with {@code failuresRefuse}, a job that
     *                          fails while it is awaited joins them, with Flink's reason
     * @param failuresRefuse    after an upgrade: nothing else is done to the jobs then, so a failure of the new build
     *                          is its own (e.g. a state it registers only when a window fires and cannot migrate)
     *                          and would repeat on every restart until the deadline
     */
    private List<Result> converge(Fault fault, long since, Map<String, Integer> failuresBefore,
                                  Map<String, Refused> refused, boolean failuresRefuse) throws InterruptedException {
        long deadline = System.nanoTime() + plan.convergeWithin().toNanos();
        Map<String, Long> cleanAt = new HashMap<>();
        while (cleanAt.size() + refused.size() < jobs.size() && System.nanoTime() < deadline) {
            for (JobUnderTest job : jobs) {
                String name = job.name();
                if (cleanAt.containsKey(name) || refused.containsKey(name)) {
                    continue;
                }
                if (job.verdict().get().clean()) {
                    cleanAt.put(name, System.nanoTime());
                } else if (failuresRefuse && jobFailures(job) > failuresBefore.getOrDefault(name, 0)) {
                    String reason = latestFailure(jobIds.get(name)).orElse("a failure without an exception");
                    refused.put(name, refuse(job, "failed after the restore: " + reason));
                }
            }
            if (cleanAt.size() + refused.size() < jobs.size()) {
                Thread.sleep(1000);
            }
        }
        Thread.sleep(3000);
        List<Result> results = new ArrayList<>();
        for (JobUnderTest job : jobs) {
            Observed.Verdict verdict = job.verdict().get();
            Optional<Refused> refusal = Optional.ofNullable(refused.get(job.name()));
            long at = refusal.map(Refused::at).orElse(cleanAt.getOrDefault(job.name(), System.nanoTime()));
            int after = jobFailures(job);
            int before = failuresBefore.getOrDefault(job.name(), 0);
            int failures = after < 0 || before < 0 ? -1 : after - before;
            results.add(new Result(fault, job.name(), verdict, Duration.ofNanos(at - since), failures,
                    refusal.isEmpty() && verdict.clean(), refusal.map(Refused::reason)));
        }
        return results;
    }

    /**
     * {@code flink run -d -D execution.checkpointing.interval=... [-D the job's own] [-s from] -c entry jar args}.
     * The job's own settings are this checkout's {@code flink-conf/jobs/<job>.yaml} (order enrichment on RocksDB),
     * as bin/stack deploys them, for a previous build's jars too: an upgrade from a build that ran on the heap
     * then also moves the job's savepoint onto RocksDB.
     */
    private String submit(JobUnderTest job, Optional<String> from) {
        List<String> args = new ArrayList<>(List.of("run", "-d",
                "-Dexecution.checkpointing.interval=" + CHECKPOINT_INTERVAL));
        JobFlinkSettings.of(InfometisHome.locate(), job.name()).forSessionSubmission()
                .forEach((key, value) -> args.add("-D" + key + "=" + value));
        from.ifPresent(f -> args.addAll(List.of("-s", f)));
        args.addAll(List.of("-c", job.entryClass(), running.resolve(job.jar()).toString()));
        args.addAll(job.args().get());
        String printed = stack.flink.cli().run(args, Duration.ofMinutes(3));
        Matcher m = SUBMITTED.matcher(printed);
        if (!m.find()) {
            throw new IllegalStateException("flink run printed no job id:\n" + printed);
        }
        log.accept("  " + job.name() + " job " + m.group(1) + " (" + running.getFileName() + ")"
                + from.map(f -> " restored from " + f).orElse(""));
        return m.group(1);
    }

    /**
     * Waits until the consumer group {@code group} has committed the end of {@code topic}: the sources commit
     * offsets when a checkpoint completes, so by then every record of it is in the job's checkpointed state.
     */
    private void awaitCommitted(String group, String topic) throws Exception {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka.bootstrapServers());
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        try (Admin admin = Admin.create(props)) {
            List<TopicPartition> partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic)
                    .partitions().stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            partitions.forEach(p -> latest.put(p, OffsetSpec.latest()));
            var end = admin.listOffsets(latest).all().get();
            while (System.nanoTime() < deadline) {
                Map<TopicPartition, OffsetAndMetadata> committed =
                        admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
                if (partitions.stream().allMatch(p -> end.get(p).offset() == 0
                        || (committed.get(p) != null && committed.get(p).offset() >= end.get(p).offset()))) {
                    return;
                }
                Thread.sleep(500);
            }
        }
        throw new IllegalStateException(group + " did not commit the end of " + topic + " within 2 min");
    }

    /**
     * The job's newest complete checkpoint on disk: {@code <checkpoints>/<job id>/chk-<n>} with its
     * {@code _metadata} (written last, so a checkpoint cut short by the crash has none).
     */
    private String newestRetainedCheckpoint(String jobId) throws java.io.IOException {
        Path dir = stack.flink.checkpointsDir().resolve(jobId);
        try (java.util.stream.Stream<Path> chks = Files.list(dir)) {
            return chks.filter(p -> p.getFileName().toString().matches("chk-\\d+"))
                    .filter(p -> Files.isRegularFile(p.resolve("_metadata")))
                    .max(java.util.Comparator.comparingLong(
                            p -> Long.parseLong(p.getFileName().toString().substring(4))))
                    .map(p -> p.toAbsolutePath().toString())
                    .orElseThrow(() -> new IllegalStateException("no complete checkpoint retained in " + dir));
        }
    }

    private String awaitCheckpoint(JobUnderTest job) throws InterruptedException {
        String id = jobIds.get(job.name());
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            Optional<String> latest = stack.flink.rest().latestCheckpoint(id);
            if (latest.isPresent() && !latest.get().isBlank()) {
                return latest.get();
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("no completed checkpoint of " + job.name() + " (" + id + ") within 60 s");
    }

    /** Failures (restarts) of the job's current run so far, from its exception history; -1 when unknown. */
    private int jobFailures(JobUnderTest job) {
        return stack.flink.rest().exceptions(jobIds.get(job.name()), 1000)
                .map(e -> e.path("exceptionHistory").path("entries").size()).orElse(-1);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static void deleteRecursively(Path root) {
        try (java.util.stream.Stream<Path> paths = Files.walk(root)) {
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
