package io.infometis.streams.bench.report;

import io.infometis.streams.bench.jobs.BenchJob;
import io.infometis.streams.bench.jobs.FraudRules;
import io.infometis.streams.bench.jobs.MiniClusterJob;
import io.infometis.streams.bench.latency.FraudLatencySettings;
import io.infometis.streams.bench.latency.LatencyResult;
import io.infometis.streams.bench.latency.LiveTraffic;
import io.infometis.streams.bench.load.BacklogAlignment;
import io.infometis.streams.bench.load.EnrichedOrderDocuments;
import io.infometis.streams.bench.latency.Percentiles;
import io.infometis.streams.bench.measure.CheckpointStats;
import io.infometis.streams.bench.measure.Throughput;
import io.infometis.streams.bench.run.BenchRun;
import io.infometis.streams.bench.micro.MicroResult;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Renders a run's results as docs/performance.md: machine, command, method, tables, ratios, charts, gaps. */
public final class MarkdownReport {

    private final BenchResults r;
    private final StringBuilder md = new StringBuilder();

    private MarkdownReport(BenchResults results) {
        this.r = results;
    }

    /**
     * @param chartsLink how the report links the charts folder (relative to the report's own folder)
     */
    public static String render(BenchResults results, Path chartsLink) {
        return new MarkdownReport(results).build(chartsLink);
    }

    private String build(Path chartsLink) {
        line("# Performance");
        line("");
        if (r.profile.isSmoke()) {
            line("> **Smoke run: these figures are not results.** The smoke form runs every step with a tiny backlog");
            line("> and JMH iterations of a fraction of a second, on a machine shared with other builds, to prove the");
            line("> harness works end to end. Run `bin/bench full` on a quiet machine for figures worth quoting.");
            line("");
        }
        line("Written by the benchmark harness (module `bench`, run by `bin/bench`). Every figure below comes from one");
        line("run of it on the machine described here; rerun it whenever a job changes.");
        line("What limits each job, what was changed because of it and what comes next is in");
        line("[performance-analysis.md](performance-analysis.md), written by hand from this run's profiles.");
        line("");
        line("## How to reproduce");
        line("");
        line("```bash");
        line(r.command);
        line("```");
        line("");
        line("Commit `" + r.gitCommit + "`, " + r.profile.name() + " profile: backlog of "
                + count(r.profile.backlogEvents()) + " background events, " + count(r.profile.bulkDocuments())
                + " documents for the bulk ceiling, Flink parallelism " + r.profile.parallelisms() + ", JMH "
                + r.profile.jmhForks() + " fork(s) x " + r.profile.jmhWarmups() + " warm-up + "
                + r.profile.jmhIterations() + " measured iterations of " + r.profile.jmhIterationTime().toMillis()
                + " ms. The whole run took " + fixed(r.totalSeconds, 0) + " s.");
        line("");
        machine();
        method();
        ceilings();
        jobs();
        stateBackends();
        topicProgress();
        latency();
        stateScaling();
        checkpoints();
        profiles();
        targets();
        micro();
        memory();
        charts(chartsLink);
        notMeasured();
        return md.toString();
    }

