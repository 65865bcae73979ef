package io.infometis.streams.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.kubernetes.operator.api.FlinkDeployment;
import org.apache.flink.kubernetes.operator.api.FlinkSessionJob;
import org.apache.flink.kubernetes.operator.config.FlinkConfigManager;
import org.apache.flink.kubernetes.operator.validation.DefaultValidator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Flink resources pass the operator's own admission checks (DefaultValidator, what its webhook and its
 * reconciler run): upgrade modes against HA and state dirs, Flink version, resources, job settings, and session
 * jobs against their session cluster.
 */
class FlinkOperatorValidatorTest {

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);
    private static final DefaultValidator VALIDATOR =
            new DefaultValidator(new FlinkConfigManager(new Configuration()));

    static Stream<String> overlays() {
        return Rendered.OVERLAYS.stream();
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyFlinkDeploymentAndSessionJobPassesTheOperatorsValidator(String overlay) {
        List<Manifest> manifests = Rendered.overlay(overlay);
        Problems problems = new Problems();
        for (Manifest m : manifests) {
            if (m.is("FlinkDeployment")) {
                VALIDATOR.validateDeployment(deployment(m))
                        .ifPresent(error -> problems.add(m.problem("spec", error)));
            } else if (m.is("FlinkSessionJob")) {
                String session = m.spec().path("deploymentName").asText();
                Optional<FlinkDeployment> cluster = manifests.stream()
                        .filter(d -> d.is("FlinkDeployment") && d.name().equals(session))
                        .findFirst().map(FlinkOperatorValidatorTest::deployment);
                problems.check(cluster.isPresent(), m.problem("spec.deploymentName",
                        "no FlinkDeployment named '" + session + "' in the overlay"));
                cluster.flatMap(c -> VALIDATOR.validateSessionJob(sessionJob(m), Optional.of(c)))
                        .ifPresent(error -> problems.add(m.problem("spec", error)));
            }
        }
        problems.assertNone("operator validation of overlay " + overlay);
    }

    @Test
    void theValidatorRejectsLastStateUpgradesWithoutHighAvailability() {
        // dev has no HA: had it last-state upgrades, the operator would refuse the resource.
        Manifest dev = Rendered.overlay("dev").stream().filter(m -> m.is("FlinkDeployment")).findFirst().orElseThrow();
        ObjectNode changed = dev.body().deepCopy();
        ((ObjectNode) changed.with("spec").with("job")).put("upgradeMode", "last-state");

        Optional<String> error = VALIDATOR.validateDeployment(JSON.convertValue(changed, FlinkDeployment.class));

        assertThat(error).hasValueSatisfying(e -> assertThat(e).contains("last-state").contains("HA disabled"));
    }

    @Test
    void theValidatorRejectsSavepointUpgradesWithoutASavepointDirectory() {
        // Why each job sets state.savepoints.dir besides execution.checkpointing.savepoint-dir.
        Manifest dev = Rendered.overlay("dev").stream().filter(m -> m.is("FlinkDeployment")).findFirst().orElseThrow();
        ObjectNode changed = dev.body().deepCopy();
        ObjectNode conf = (ObjectNode) changed.with("spec").with("flinkConfiguration");
        conf.remove("state.savepoints.dir");
        conf.remove("execution.checkpointing.savepoint-dir");

        Optional<String> error = VALIDATOR.validateDeployment(JSON.convertValue(changed, FlinkDeployment.class));

        assertThat(error).hasValueSatisfying(e -> assertThat(e).containsIgnoringCase("savepoint"));
    }

    @Test
    void theValidatorJudgesASessionJobAgainstItsSessionCluster() {
        List<Manifest> session = Rendered.overlay("dev-session");
        Manifest job = session.stream().filter(m -> m.is("FlinkSessionJob")).findFirst().orElseThrow();
        FlinkDeployment cluster = deployment(session.stream().filter(m -> m.is("FlinkDeployment")).findFirst().orElseThrow());
        ObjectNode changed = job.body().deepCopy();
        ((ObjectNode) changed.with("spec").with("job")).put("upgradeMode", "last-state");

        Optional<String> error = VALIDATOR.validateSessionJob(JSON.convertValue(changed, FlinkSessionJob.class),
                Optional.of(cluster));

        assertThat(error).as("last-state on a session cluster").isPresent();
    }

    @Test
    void prodUsesLastStateUpgradesWithKubernetesHighAvailability() {
        assertThat(Rendered.overlay("prod").stream().filter(m -> m.is("FlinkDeployment"))).allSatisfy(m -> {
            assertThat(m.spec().path("job").path("upgradeMode").asText()).isEqualTo("last-state");
            assertThat(m.spec().path("flinkConfiguration").path("high-availability.type").asText())
                    .isEqualTo("kubernetes");
            assertThat(m.spec().path("jobManager").path("replicas").asInt()).isGreaterThan(1);
        });
        assertThat(Rendered.overlay("dev").stream().filter(m -> m.is("FlinkDeployment"))).allSatisfy(m -> {
            assertThat(m.spec().path("job").path("upgradeMode").asText()).isEqualTo("savepoint");
            assertThat(m.spec().path("taskManager").path("replicas").asInt()).isEqualTo(1);
        });
    }

    private static FlinkDeployment deployment(Manifest m) {
        return JSON.convertValue(m.body(), FlinkDeployment.class);
    }

    private static FlinkSessionJob sessionJob(Manifest m) {
        return JSON.convertValue(m.body(), FlinkSessionJob.class);
    }
}
