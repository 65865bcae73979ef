package io.infometis.streams.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.infometis.streams.k8s.generate.FlinkConfFlattener;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * flink-conf/config.yaml is the single source of Flink settings: the flinkConfiguration every FlinkDeployment
 * gets (components/flink-defaults/flink-configuration.yaml) must be that file, key for key and value for value,
 * apart from the documented site-specific keys; the Kubernetes-only keys must not shadow it; and the rendered
 * deployments must keep those values except where an overlay says why not.
 */
class FlinkConfigurationMirrorTest {

    /**
     * Keys of config.yaml that Kubernetes sets another way (docs/deploy-kubernetes.md has the same table).
     */
    static final Map<String, String> SITE_SPECIFIC = Map.of(
            "jobmanager.rpc.address", "set by Flink's native Kubernetes mode (the JobManager Service or, with HA, the pod IP)",
            "rest.address", "set by Flink's native Kubernetes mode, like jobmanager.rpc.address",
            "jobmanager.memory.process.size", "the operator sets it from spec.jobManager.resource.memory",
            "taskmanager.memory.process.size", "the operator sets it from spec.taskManager.resource.memory",
            "execution.checkpointing.dir", "one directory per job on the state volume, in each FlinkDeployment",
            "execution.checkpointing.savepoint-dir", "one directory per job on the state volume, in each FlinkDeployment");

    /** Keys an overlay sets to another value than config.yaml, and why. */
    static final Map<String, Map<String, String>> OVERLAY_OVERRIDES = Map.of(
            "prod", Map.of("taskmanager.numberOfTaskSlots", "2 slots x 2 TaskManagers: parallelism 4, half the slots lost with one TaskManager"));

    /** Keys an overlay adds to the shared ones (documented in docs/deploy-kubernetes.md). */
    static final Map<String, java.util.Set<String>> OVERLAY_ADDITIONS = Map.of(
            "prod", java.util.Set.of("high-availability.type", "high-availability.storageDir",
                    "kubernetes.operator.periodic.savepoint.interval", "kubernetes.operator.savepoint.history.max.age"));

    /** The per-deployment state directories (both spellings), see SITE_SPECIFIC. */
    static final java.util.Set<String> PER_DEPLOYMENT = java.util.Set.of("execution.checkpointing.dir",
            "state.checkpoints.dir", "execution.checkpointing.savepoint-dir", "state.savepoints.dir");

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    static Path flinkConf() {
        return Rendered.repoDir().resolve("flink-conf/config.yaml");
    }

    /**
     * A job's own settings, flink-conf/jobs/<job>.yaml (stack's JobFlinkSettings reads the same file for bin/stack
     * and the bench); none when the job has no file.
     */
    static SortedMap<String, String> jobSettings(String job) {
        Path file = Rendered.repoDir().resolve("flink-conf/jobs").resolve(job + ".yaml");
        return java.nio.file.Files.isRegularFile(file) ? new TreeMap<>(FlinkConfFlattener.flatten(file)) : new TreeMap<>();
    }

    /** The settings a session cluster leaves to its jobs: all but the process ones (stack's forSessionSubmission). */
    static SortedMap<String, String> jobLevel(SortedMap<String, String> settings) {
        SortedMap<String, String> jobLevel = new TreeMap<>(settings);
        jobLevel.keySet().removeIf(k -> k.startsWith("taskmanager.") || k.startsWith("jobmanager."));
        return jobLevel;
    }

    static SortedMap<String, String> patchConfiguration(String file) throws IOException {
        JsonNode patch = YAML.readTree(Rendered.k8sDir().resolve("components/flink-defaults").resolve(file).toFile());
        SortedMap<String, String> conf = new TreeMap<>();
        patch.path("spec").path("flinkConfiguration").fields()
                .forEachRemaining(e -> conf.put(e.getKey(), e.getValue().asText()));
        return conf;
    }