    private void machine() {
        line("## Machine");
        line("");
        line("| fact | value |");
        line("|---|---|");
        for (Map.Entry<String, String> e : r.machine.asTable().entrySet()) {
            line("| " + e.getKey() + " | " + e.getValue() + " |");
        }
        line("| load average (1 min) at the end | " + fixed(r.loadAtEnd, 2) + " |");
        line("");
        line("The servers are the local stack's (`stack` module): Kafka 3.9.1 (KRaft, 1 GB heap), Apicurio Registry");
        line("2.4.2, Elasticsearch 7.17.29 (2 GB heap), each its own JVM started with the stack's fast-start flags");
        line("(`-XX:TieredStopAtLevel=1 -XX:+UseSerialGC`: C1 only, which lowers their peak speed; the harness states");
        line("it rather than tuning them differently from what developers run). Flink runs as a MiniCluster (C2, G1):");
        line("inside the harness JVM for the ceiling and latency runs, and in a JVM of its own, forked with the harness's");
        line("options, for each job throughput run. Stack ready in " + fixed(r.stackStartSeconds, 1) + " s.");
        line("");
        if (!r.clusterSettings.isEmpty()) {
            line("Every MiniCluster runs with the deployed cluster's state backend and checkpoint settings, read from");
            line("`flink-conf/config.yaml` (what the session cluster and Kubernetes use), and "
                    + r.managedMebibytesPerSlot + " MiB of managed memory per slot");
            line("(a deployed TaskManager's share per slot, by Flink's memory model). So the figures are the deployed");
            line("jobs', not those of Flink's defaults:");
            line("");
            r.clusterSettings.forEach((k, v) -> line("- `" + k + ": " + v + "`"));
            line("");
            r.jobSettings.forEach((job, settings) -> {
                line("The " + job + " job's runs add its own settings (`flink-conf/jobs/" + job + ".yaml`, as bin/stack"
                        + " and Kubernetes deploy it), " + r.jobManagedMebibytesPerSlot.get(job)
                        + " MiB of managed memory per slot:");
                line("");
                settings.forEach((k, v) -> line("- `" + k + ": " + v + "`"));
                line("");
            });
            line("A run on the other state backend (*State backend* below) gets " + r.managedMebibytesPerSlot
                    + " MiB per slot on the heap and a RocksDB job's 40% fraction on RocksDB.");
            line("");
        }
    }

    private void method() {
        line("## Method");
        line("");
        line("```mermaid");
        line("flowchart LR");
        line("  G[generator<br/>SIMULATED backlog,<br/>rate-held for latency] --> K[(Kafka<br/>payments, orders,<br/>user-events, customers)]");
        line("  K --> C1[plain KafkaConsumer<br/>+ Avro decode]");
        line("  K --> C3[Flink: readAvro<br/>+ discard]");
        line("  K --> J[the jobs' own main()<br/>on a MiniCluster]");
        line("  K --> SQL[metrics peer in Flink SQL<br/>to its own topic and index]");
        line("  D[same documents<br/>as the sink] --> C2[plain bulk loop] --> E[(Elasticsearch)]");
        line("  J --> A[(alerts)] --> L[latency readers<br/>uncommitted / committed]");
        line("  J --> E --> S[search poller]");
        line("  J -. currentOffset gauges .-> P[progress reporter] --> R[report + PNG charts]");
        line("  C1 & C3 & C2 & SQL --> R");
        line("```");
        line("");
        if (r.backlog != null) {
            line("- **Backlog first.** The generator (module `generator`, SIMULATED clock, seed 42, 10,000 users and");
            line("  cards, its fraud scenarios on, bad records off) writes " + count(r.backlog.records())
                    + " records before any consumer starts (in " + fixed(r.backlog.seconds(), 1) + " s), so the");
            line("  source is never the limit. Per topic: " + perTopic(r.backlog.recordsPerTopic()) + ". The");
            line("  ceilings read `payments` (4 partitions, Avro in the Confluent wire format through the registry).");
        }
        line("- **Throughput** is counted from the first event a consumer or job delivers to the last event of the");
        line("  backlog: start-up, group join and the first fetch are excluded. A job run stops after "
                + r.profile.jobWindow().toSeconds() + " s of");
        line("  measuring if the backlog lasts longer (then *events* is what it read in that window). A job's events are");
        line("  the records of all its input topics. *events/s per core* divides by the machine's " + r.machine.cores()
                + " cores.");
        line("- **CPU seconds per million events** is the process CPU time (user + system, all threads) of the JVM");
        line("  doing the work over the same interval: the harness JVM for the consumers and the Flink ceiling, a job");
        line("  run's own JVM for that run (`OperatingSystemMXBean.getProcessCpuTime` in that JVM), and the servers");
        line("  (`/proc/<pid>/stat`, utime + stime).");
        line("- **A JVM per job run**, as JMH forks one per benchmark: no run inherits the code the JIT compiled for");
        line("  another run's types (in one shared JVM the first run paid for warm-up and later runs' profiles showed");
        line("  earlier runs' types). Each starts cold, so a job run is measured from "
                + r.profile.jobWarmup().toSeconds() + " s after its first record (its");
        line("  warm-up, as JMH discards its warm-up iterations); throughput, CPU and the JFR profile cover what follows.");
        line("  The broker's and Elasticsearch's CPU in that interval are listed too: they are part of the cost.");
        line("- **Topics read in event-time step.** Each job and the SQL peer align their event-stream sources");
        line("  (`source.watermark-alignment.*`), so the measured phase reads the topics in the backlog's mix (see");
        line("  *Where each job run was in its backlog*). The read-decode-discard ceiling reads without alignment; its");
        line("  *aligned* row reads as the jobs do, so the two rows show what alignment holds back. The backlog is");
        line("  sparse in event time,");
        line("  so the runs set a max drift of " + BacklogAlignment.MAX_DRIFT.toMinutes() + " min per "
                + BacklogAlignment.UPDATE_INTERVAL.toMillis() + " ms update instead of the deployed 10 min per 1 s:");
        line("  alignment moves event time by at most one drift per update, and with the deployed pair the ceiling");
        line("  read `payments` at 45,686 records/s with a third of a core busy: held back (`BacklogAlignment`).");
        line("- **Ceilings, same run:** (1) plain `KafkaConsumer`s (partitions assigned, one thread each) decoding with");
        line("  the registry client and Avro, no Flink; (2) a plain loop of synchronous bulk requests, one in flight per");
        line("  thread, into the same Elasticsearch, with the requests the sinks' emitter builds for enriched-order");
        line("  documents (" + (EnrichedOrderDocuments.usesJobMapper() ? "the enrichment job's own mapper"
                : "a stand-in of the enrichment job's documents: its module was not in this build") + ");");
        line("  (3) a Flink job reading through job-common's `KafkaInput.readAvro` and discarding.");
        line("- **The metrics job's Flink SQL peer** computes the job's per-minute figures (not its percentiles and top");
        line("  failure reasons) and writes them as the job does: one `CommerceMetric` row per window and dimension to");
        line("  its own topic (Avro through the registry, exactly once) and to its own `metrics-*` daily indices (the");
        line("  metric id as document id).");
        line("- **Microbenchmarks** are JMH, average time per operation (one event), error is JMH's 99.9% interval.");
        line("");
    }

