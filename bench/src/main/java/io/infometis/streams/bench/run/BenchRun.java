package io.infometis.streams.bench.run;

import io.infometis.streams.bench.ceiling.FlinkDecodeDiscardCeiling;
import io.infometis.streams.bench.ceiling.PlainBulkCeiling;
import io.infometis.streams.bench.ceiling.PlainConsumerCeiling;
import io.infometis.streams.bench.jobs.BenchJob;
import io.infometis.streams.bench.jobs.FraudRules;
import io.infometis.streams.bench.jobs.JobThroughput;
import io.infometis.streams.bench.latency.AlertLatency;
import io.infometis.streams.bench.latency.EnrichmentLatency;
import io.infometis.streams.bench.latency.JobStateBackend;
import io.infometis.streams.bench.latency.LatencyResult;
import io.infometis.streams.bench.jobs.OrderMetricsSql;
import io.infometis.streams.bench.load.BacklogAlignment;
import io.infometis.streams.bench.load.FreshTopics;
import io.infometis.streams.bench.load.GeneratorBacklog;
import io.infometis.streams.bench.measure.CheckpointStats;
import io.infometis.streams.bench.report.StateScalingRow;
import io.infometis.streams.generator.kafka.TopicNames;
import io.infometis.streams.bench.measure.ProcFs;
import io.infometis.streams.bench.measure.Throughput;
import io.infometis.streams.bench.micro.MicroBenchmarks;
import io.infometis.streams.bench.report.BenchResults;
import io.infometis.streams.bench.report.Charts;
import io.infometis.streams.bench.report.ComponentMemory;
import io.infometis.streams.bench.report.MachineFacts;
import io.infometis.streams.bench.report.MarkdownReport;
import io.infometis.streams.bench.stack.BenchStack;
import io.infometis.streams.events.Topics;
import io.infometis.streams.stack.InfometisHome;
import io.infometis.streams.bench.jobs.DeployedSettings;
import io.infometis.streams.bench.jobs.JobLauncher;
import org.apache.flink.configuration.Configuration;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One run of the harness: its own stack, the backlog, the ceilings, the microbenchmarks, memory, then the report
 * and its charts. A step that fails is named in the report's "not measured" list and makes the run fail (exit
 * code), but the steps after it still run and the report is still written.
 */
public final class BenchRun {

    /** The harness JVM in CPU and memory readings. */
    public static final String HARNESS = "bench";
    public static final String SQL_PEER = "Metrics peer in Flink SQL (same per-minute figures)";
    public static final List<Integer> FRAUD_RULE_COUNTS = List.of(1, 10, 100, 1000);
    static final int FRAUD_BASELINE_RULES = 10;
    static final int MAIN_USERS = 10_000;
    static final List<Double> LATENCY_SHARES = List.of(0.25, 0.5, 0.75);
    /** The smoke profile's enrichment latency runs on the non-deployed backend: one, to keep CI short. */
    static final List<Double> SMOKE_OTHER_BACKEND_SHARES = List.of(0.5);
    /** After the last event: the enrichment job's default checkpoint interval (10 s) plus margin, for read_committed. */
    static final Duration LATENCY_DRAIN = Duration.ofSeconds(15);
    /**
     * After the last event of a fraud latency run: its checkpoint interval (1 s, {@code FraudLatencySettings}) for
     * read_committed, the bulk interval and Elasticsearch's 1 s refresh for searchable, plus margin.
     */
    static final Duration FRAUD_LATENCY_DRAIN = Duration.ofSeconds(5);

    private final BenchProfile profile;
    private final Path out;
    private final Path chartsDir;
    private final BenchResults results;
    private final boolean microbenchmarks;
    private JobThroughput jobRunner;
    /** flink-conf/config.yaml, read once at the start of the run. */
    private DeployedSettings deployed;
    private boolean failed;

    public BenchRun(BenchProfile profile, Path out, String command, boolean microbenchmarks) {
        this.profile = profile;
        this.microbenchmarks = microbenchmarks;
        this.out = out.toAbsolutePath();
        String base = this.out.getFileName().toString().replaceFirst("\\.md$", "");
        this.chartsDir = this.out.resolveSibling(base);
        this.results = new BenchResults(profile, command, MachineFacts.collect());
    }