    @Test
    void theSharedFlinkConfigurationIsFlinkConfMinusTheSiteSpecificKeys() throws IOException {
        SortedMap<String, String> expected = new TreeMap<>(FlinkConfFlattener.flatten(flinkConf()));
        expected.keySet().removeAll(SITE_SPECIFIC.keySet());
        SortedMap<String, String> actual = patchConfiguration("flink-configuration.yaml");

        assertThat(actual)
                .withFailMessage(() -> "components/flink-defaults/flink-configuration.yaml: spec.flinkConfiguration"
                        + " differs from " + flinkConf() + "\nexpected these lines:\n" + yamlLines(expected)
                        + "\nmissing or different: " + diff(expected, actual) + "\nnot in flink-conf: "
                        + diff(actual, expected))
                .isEqualTo(expected);
    }

    @Test
    void everySiteSpecificKeyIsStillInFlinkConf() {
        assertThat(FlinkConfFlattener.flatten(flinkConf())).containsKeys(SITE_SPECIFIC.keySet().toArray(String[]::new));
    }

    @Test
    void kubernetesOnlyKeysDoNotShadowFlinkConf() throws IOException {
        assertThat(patchConfiguration("kubernetes-configuration.yaml").keySet())
                .as("keys of components/flink-defaults/kubernetes-configuration.yaml also in flink-conf/config.yaml")
                .doesNotContainAnyElementsOf(FlinkConfFlattener.flatten(flinkConf()).keySet());
    }

    @Test
    void everyRenderedFlinkDeploymentKeepsTheSharedValues() throws IOException {
        SortedMap<String, String> shared = patchConfiguration("flink-configuration.yaml");
        shared.putAll(patchConfiguration("kubernetes-configuration.yaml"));
        Problems problems = new Problems();
        Rendered.all("FlinkDeployment").forEach(m -> {
            JsonNode conf = m.spec().path("flinkConfiguration");
            Map<String, String> overrides = OVERLAY_OVERRIDES.getOrDefault(m.overlay(), Map.of());
            SortedMap<String, String> own = jobSettings(m.name());
            own.forEach((key, value) -> problems.check(value.equals(conf.path(key).asText(null)),
                    m.problem("spec.flinkConfiguration." + key, "expected '" + value + "' (flink-conf/jobs/"
                            + m.name() + ".yaml), got '" + conf.path(key).asText(null) + "'")));
            shared.forEach((key, value) -> {
                if (own.containsKey(key)) {
                    return; // the job's own value, checked above
                }
                String actual = conf.path(key).asText(null);
                if (!overrides.containsKey(key)) {
                    problems.check(value.equals(actual), m.problem("spec.flinkConfiguration." + key,
                            "expected '" + value + "' (flink-conf), got '" + actual + "'"));
                } else {
                    problems.check(actual != null && !value.equals(actual), m.problem("spec.flinkConfiguration." + key,
                            "listed as overridden in " + m.overlay() + " but still '" + actual + "'"));
                }
            });
        });
        problems.assertNone("shared Flink configuration");
    }

    @Test
    void aRenderedFlinkConfigurationHoldsNoKeyBeyondFlinkConfTheKubernetesKeysAndTheOverlaysListedOnes()
            throws IOException {
        java.util.Set<String> shared = new java.util.TreeSet<>(patchConfiguration("flink-configuration.yaml").keySet());
        shared.addAll(patchConfiguration("kubernetes-configuration.yaml").keySet());
        shared.addAll(PER_DEPLOYMENT);
        Problems problems = new Problems();
        Rendered.all("FlinkDeployment").forEach(m -> {
            java.util.Set<String> expected = new java.util.TreeSet<>(shared);
            expected.addAll(OVERLAY_ADDITIONS.getOrDefault(m.overlay(), java.util.Set.of()));
            expected.addAll(jobSettings(m.name()).keySet());
            java.util.Set<String> actual = new java.util.TreeSet<>();
            m.spec().path("flinkConfiguration").fieldNames().forEachRemaining(actual::add);
            java.util.Set<String> extra = new java.util.TreeSet<>(actual);
            extra.removeAll(expected);
            java.util.Set<String> missing = new java.util.TreeSet<>(expected);
            missing.removeAll(actual);
            problems.check(extra.isEmpty(), m.problem("spec.flinkConfiguration", "keys neither in flink-conf nor"
                    + " listed as Kubernetes-only or overlay additions: " + extra));
            problems.check(missing.isEmpty(), m.problem("spec.flinkConfiguration", "missing " + missing));
        });
        problems.assertNone("keys of the rendered Flink configurations");
    }