    private void ceilings() {
        line("## Ceilings");
        line("");
        throughputTable(r.ceilings);
        Throughput plain1 = r.ceiling("Plain Kafka consumer", 1);
        Throughput flink1 = r.ceiling("Flink read", 1);
        if (plain1 != null && flink1 != null) {
            line("Flink's read-decode-discard reaches **" + percent(flink1.eventsPerSecond() / plain1.eventsPerSecond())
                    + "** of the plain consumer at parallelism 1 (" + fixed(flink1.workerCpuSecondsPerMillion(), 2)
                    + " vs " + fixed(plain1.workerCpuSecondsPerMillion(), 2) + " CPU s per million events).");
            line("");
        }
    }

    private void jobs() {
        line("## Jobs");
        line("");
        if (r.jobs.isEmpty()) {
            line("No job was measured in this run (see *Not measured* below).");
            line("");
            return;
        }
        throughputTable(r.jobs);
        line("");
        line("The fraud job's dynamic rules (`bench/.../jobs/FraudRules.java`) are payment rules varying in filter");
        line("(status), grouping (user, card, currency), window (10 min/1 min, 1 h/5 min, 5 min/5 min) and aggregate");
        line("(count, sum of amount); every payment passes the filter of a third of them. Rules sharing all four share");
        line("windows in the job (a *window family*), so what an event costs follows the families it matches: "
                + familiesLine() + ".");
        line("Beyond 54 rules they differ in threshold and severity, as tiers and per-segment limits of a grown rule");
        line("set do; a set of 1,000 rules that each had a shape of its own would cost up to 1,000 filter checks and");
        line("a hit per matching rule per event (the JMH rule-evaluation figure shows the filter part).");
    }

    private void stateBackends() {
        if (r.backendComparison.isEmpty()) {
            return;
        }
        line("");
        line("## State backend");
        line("");
        line("Each job at p1 on its deployed state backend (the cluster's `state.backend.type: "
                + r.clusterSettings.getOrDefault("state.backend.type", "?") + "`, or the job's own") ;
        line("`flink-conf/jobs/<job>.yaml`) and once more on the other one, set for that job alone (`flink run -D"
                + " state.backend.type=...`), same backlog, same run.");
        line("");
        line("| job | deployed: events/s | other backend: events/s | other / deployed |");
        line("|---|---:|---:|---:|");
        r.backendComparison.forEach((deployed, other) -> {
            Throughput a = r.job(deployed, 1);
            Throughput b = r.jobs.stream().filter(t -> t.name().equals(other) && t.parallelism() == 1).findFirst()
                    .orElse(null);
            if (a != null && b != null) {
                line("| " + other + " | " + count(Math.round(a.eventsPerSecond())) + " | "
                        + count(Math.round(b.eventsPerSecond())) + " | "
                        + percent(b.eventsPerSecond() / a.eventsPerSecond()) + " |");
            }
        });
        line("");
    }