    /** Runs every step and writes the report; true when every step succeeded. */
    public boolean execute() throws IOException {
        long begin = System.nanoTime();
        results.gitCommit = GitCommit.of(InfometisHome.locate());
        deployed = DeployedSettings.of(InfometisHome.locate());
        results.clusterSettings.putAll(deployed.settings());
        results.managedMebibytesPerSlot = deployed.managedMemoryPerSlot(new Configuration()).getMebiBytes();
        for (BenchJob job : BenchJob.all()) {
            Map<String, String> own = job.deployedSettings();
            if (!own.isEmpty()) {
                results.jobSettings.put(job.name(), own);
                results.jobManagedMebibytesPerSlot.put(job.name(),
                        (long) deployed.managedMemoryPerSlot(Configuration.fromMap(own)).getMebiBytes());
            }
        }
        log("starting the stack");
        try (BenchStack stack = BenchStack.start()) {
            results.stackStartSeconds = stack.startSeconds();
            Map<String, Long> pids = new LinkedHashMap<>(stack.serverPids());
            pids.put(HARNESS, ProcFs.ownPid());
            step("backlog", "loading the backlog failed, so nothing that reads it was measured", () -> loadBacklog(stack));
            if (results.backlog != null) {
                ceilings(stack, pids);
                jobs(stack, pids);
            }
            if (microbenchmarks) {
                step("JMH microbenchmarks", "JMH failed", () -> results.micro.addAll(
                        MicroBenchmarks.run(profile, stack.registryUrl())));
            } else {
                results.notMeasured.put("JMH microbenchmarks", "skipped by --no-jmh");
            }
            NotYetMeasured.addTo(results);
            pids.forEach((name, pid) -> results.memory.add(new ComponentMemory(name, pid,
                    ProcFs.residentBytes(pid).orElse(0), ProcFs.peakResidentBytes(pid).orElse(0))));
        } catch (RuntimeException e) {
            failed = true;
            results.notMeasured.put("the run", "the stack failed: " + e.getMessage());
        }
        results.loadAtEnd = ProcFs.loadAverage();
        if (jobRunner != null) {
            results.checkpoints.putAll(jobRunner.checkpoints());
            results.stateBackends.putAll(jobRunner.stateBackends());
            results.progress.putAll(jobRunner.progress());
            results.profiles.putAll(jobRunner.profiles());
            results.jobMemory.addAll(jobRunner.memory().values());
        }
        results.totalSeconds = (System.nanoTime() - begin) / 1e9;
        Charts.draw(results, chartsDir);
        Files.createDirectories(out.getParent());
        Files.writeString(out, MarkdownReport.render(results, out.getParent().relativize(chartsDir)),
                StandardCharsets.UTF_8);
        log("report written to " + out + (failed ? " (some steps FAILED, see its 'Not measured' list)" : ""));
        return !failed;
    }

    private void loadBacklog(BenchStack stack) {
        log("generating a backlog of " + profile.backlogEvents() + " background events");
        GeneratorBacklog.Loaded loaded = new GeneratorBacklog(stack.kafkaBootstrapServers(), stack.registryUrl())
                .load(42, profile.backlogEvents(), MAIN_USERS, MAIN_USERS);
        results.backlog = loaded;
        log(String.format("backlog: %,d records in %.1f s %s", loaded.records(), loaded.seconds(),
                loaded.recordsPerTopic()));
    }

