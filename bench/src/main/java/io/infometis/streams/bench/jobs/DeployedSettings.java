package io.infometis.streams.bench.jobs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.GlobalConfiguration;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.runtime.clusterframework.TaskExecutorProcessUtils;

/**
 * The cluster settings the jobs are deployed with ({@code flink-conf/config.yaml}: the local session cluster and
 * Kubernetes read the same file) that change how fast a job runs: the state backend (RocksDB) and checkpointing
 * (incremental, exactly-once, pauses, timeouts). The harness's MiniCluster runs with them, so the figures are the
 * deployed jobs', not those of Flink's defaults (a heap state backend with full snapshots). Site-specific keys
 * (checkpoint and savepoint directories) are left out: the harness sets its own.
 */
public final class DeployedSettings {

    /** Key prefixes taken from the file. */
    static final Set<String> PREFIXES = Set.of("state.", "execution.checkpointing.");
    /** Keys under those prefixes that name a place on the deployed site. */
    static final Set<String> SITE_SPECIFIC = Set.of("execution.checkpointing.dir",
            "execution.checkpointing.savepoint-dir", "state.checkpoints.dir", "state.savepoints.dir");

    private final Path file;
    private final Map<String, String> settings;
    private final Configuration whole;

    private DeployedSettings(Path file, Map<String, String> settings, Configuration whole) {
        this.file = file;
        this.settings = settings;
        this.whole = whole;
    }

    /** Reads {@code <home>/flink-conf/config.yaml}; a missing file is an error, not a silent fallback to defaults. */
    public static DeployedSettings of(Path home) {
        Path dir = home.resolve("flink-conf");
        Path file = dir.resolve(GlobalConfiguration.FLINK_CONF_FILENAME);
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("the deployed Flink configuration " + file + " is missing: the harness"
                    + " measures the jobs with its state backend and checkpoint settings");
        }
        Configuration all = GlobalConfiguration.loadConfiguration(dir.toString());
        Map<String, String> picked = new TreeMap<>();
        all.toMap().forEach((key, value) -> {
            if (PREFIXES.stream().anyMatch(key::startsWith) && !SITE_SPECIFIC.contains(key)) {
                picked.put(key, value);
            }
        });
        return new DeployedSettings(file, picked, all);
    }

    /** The picked settings, by key: what the report lists. */
    public Map<String, String> settings() {
        return settings;
    }

    public Path file() {
        return file;
    }

    /** A key of the whole file (not only the picked ones), or null. */
    public String clusterValue(String key) {
        return whole.toMap().get(key);
    }

    /**
     * The managed memory one slot of a deployed TaskManager gets, with {@code overrides} (a job's own settings,
     * e.g. {@code taskmanager.memory.managed.fraction}) over the file: worked out by Flink's own TaskManager memory
     * model from the file's process size, fraction and slots (2048m, 10%, 4 slots: about 40 MiB).
     */
    public MemorySize managedMemoryPerSlot(Configuration overrides) {
        Configuration conf = new Configuration(whole);
        conf.addAll(overrides);
        MemorySize managed = TaskExecutorProcessUtils.processSpecFromConfig(conf).getManagedMemorySize();
        return managed.divide(conf.get(TaskManagerOptions.NUM_TASK_SLOTS));
    }

    void applyTo(Configuration conf) {
        settings.forEach(conf::setString);
    }
}