    private static String familiesLine() {
        StringBuilder s = new StringBuilder();
        for (int rules : BenchRun.FRAUD_RULE_COUNTS) {
            if (s.length() > 0) {
                s.append(", ");
            }
            s.append(String.format("%,d rule%s in %d families", rules, rules == 1 ? "" : "s",
                    FraudRules.shapes(rules)));
        }
        return s.toString();
    }

    /** The issue's targets, each as the ratio this run measured (benchmarks, not tests: nothing fails on them). */
    private void targets() {
        line("## Targets");
        line("");
        line("| target | ratio measured | met |");
        line("|---|---:|---|");
        Throughput fraud10 = r.job(BenchRun.fraudLabel(10), 1);
        Throughput fraud1000 = r.job(BenchRun.fraudLabel(1000), 1);
        target("fraud (p1, default patterns, 10 rules) >= 50% of read-decode-discard (p1)",
                fraud10, r.ceiling("Flink read", 1), 0.5);
        target("fraud with 1,000 rules within 2x of 10 rules (p1)", fraud1000, fraud10, 0.5);
        target("enrichment (p1) >= 80% of the plain bulk loop (p1)",
                r.job(BenchRun.jobLabel(BenchJob.ENRICHMENT), 1), r.ceiling("Plain bulk loop", 1), 0.8);
        for (int p : r.profile.parallelisms()) {
            target("metrics (p" + p + ") >= its Flink SQL peer (p" + p + ")",
                    r.job(BenchRun.jobLabel(BenchJob.METRICS), p), r.job(BenchRun.SQL_PEER, p), 1.0);
        }
        LatencyResult half = r.latency.stream()
                .filter(l -> l.share() == 0.5 && l.job().equals(BenchJob.FRAUD.name())).findFirst().orElse(null);
        if (half == null || half.uncommitted().count() == 0) {
            line("| p99 processing latency to `alerts` < 250 ms at half the maximum rate | not measured | n/a |");
        } else {
            line("| p99 processing latency to `alerts` < 250 ms at half the maximum rate | p99 "
                    + fixed(half.uncommitted().p99(), 0) + " ms (read_uncommitted) | "
                    + (half.uncommitted().p99() < 250 ? "yes" : "**no**") + " |");
        }
        line("");
        line("Ratios are events/s over events/s (the enrichment one: input events/s over documents/s). The jobs read");
        line("several topics, the ceilings `payments` only; a record costs about the same to decode on every topic.");
        line("");
    }