    private void ceilings(BenchStack stack, Map<String, Long> pids) {
        long backlog = results.backlog.on(Topics.PAYMENTS.name());
        PlainConsumerCeiling plain = new PlainConsumerCeiling(stack.kafkaBootstrapServers(), stack.registryUrl(), pids);
        FlinkDecodeDiscardCeiling flink =
                new FlinkDecodeDiscardCeiling(stack.kafkaBootstrapServers(), stack.registryUrl(), pids);
        PlainBulkCeiling bulk = new PlainBulkCeiling(stack.elasticsearchUrl(), pids);
        for (int p : profile.parallelisms()) {
            step("plain consumer ceiling, p" + p, "the plain consumer failed", () -> measured(
                    plain.measure(Topics.PAYMENTS, backlog, p, profile.stepTimeout())));
            step("Flink read-decode-discard ceiling, p" + p, "the Flink job failed", () -> measured(
                    flink.measure(Topics.PAYMENTS, backlog, p, profile.stepTimeout())));
            step("Flink read-decode-discard, aligned as the jobs read, p" + p, "the aligned Flink job failed",
                    () -> measured(flink.measure(Topics.PAYMENTS, backlog, p, profile.stepTimeout(), true)));
            step("bulk-loop ceiling, p" + p, "the bulk loop failed", () -> measured(
                    bulk.measure("bench-bulk-ceiling-p" + p, profile.bulkDocuments(), profile.bulkSize(), p)));
        }
    }

    /** Flink's default managed fraction, what a job deployed on RocksDB gets (operations.md, State backend). */
    private static final String ROCKSDB_MANAGED_FRACTION = "0.4";

    private void jobs(BenchStack stack, Map<String, Long> pids) {
        JobThroughput runner = JobThroughput.forked(pids, profile.jobWarmup());
        jobRunner = runner;
        Map<String, Long> metricsInputs = results.backlog.of(OrderMetricsSql.INPUTS);
        for (BenchJob job : BenchJob.all()) {
            if (!job.available()) {
                results.notMeasured.put(job.name() + " job throughput", job.mainClass()
                        + " is not on the harness's class path (its module is not merged into this branch yet)");
                continue;
            }
            if (job == BenchJob.FRAUD) {
                fraud(stack, runner);
                continue;
            }
            for (int p : profile.parallelisms()) {
                step(job.name() + " job, p" + p, job.name() + " failed", () -> measuredJob(runner.measure(
                        jobLabel(job), p, results.backlog.of(job.inputs()),
                        job.launcher(jobArguments(stack, job, "p" + p)), profile.jobWindow(),
                        profile.stepTimeout())));
            }
            otherStateBackend(runner, job, jobLabel(job), results.backlog.of(job.inputs()),
                    job.launcher(jobArguments(stack, job, "other-backend")));
            if (job == BenchJob.ENRICHMENT) {
                enrichmentLatency(stack);
            }
        }
        // The SQL peer last. Each run has a JVM of its own now (ForkedJobRun); when they shared one, the JIT
        // compiled Flink's shared runtime code for the peer's BinaryRowData keys and JFR credited the DataStream
        // jobs' String compares to BinaryRowData.equals. Last, it cannot do that even without forks.
        for (int p : profile.parallelisms()) {
            String tag = "sql-peer-p" + p;
            step("Flink SQL peer of the metrics job, p" + p, "the SQL peer failed", () -> measuredJob(runner.measure(
                    SQL_PEER, p, metricsInputs, OrderMetricsSql.builder().bootstrapServers(stack.kafkaBootstrapServers())
                            .registryUrl(stack.registryUrl()).elasticsearchHosts(stack.elasticsearchUrl())
                            .groupId("bench-" + tag).indexPrefix("metrics-" + tag + "-")
                            .alignment(BacklogAlignment.MAX_DRIFT, BacklogAlignment.UPDATE_INTERVAL)
                            .outputTopic(FreshTopics.create(stack.kafkaBootstrapServers(), tag + "-",
                                    List.of(Topics.COMMERCE_METRICS)).get(Topics.COMMERCE_METRICS.name()))
                            .build(),
                    profile.jobWindow(), profile.stepTimeout())));
        }
    }

    /**
     * The job at p1 once more on the state backend its deployment does not use (RocksDB when it uses the heap,
     * the heap when it uses RocksDB): what the deployed choice is worth, per job.
     */
    private void otherStateBackend(JobThroughput runner, BenchJob benchJob, String label, Map<String, Long> inputs,
                                   JobLauncher job) {
        JobStateBackend other = otherBackend(benchJob, label);
        if (other == null) {
            return;
        }
        String otherLabel = label + ("hashmap".equals(other.name()) ? " on heap state" : " on RocksDB");
        step(otherLabel + ", p1", label + " on " + other.name() + " failed", () -> {
            measuredJob(runner.measure(otherLabel, 1, inputs, job, other.flinkConfiguration(), profile.jobWindow(),
                    profile.stepTimeout()));
            results.backendComparison.put(label, otherLabel);
        });
    }

