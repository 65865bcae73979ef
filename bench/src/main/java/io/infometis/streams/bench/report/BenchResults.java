package io.infometis.streams.bench.report;

import io.infometis.streams.bench.latency.LatencyResult;
import io.infometis.streams.bench.load.GeneratorBacklog;
import io.infometis.streams.bench.measure.CheckpointStats;
import io.infometis.streams.bench.measure.HotMethods;
import io.infometis.streams.bench.measure.Throughput;
import io.infometis.streams.bench.micro.MicroResult;
import io.infometis.streams.bench.run.BenchProfile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Everything one run found, filled in step by step and rendered once at the end. */
public final class BenchResults {

    public final BenchProfile profile;
    public final String command;
    public final MachineFacts machine;
    public String gitCommit = "unknown";
    public double stackStartSeconds;
    /** The generated backlog; null when loading it failed. */
    public GeneratorBacklog.Loaded backlog;
    public final List<Throughput> ceilings = new ArrayList<>();
    public final List<Throughput> jobs = new ArrayList<>();
    public final List<MicroResult> micro = new ArrayList<>();
    public final List<LatencyResult> latency = new ArrayList<>();
    public final List<StateScalingRow> stateScaling = new ArrayList<>();
    /** Each job run's input topics, how far read when its measurement began and ended, by "name p&lt;parallelism&gt;". */
    public final Map<String, List<io.infometis.streams.bench.measure.TopicProgress>> progress = new LinkedHashMap<>();
    /** Checkpoint statistics of each job run, by "name p&lt;parallelism&gt;". */
    public final Map<String, CheckpointStats> checkpoints = new LinkedHashMap<>();
    /** The hottest methods and threads of each job run (JFR), by "name p&lt;parallelism&gt;". */
    public final Map<String, HotMethods.Profile> profiles = new LinkedHashMap<>();
    public final List<ComponentMemory> memory = new ArrayList<>();
    /** Each job run's own (forked) JVM at the end of the run. */
    public final List<ComponentMemory> jobMemory = new ArrayList<>();
    /** The deployed cluster settings every MiniCluster ran with (state backend, checkpointing), by key. */
    public final Map<String, String> clusterSettings = new LinkedHashMap<>();
    /** Managed memory per slot of a deployed TaskManager, in MiB, by the cluster's settings. */
    public long managedMebibytesPerSlot;
    /**
     * Jobs with Flink settings of their own (flink-conf/jobs/&lt;job&gt;.yaml), which their runs applied over the
     * cluster's: job name to settings, and to the managed memory per slot, in MiB, they give.
     */
    public final Map<String, Map<String, String>> jobSettings = new LinkedHashMap<>();
    public final Map<String, Long> jobManagedMebibytesPerSlot = new LinkedHashMap<>();
    /**
     * Runs of the same job at p1 on the deployed state backend and on the other one, by the deployed run's name:
     * the other run's name.
     */
    public final Map<String, String> backendComparison = new LinkedHashMap<>();
    /** The state backend each job run reported (Flink's REST API), by "name p&lt;parallelism&gt;". */
    public final Map<String, String> stateBackends = new LinkedHashMap<>();
    /** What was not measured, and why (a missing job, a step that failed). */
    public final Map<String, String> notMeasured = new LinkedHashMap<>();
    /** Chart title to PNG file name (relative to the charts folder). */
    public final Map<String, String> charts = new LinkedHashMap<>();
    public double loadAtEnd;
    public double totalSeconds;

    public BenchResults(BenchProfile profile, String command, MachineFacts machine) {
        this.profile = profile;
        this.command = command;
        this.machine = machine;
    }

    public Throughput ceiling(String namePrefix, int parallelism) {
        return find(ceilings, namePrefix, parallelism);
    }

    public Throughput job(String name, int parallelism) {
        return find(jobs, name, parallelism);
    }

    private static Throughput find(List<Throughput> list, String namePrefix, int parallelism) {
        return list.stream().filter(t -> t.name().startsWith(namePrefix) && t.parallelism() == parallelism)
                .findFirst().orElse(null);
    }
}