    private void latency() {
        line("## Latency (parallelism 1; fraud with 10 rules)");
        line("");
        if (r.latency.isEmpty()) {
            line("Not measured in this run (see *Not measured*).");
            line("");
            return;
        }
        line("From an event's creation to the job's output: the alert it completes (fraud, `alerts`, timed from the");
        line("alert's `last_event_time`, the event that completed the pattern) or the enriched order it updates");
        line("(enrichment, `orders-enriched`, from the Kafka CreateTime of its last folded-in event), read as processed");
        line("(read_uncommitted) and as committed (read_committed: after the checkpoint that commits the transaction);");
        line("and to its document being found by an Elasticsearch search, polled every 100 ms (enrichment: a sample");
        line("of new orders). Milliseconds; one clock (everything runs on this machine). Each run has fresh topics and");
        line("a fresh job. The traffic is the generator's, held to the rate, with every `event_time` stamped with the");
        line("wall clock as the record is sent (as its LIVE clock does), so event time is real time; its plan is");
        line("compressed " + LiveTraffic.planSpeedup() + "x (a minute of shop activity per second) so that its fraud");
        line("scenarios, which span 1 to 16 minutes, complete within a run.");
        line("*records/s sent* is the rate the generator reached (all of the job's input topics): the share is of the");
        line("target; where the generator fell short of it in a short run, the latencies are for the lower rate.");
        line("");
        line("**Fraud latency configuration.** The patterns run in event time: an alert can only leave once the");
        line("watermark passes the event that completed it, and with the job's defaults (`watermark.out-of-orderness`");
        line("5 s, Flink's 200 ms watermark interval and 100 ms network buffer timeout, 10 s checkpoints) every alert");
        line("would be over 5 s late. The latency runs therefore start the job with:");
        line("");
        FraudLatencySettings.JOB_ARGUMENTS.forEach((k, v) -> line("- `--" + k + " \"" + v + "\"`"));
        FraudLatencySettings.FLINK_SETTINGS.forEach((k, v) -> line("- Flink `" + k + ": " + v + "`"));
        line("");
        line("The figures hold for that configuration. Its price: an event arriving more than "
                + FraudLatencySettings.JOB_ARGUMENTS.get("watermark.out-of-orderness") + " behind the newest");
        line("event of its partition is late and goes to `dlq` (reason `late event`) instead of into the patterns and");
        line("rules (*late to dlq* counts them; this traffic arrives in order, as from the LIVE generator). Timed are");
        line("the patterns an event completes (" + String.join(", ", FraudLatencySettings.TIMED_PATTERNS) + ");");
        line("unpaid orders (a timeout) and rule windows (closed at their end) are emitted by timers, counted as");
        line("*untimed*, not timed. The throughput runs keep the defaults. Checkpoints go to files (as in");
        line("production), a run waits until every alert seen as processed is also committed and searchable (at most");
        line("30 s more), and a run in which the job failed over is reported as not measured: its figures would be a");
        line("replay's.");
        line("");
        enrichmentBackends();
        line("| job | rate (share of max) | records/s sent | outputs timed | untimed | late to dlq | uncommitted p50 / p95 / p99 | committed p50 / p95 / p99 | searchable p50 / p95 / p99 |");
        line("|---|---|---:|---:|---:|---:|---:|---:|---:|");
        for (LatencyResult l : r.latency) {
            line("| " + l.label() + " | " + rate(l) + " | " + count(Math.round(l.recordsPerSecond())) + " | "
                    + count(l.uncommitted().count()) + " | " + orNa(l.untimedOutputs()) + " | " + orNa(l.lateToDlq())
                    + " | " + triple(l.uncommitted()) + " | " + triple(l.committed()) + " | " + triple(l.searchable())
                    + " |");
        }
        line("");
    }

    /**
     * What the enrichment rows' backends mean: the deployed one at shares of its own max, the other one at the same
     * records/s (the question the rows answer: at one load, what does the backend change?).
     */
    private void enrichmentBackends() {
        List<LatencyResult> stated = r.latency.stream().filter(l -> l.stateBackend() != null).toList();
        if (stated.isEmpty()) {
            return;
        }
        String deployedBackend = r.jobSettings.getOrDefault(BenchJob.ENRICHMENT.name(), Map.of())
                .getOrDefault("state.backend.type", r.clusterSettings.getOrDefault("state.backend.type", "?"));
        List<String> others = stated.stream().map(LatencyResult::stateBackend)
                .filter(b -> !b.equalsIgnoreCase(deployedBackend)).distinct().toList();
        String job = "`" + BenchJob.ENRICHMENT.name() + " (";
        line("**Enrichment state backends.** The job column names the state backend of each enrichment run.");
        line(job + deployedBackend + ")` is the job as deployed (`flink-conf/jobs/" + BenchJob.ENRICHMENT.name()
                + ".yaml`), at shares of its");
        line("maximum rate (p1, above); the target in records/s is in brackets.");
        for (String other : others) {
            line(job + other + ")` is the same job on the other backend (`state.backend.type` and the managed-memory");
            line("fraction overridden, as in its throughput run there) at the **same absolute rates** as the `"
                    + deployedBackend + "`");
            line("rows: its share is of the " + deployedBackend + " maximum, not of its own. At one load the rows"
                    + " differ only in the backend." + (r.profile.isSmoke() ? " Smoke runs it at 50% only." : ""));
        }
        line("");
    }

    /** The share of the maximum, with the target in records/s where the row states it. */
    private static String rate(LatencyResult l) {
        return l.statesTarget()
                ? percent(l.share()) + " (" + count(Math.round(l.targetRecordsPerSecond())) + "/s)"
                : percent(l.share());
    }