    @Test
    void everySessionJobCarriesTheJobLevelSettingsOfItsJobsFileAndNothingElse() {
        Problems problems = new Problems();
        Rendered.all("FlinkSessionJob").forEach(m -> {
            SortedMap<String, String> actual = new TreeMap<>();
            m.spec().path("flinkConfiguration").fields().forEachRemaining(e -> actual.put(e.getKey(), e.getValue().asText()));
            SortedMap<String, String> expected = jobLevel(jobSettings(m.name()));
            problems.check(expected.equals(actual), m.problem("spec.flinkConfiguration", "expected " + expected
                    + " (the job-level keys of flink-conf/jobs/" + m.name() + ".yaml), got " + actual));
        });
        problems.assertNone("per-job settings of the session jobs");
    }

    @Test
    void everyJobsFileBelongsToADeployedJob() throws IOException {
        java.util.Set<String> deployed = new java.util.TreeSet<>();
        Rendered.all("FlinkSessionJob").forEach(m -> deployed.add(m.name()));
        try (java.util.stream.Stream<Path> files = java.nio.file.Files.list(Rendered.repoDir().resolve("flink-conf/jobs"))) {
            assertThat(files.map(f -> f.getFileName().toString().replaceFirst("\\.yaml$", "")))
                    .as("flink-conf/jobs/<job>.yaml files, each named after a job (its FlinkSessionJob's name)")
                    .isNotEmpty().allMatch(deployed::contains);
        }
    }

    @Test
    void everyFlinkDeploymentHasItsOwnStateDirectoriesUnderBothSpellings() {
        Problems problems = new Problems();
        Rendered.all("FlinkDeployment").forEach(m -> {
            JsonNode conf = m.spec().path("flinkConfiguration");
            for (String[] pair : new String[][] {
                    {"execution.checkpointing.dir", "state.checkpoints.dir", "checkpoints"},
                    {"execution.checkpointing.savepoint-dir", "state.savepoints.dir", "savepoints"}}) {
                String current = conf.path(pair[0]).asText();
                problems.check(current.equals("file:///flink-state/" + pair[2] + "/" + m.name()),
                        m.problem("spec.flinkConfiguration." + pair[0], "expected file:///flink-state/" + pair[2]
                                + "/" + m.name() + ", got '" + current + "'"));
                problems.check(current.equals(conf.path(pair[1]).asText()), m.problem("spec.flinkConfiguration."
                        + pair[1], "must equal " + pair[0] + " ('" + current + "'), got '" + conf.path(pair[1]).asText() + "'"));
            }
            for (String role : new String[] {"jobManager", "taskManager"}) {
                problems.check(!m.spec().path(role).path("resource").path("memory").asText().isEmpty(),
                        m.problem("spec." + role + ".resource.memory", "missing (it replaces flink-conf's process size)"));
            }
        });
        problems.assertNone("per-job Flink settings");
    }

    private static String yamlLines(Map<String, String> conf) {
        return conf.entrySet().stream().map(e -> "    " + e.getKey() + ": \"" + e.getValue().replace("\"", "\\\"") + "\"")
                .collect(Collectors.joining("\n"));
    }

    private static Map<String, String> diff(Map<String, String> a, Map<String, String> b) {
        Map<String, String> d = new TreeMap<>();
        a.forEach((k, v) -> {
            if (!v.equals(b.get(k))) {
                d.put(k, v);
            }
        });
        return d;
    }
}