    /** The state backend a job is deployed with: its own settings' {@code state.backend.type}, else the cluster's. */
    private JobStateBackend deployedBackend(BenchJob job) {
        return JobStateBackend.deployed(job.deployedSettings().getOrDefault(JobStateBackend.TYPE_KEY,
                results.clusterSettings.get(JobStateBackend.TYPE_KEY)));
    }

    /**
     * The backend a job's deployment does not use, with the settings that switch it there: a RocksDB run gets the
     * managed memory a RocksDB job is deployed with (Flink's default fraction, as flink-conf/jobs/order-enrichment.yaml
     * sets it); a heap run the cluster's. The throughput run on the other backend and the enrichment latency runs on
     * it use the same.
     */
    private JobStateBackend otherBackend(BenchJob job, String label) {
        try {
            boolean deployedRocksDb = "rocksdb".equals(deployedBackend(job).name());
            return deployedRocksDb
                    ? JobStateBackend.overridden("hashmap", deployed.clusterValue(JobStateBackend.MANAGED_FRACTION_KEY))
                    : JobStateBackend.overridden("rocksdb", ROCKSDB_MANAGED_FRACTION);
        } catch (RuntimeException e) {
            // A bad deployed setting fails this comparison, named in the report, not the whole run.
            failed = true;
            results.notMeasured.put(label + " on the other state backend", "cannot tell which: " + e.getMessage());
            return null;
        }
    }

    /**
     * The fraud job with 1, 10, 100 and 1,000 active rules at parallelism 1, and with 10 (the target's
     * baseline) at every parallelism. Rules only grow, so the runs go from fewest to most.
     */
    private void fraud(BenchStack stack, JobThroughput runner) {
        BenchJob job = BenchJob.FRAUD;
        FraudRules rules = new FraudRules(stack.kafkaBootstrapServers());
        Map<String, Long> inputs = results.backlog.of(job.inputs());
        for (int count : FRAUD_RULE_COUNTS) {
            rules.growTo(count);
            List<Integer> parallelisms = count == FRAUD_BASELINE_RULES ? profile.parallelisms() : List.of(1);
            for (int p : parallelisms) {
                String tag = count + "-rules-p" + p;
                step(job.name() + " job, " + count + " rules, p" + p, job.name() + " failed", () -> measuredJob(
                        runner.measure(fraudLabel(count), p, inputs, job.launcher(jobArguments(stack, job, tag)),
                                profile.jobWindow(), profile.stepTimeout())));
            }
            if (count == FRAUD_BASELINE_RULES) {
                otherStateBackend(runner, job, fraudLabel(count), inputs,
                        job.launcher(jobArguments(stack, job, count + "-rules-other-backend")));
                latency(stack, inputs);
                stateScaling(stack, runner);
            }
        }
    }