    private static String orNa(long value) {
        return value < 0 ? "n/a" : count(value);
    }

    private void stateScaling() {
        if (r.stateScaling.isEmpty()) {
            return;
        }
        line("## State: distinct users and cards (fraud detection, p1, 10 rules)");
        line("");
        line("| distinct users and cards | events/s | CPU s / M events | checkpoints | last state MiB | checkpoint avg / max ms |");
        line("|---:|---:|---:|---:|---:|---:|");
        for (StateScalingRow row : r.stateScaling) {
            CheckpointStats c = row.checkpoints();
            line("| " + count(row.distinctUsersAndCards()) + " | " + count(Math.round(row.throughput().eventsPerSecond()))
                    + " | " + fixed(row.throughput().workerCpuSecondsPerMillion(), 2) + " | " + c.completed() + " | "
                    + c.lastStateMiB() + " | " + fixed(c.avgDurationMillis(), 0) + " / " + fixed(c.maxDurationMillis(), 0)
                    + " |");
        }
        line("");
    }

    /**
     * Whether each job run's measured phase read its topics in their backlog's mix: what share of each topic was
     * read when the measurement began (after the warm-up) and when it ended.
     */
    private void topicProgress() {
        if (r.progress.isEmpty()) {
            return;
        }
        line("## Where each job run was in its backlog");
        line("");
        line("Share of each input topic read when the run's measurement began (after the warm-up) and when it ended.");
        line("Topics read in event-time step (watermark alignment) move together; a topic read ahead of the others");
        line("leaves the measured phase with a different mix of events than the backlog's (the *measured* column).");
        line("");
        line("| run | topic | backlog | read at start | read at end | measured records |");
        line("|---|---|---:|---:|---:|---:|");
        r.progress.forEach((run, topics) -> topics.forEach(t -> line("| " + run + " | `" + t.topic() + "` | "
                + count(t.backlog()) + " | " + fixed(100 * t.shareAtStart(), 0) + "% | "
                + fixed(100 * t.shareAtEnd(), 0) + "% | " + count(t.measured()) + " |")));
        line("");
    }

    private void checkpoints() {
        if (r.checkpoints.isEmpty()) {
            return;
        }
        line("## Checkpoints during the job runs");
        line("");
        line("From Flink's REST API at the end of each run (the deployed 10 s interval; runs shorter than it");
        line("complete none). *State* is the whole state a checkpoint covers (an incremental one uploads less).");
        line("");
        line("| run | state backend | completed | last state MiB | largest state MiB | avg / max duration ms |");
        line("|---|---|---:|---:|---:|---:|");
        r.checkpoints.forEach((run, c) -> line("| " + run + " | " + r.stateBackends.getOrDefault(run, "unknown")
                + " | " + c.completed() + " | " + c.lastStateMiB() + " | "
                + (c.completed() == 0 ? "n/a" : fixed(c.maxStateBytes() / (1024.0 * 1024), 1)) + " | "
                + fixed(c.avgDurationMillis(), 0) + " / " + fixed(c.maxDurationMillis(), 0) + " |"));
        line("");
    }

    private void profiles() {
        if (r.profiles.isEmpty()) {
            return;
        }
        line("## Where the time goes (JFR)");
        line("");
        line("The methods most often on top of a sampled stack during each job run, and the threads the samples were");
        line("taken on (JDK Flight Recorder, `profile` settings, the run's own JVM: the MiniCluster's task threads, named");
        line("after their operator chain, and everything else in it).");
        line("");
        r.profiles.forEach((run, profile) -> {
            line("<details><summary>" + run + "</summary>");
            line("");
            line("| method | share of samples |");
            line("|---|---:|");
            profile.methods().forEach(h -> line("| `" + h.method() + "` | " + percent(h.share()) + " |"));
            line("");
            line("| thread | share of samples |");
            line("|---|---:|");
            profile.threads().forEach(h -> line("| " + h.method().replace("|", "\\|") + " | "
                    + percent(h.share()) + " |"));
            line("");
            line("</details>");
            line("");
        });
    }

    private static String triple(Percentiles p) {
        return p.count() == 0 ? "n/a" : fixed(p.p50(), 0) + " / " + fixed(p.p95(), 0) + " / " + fixed(p.p99(), 0);
    }

