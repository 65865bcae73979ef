package io.infometis.streams.stack.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.infometis.streams.stack.StackException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * One job's own Flink settings, {@code flink-conf/jobs/<job>.yaml}, on top of the cluster's {@code config.yaml}:
 * flat {@code key: value} lines of Flink's own keys (e.g. {@code state.backend.type: rocksdb}). A job without a file
 * has none. Where the job has its cluster to itself (Kubernetes application mode, the bench's MiniCluster) all of
 * them apply; on a shared session cluster only the job-level ones do ({@link #forSessionSubmission()}).
 *
 * @param file     the file read (it may not exist)
 * @param settings key to value, sorted
 */
public record JobFlinkSettings(Path file, Map<String, String> settings) {

    /** The directory of the per-job files, under the repository root. */
    public static final String DIRECTORY = "flink-conf/jobs";

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    public JobFlinkSettings {
        settings = Map.copyOf(new TreeMap<>(settings));
    }

    /** Reads {@code <home>/flink-conf/jobs/<jobName>.yaml}; no file means no settings of its own. */
    public static JobFlinkSettings of(Path home, String jobName) {
        Path file = home.resolve(DIRECTORY).resolve(jobName + ".yaml");
        if (!Files.isRegularFile(file)) {
            return new JobFlinkSettings(file, Map.of());
        }
        JsonNode root;
        try {
            root = YAML.readTree(file.toFile());
        } catch (IOException e) {
            throw new StackException(file + " is not valid YAML: " + e.getMessage(), e);
        }
        Map<String, String> settings = new TreeMap<>();
        if (root == null || root.isMissingNode() || root.isNull()) {
            return new JobFlinkSettings(file, settings);
        }
        if (!root.isObject()) {
            throw new StackException(file + ": expected flat `key: value` lines of Flink settings, got " + root);
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isValueNode() || e.getValue().isNull()) {
                // Flat only: each key appears as itself in the FlinkDeployment and in `flink run -D key=value`,
                // so the copies can be compared key for key.
                throw new StackException(file + ": " + e.getKey() + ": expected a flat `key: value` line with a"
                        + " scalar value (write nested keys with dots, e.g. state.backend.type), got " + e.getValue());
            }
            settings.put(e.getKey(), e.getValue().asText());
        }
        return new JobFlinkSettings(file, settings);
    }

    /**
     * The settings a job can set for itself when submitted to a running session cluster: all but the process
     * settings of the cluster ({@code taskmanager.*}, {@code jobmanager.*}), which that cluster has already fixed.
     */
    public Map<String, String> forSessionSubmission() {
        Map<String, String> jobLevel = new TreeMap<>();
        settings.forEach((key, value) -> {
            if (!isClusterProcessSetting(key)) {
                jobLevel.put(key, value);
            }
        });
        return jobLevel;
    }

    /** Whether the key sizes or configures a JobManager or TaskManager process rather than a job. */
    public static boolean isClusterProcessSetting(String key) {
        return key.startsWith("taskmanager.") || key.startsWith("jobmanager.");
    }
}