    /**
     * State size, checkpoint duration and throughput with 10 thousand (the main backlog) versus 1 million distinct
     * users and cards: a second backlog of the same size on its own topics, the same 10 rules.
     */
    private void stateScaling(BenchStack stack, JobThroughput runner) {
        BenchJob job = BenchJob.FRAUD;
        String baseline = fraudLabel(FRAUD_BASELINE_RULES);
        Throughput small = results.job(baseline, 1);
        if (small != null) {
            results.stateScaling.add(new StateScalingRow(MAIN_USERS, small,
                    runner.checkpoints().getOrDefault(baseline + " p1", CheckpointStats.NONE)));
        }
        int largeUsers = profile.largeUsers();
        step(String.format("fraud-detection job, %,d users and cards, p1", largeUsers), "the large-state run failed", () -> {
            Map<String, String> topics = FreshTopics.create(stack.kafkaBootstrapServers(), "large-state-",
                    List.of(Topics.PAYMENTS, Topics.USER_EVENTS, Topics.ORDERS, Topics.CUSTOMERS));
            log(String.format("generating a second backlog of %,d events over %,d users and cards",
                    profile.backlogEvents(), largeUsers));
            GeneratorBacklog.Loaded loaded = new GeneratorBacklog(stack.kafkaBootstrapServers(), stack.registryUrl())
                    .load(43, profile.backlogEvents(), largeUsers, largeUsers, TopicNames.of(topics));
            Map<String, Long> inputs = new LinkedHashMap<>();
            job.inputs().forEach(t -> inputs.put(topics.get(t.name()), loaded.on(t.name())));
            Map<String, String> args = jobArguments(stack, job, "large-state");
            topics.forEach((catalogue, actual) -> args.put("topic." + catalogue, actual));
            String label = String.format("%s, %,d users and cards", baseline, largeUsers);
            Throughput large = runner.measure(label, 1, inputs, job.launcher(args), profile.jobWindow(),
                    profile.stepTimeout());
            measuredJob(large);
            results.stateScaling.add(new StateScalingRow(largeUsers, large,
                    runner.checkpoints().getOrDefault(label + " p1", CheckpointStats.NONE)));
        });
    }

    /** Latency at 25, 50 and 75% of the fraud job's maximum rate (10 rules, p1) measured just before. */
    private void latency(BenchStack stack, Map<String, Long> inputs) {
        AlertLatency latency = new AlertLatency(stack.kafkaBootstrapServers(), stack.registryUrl(),
                stack.elasticsearchUrl());
        double perBackgroundEvent = recordsPerBackgroundEvent(inputs);
        latencyRuns(BenchJob.FRAUD.name(), results.job(fraudLabel(FRAUD_BASELINE_RULES), 1), "its maximum rate",
                LATENCY_SHARES,
                (tag, share, records) -> latency.measure(tag, share, records, perBackgroundEvent,
                        profile.latencyRun(), FRAUD_LATENCY_DRAIN));
    }

    /**
     * Latency of the enrichment job (orders-enriched, searchable in its index) at 25, 50 and 75% of its max, on its
     * deployed backend; then on the other backend at the same target rates in records/s (shares of the deployed
     * max, not of the other backend's), so that a difference between the two is the backend's, not the load's.
     * The smoke profile runs the other backend at half the max only, to keep CI short.
     */
    private void enrichmentLatency(BenchStack stack) {
        EnrichmentLatency latency = new EnrichmentLatency(stack.kafkaBootstrapServers(), stack.registryUrl(),
                stack.elasticsearchUrl());
        double perBackgroundEvent = recordsPerBackgroundEvent(results.backlog.of(BenchJob.ENRICHMENT.inputs()));
        Throughput max = results.job(jobLabel(BenchJob.ENRICHMENT), 1);
        // When the other backend cannot be told (otherBackend names why in the report), the deployed runs still go.
        JobStateBackend other = otherBackend(BenchJob.ENRICHMENT, BenchJob.ENRICHMENT.name() + " latency");
        JobStateBackend asDeployed;
        try {
            asDeployed = deployedBackend(BenchJob.ENRICHMENT);
        } catch (RuntimeException e) {
            failed = true;
            results.notMeasured.put(BenchJob.ENRICHMENT.name() + " latency", "its deployed state backend: "
                    + e.getMessage());
            return;
        }
        List<JobStateBackend> backends = other == null ? List.of(asDeployed) : List.of(asDeployed, other);
        for (JobStateBackend backend : backends) {
            boolean deployedOne = backend == asDeployed;
            List<Double> shares = deployedOne || !profile.isSmoke() ? LATENCY_SHARES : SMOKE_OTHER_BACKEND_SHARES;
            String ofMax = deployedOne ? "its maximum rate" : "the " + asDeployed.name() + " maximum rate";
            latencyRuns(BenchJob.ENRICHMENT.name() + " (" + backend.name() + ")", max, ofMax, shares,
                    (tag, share, records) -> latency.measure(backend, backend.name() + "-" + tag, share, records,
                            perBackgroundEvent, profile.latencyRun(), LATENCY_DRAIN));
        }
    }