    private void target(String what, Throughput measured, Throughput reference, double atLeast) {
        if (measured == null || reference == null) {
            line("| " + what + " | not measured | n/a |");
            return;
        }
        double ratio = measured.eventsPerSecond() / reference.eventsPerSecond();
        line("| " + what + " | " + percent(ratio) + " | " + (ratio >= atLeast ? "yes" : "**no**") + " |");
    }

    private void throughputTable(List<Throughput> rows) {
        line("| measurement | parallelism | events | seconds | events/s | events/s per core | CPU s / M events (worker) | broker CPU s / M | Elasticsearch CPU s / M |");
        line("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (Throughput t : rows) {
            line("| " + t.name() + " | " + t.parallelism() + " | " + count(t.events()) + " | " + fixed(t.seconds(), 2)
                    + " | " + count(Math.round(t.eventsPerSecond())) + " | "
                    + count(Math.round(t.eventsPerSecondPerCore(r.machine.cores()))) + " | "
                    + fixed(t.workerCpuSecondsPerMillion(), 2) + " (" + t.worker() + ") | "
                    + fixed(t.cpuSecondsPerMillion("kafka"), 2) + " | "
                    + fixed(t.cpuSecondsPerMillion("elasticsearch"), 2) + " |");
        }
        line("");
    }

    private void micro() {
        line("## Microbenchmarks (JMH)");
        line("");
        if (r.micro.isEmpty()) {
            line("Not run in this run (see *Not measured*).");
            line("");
            return;
        }
        line("| benchmark | ns per event | ± (99.9%) | events/s on one core |");
        line("|---|---:|---:|---:|");
        for (MicroResult m : r.micro) {
            line("| `" + m.benchmark() + "` | " + fixed(m.score(), 1) + " | " + fixed(m.error(), 1) + " | "
                    + count(Math.round(m.eventsPerSecondPerCore())) + " |");
        }
        line("");
    }

    private void memory() {
        line("## Memory after the run");
        line("");
        line("Resident set size (`VmRSS`) and its peak (`VmHWM`) from `/proc/<pid>/status`, read after the last step.");
        line("");
        line("| component | RSS MiB | peak RSS MiB |");
        line("|---|---:|---:|");
        for (ComponentMemory m : r.memory) {
            line("| " + m.component() + " | " + m.residentMiB() + " | " + m.peakMiB() + " |");
        }
        line("");
        if (!r.jobMemory.isEmpty()) {
            line("Each job run has a JVM of its own (3 GB heap, its MiniCluster and the job's state), read at the end of");
            line("its run:");
            line("");
            line("| job run | RSS MiB | peak RSS MiB |");
            line("|---|---:|---:|");
            for (ComponentMemory m : r.jobMemory) {
                line("| " + m.component().replaceFirst("^job JVM: ", "") + " | " + m.residentMiB() + " | "
                        + m.peakMiB() + " |");
            }
            line("");
        }
    }

    private void charts(Path chartsLink) {
        if (r.charts.isEmpty()) {
            return;
        }
        line("## Charts");
        line("");
        r.charts.forEach((title, file) -> {
            line("![" + title + "](" + chartsLink.resolve(file).toString().replace('\\', '/') + ")");
            line("");
        });
    }

    private void notMeasured() {
        line("## Not measured in this run");
        line("");
        if (r.notMeasured.isEmpty()) {
            line("Everything the issue asks for was measured.");
        }
        r.notMeasured.forEach((what, why) -> line("- **" + what + "**: " + why));
        line("");
    }

    private void line(String text) {
        md.append(text).append('\n');
    }

    private static String perTopic(Map<String, Long> counts) {
        StringBuilder text = new StringBuilder();
        new java.util.TreeMap<>(counts).forEach((topic, n) -> text.append(text.isEmpty() ? "" : ", ")
                .append('`').append(topic).append("` ").append(count(n)));
        return text.toString();
    }

    static String fixed(double value, int decimals) {
        return Double.isFinite(value) ? String.format(Locale.ROOT, "%,." + decimals + "f", value) : "n/a";
    }

    static String count(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    static String percent(double ratio) {
        return String.format(Locale.ROOT, "%.0f%%", ratio * 100);
    }
}
