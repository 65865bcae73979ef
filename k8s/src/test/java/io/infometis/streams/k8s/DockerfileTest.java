package io.infometis.streams.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The job image (k8s/Dockerfile; no Docker engine runs here, so the build itself is not tried): the right base,
 * non-root, the Prometheus plugin where Flink looks for it, and exactly the jars and entrypoint the manifests use.
 */
class DockerfileTest {

    private static List<String> instructions() throws IOException {
        // Joins continuation lines; drops comments.
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : Files.readAllLines(Rendered.k8sDir().resolve("Dockerfile"))) {
            String t = line.strip();
            if (t.startsWith("#") || (t.isEmpty() && current.length() == 0)) {
                continue;
            }
            if (t.endsWith("\\")) {
                current.append(t, 0, t.length() - 1).append(' ');
            } else {
                current.append(t);
                out.add(current.toString().replaceAll("\\s+", " ").strip());
                current.setLength(0);
            }
        }
        return out;
    }

    @Test
    void theImageIsFlink120OnJava17AndRunsAsTheFlinkUser() throws IOException {
        List<String> instructions = instructions();
        assertThat(instructions.get(0)).isEqualTo("FROM flink:1.20.0-java17");
        assertThat(instructions.get(instructions.size() - 1)).isEqualTo("USER 9999:9999");
        assertThat(Rendered.all("FlinkDeployment")).allSatisfy(m -> assertThat(
                m.spec().path("podTemplate").path("spec").path("securityContext").path("runAsUser").asInt()).isEqualTo(9999));
    }

    @Test
    void theImageHoldsThePrometheusPluginTheJarsAndTheEntrypointTheManifestsUse() throws IOException {
        List<String> copies = instructions().stream().filter(i -> i.startsWith("COPY ")).toList();
        String all = String.join("\n", copies);
        assertThat(all).contains("k8s/target/image/plugins/metrics-prometheus/ /opt/flink/plugins/metrics-prometheus/");
        assertThat(Rendered.k8sDir().resolve("target/image/plugins/metrics-prometheus/flink-metrics-prometheus-1.20.0.jar"))
                .as("the build copies the reporter plugin for the image").isRegularFile();
        assertThat(all).contains("k8s/image/entrypoint.sh /opt/infometis/bin/entrypoint.sh");

        Set<String> jarsInImage = copies.stream().flatMap(c -> List.of(c.split(" ")).stream())
                .filter(t -> t.startsWith("jobs/")).collect(Collectors.toSet());
        Set<String> jarsUsed = Rendered.OVERLAYS.stream()
                .flatMap(o -> ShadedJars.references(Rendered.overlay(o)).stream())
                .map(r -> "jobs/" + r.module() + "/target/" + r.jarName()).collect(Collectors.toSet());
        assertThat(jarsInImage).isEqualTo(jarsUsed);
        assertThat(all).contains("/opt/flink/usrlib/");
        Rendered.all("FlinkDeployment").filter(m -> m.spec().has("job")).forEach(m -> assertThat(
                m.spec().path("job").path("jarURI").asText()).startsWith("local:///opt/flink/usrlib/"));
    }

    @Test
    void everyUseOfTheJobImageNamesTheSameTag() {
        Set<String> images = new java.util.HashSet<>();
        Rendered.all().forEach(m -> {
            if (m.is("FlinkDeployment")) {
                images.add(m.spec().path("image").asText());
            }
            for (PodSpecs.PodTemplate pod : PodSpecs.of(m)) {
                pod.containers().forEach(c -> images.add(c.path("image").asText()));
            }
        });
        assertThat(images.stream().filter(i -> i.startsWith("infometis/streams-jobs")))
                .containsExactly("infometis/streams-jobs:0.1.0-SNAPSHOT");
    }

    @Test
    void theEntrypointIsExecutableForEveryone() {
        Path script = Rendered.k8sDir().resolve("image/entrypoint.sh");
        assertThat(script).isExecutable();
    }
}