    @FunctionalInterface
    private interface LatencyRun {
        LatencyResult run(String tag, double share, double recordsPerSecond) throws Exception;
    }

    private double recordsPerBackgroundEvent(Map<String, Long> inputs) {
        return inputs.values().stream().mapToLong(Long::longValue).sum() / (double) profile.backlogEvents();
    }

    /** The target rates of the latency runs: each share of the maximum, in records/s. */
    static Map<Double, Double> latencyTargets(double maxRecordsPerSecond, List<Double> shares) {
        Map<Double, Double> targets = new LinkedHashMap<>();
        shares.forEach(share -> targets.put(share, share * maxRecordsPerSecond));
        return targets;
    }

    /**
     * One latency run per share of {@code max} (the job's measured maximum, p1), at that share of it in records/s.
     * {@code label} names the job (and backend) in the steps and log lines, {@code ofMax} whose maximum it is.
     */
    private void latencyRuns(String label, Throughput max, String ofMax, List<Double> shares, LatencyRun run) {
        if (max == null) {
            results.notMeasured.put(label + " latency", "its maximum rate (p1) was not measured");
            return;
        }
        latencyTargets(max.eventsPerSecond(), shares).forEach((share, records) -> step(String.format(
                "%s latency at %.0f%% of %s (%,.0f records/s)", label, share * 100, ofMax, records),
                "the latency run failed", () -> {
                    LatencyResult r = run.run(String.format("%02d", Math.round(share * 100)), share, records);
                    results.latency.add(r);
                    log(String.format("%s latency at %.0f%%: %d outputs timed, p99 %s ms uncommitted, %s ms "
                            + "committed, %s ms searchable%s%s", label, share * 100, r.uncommitted().count(),
                            r.uncommitted().p99(), r.committed().p99(), r.searchable().p99(),
                            r.untimedOutputs() < 0 ? "" : "; " + r.untimedOutputs() + " timer-driven outputs",
                            r.lateToDlq() < 0 ? "" : "; " + r.lateToDlq() + " late events to dlq"));
                }));
    }

    public static String jobLabel(BenchJob job) {
        return job.name() + " job";
    }

    public static String fraudLabel(int rules) {
        return BenchJob.FRAUD.name() + " job (" + rules + (rules == 1 ? " rule)" : " rules)");
    }

    /** What {@code flink run} would pass; own group and transactional ids per run, the backlog from the start. */
    private static Map<String, String> jobArguments(BenchStack stack, BenchJob job, String tag) {
        Map<String, String> args = new LinkedHashMap<>();
        args.put("kafka.bootstrap.servers", stack.kafkaBootstrapServers());
        args.put("schema.registry.url", stack.registryUrl());
        args.put("elasticsearch.hosts", stack.elasticsearchUrl());
        args.put("kafka.starting-offsets", "earliest");
        args.put("kafka.group.id", "bench-" + job.name() + "-" + tag);
        args.put("kafka.transactional-id-prefix", "bench-" + job.name() + "-" + tag);
        args.putAll(BacklogAlignment.jobArguments());
        return args;
    }

    private void measuredJob(Throughput t) {
        results.jobs.add(t);
        logThroughput(t);
    }

    private void measured(Throughput t) {
        results.ceilings.add(t);
        logThroughput(t);
    }

    private static void logThroughput(Throughput t) {
        log(String.format("%s p%d: %,.0f events/s, %.2f CPU s per million events", t.name(), t.parallelism(),
                t.eventsPerSecond(), t.workerCpuSecondsPerMillion()));
    }

    private void step(String name, String whenFailed, Step step) {
        log(name);
        try {
            step.run();
        } catch (Exception | LinkageError e) {
            failed = true;
            results.notMeasured.put(name, whenFailed + ": " + e);
            System.err.println("bench: " + name + " FAILED");
            e.printStackTrace();
        }
    }

    public Path chartsDir() {
        return chartsDir;
    }

    private static void log(String message) {
        System.out.println("bench: " + message);
    }

    @FunctionalInterface
    private interface Step {
        void run() throws Exception;
    }
}
