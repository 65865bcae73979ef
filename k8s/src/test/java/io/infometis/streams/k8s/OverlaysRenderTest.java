package io.infometis.streams.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class OverlaysRenderTest {

    static Stream<String> overlays() {
        return Rendered.OVERLAYS.stream();
    }

    @Test
    void everyOverlayFolderIsChecked() throws IOException {
        try (Stream<Path> dirs = Files.list(Rendered.k8sDir().resolve("overlays"))) {
            assertThat(dirs.map(p -> p.getFileName().toString()).collect(Collectors.toSet()))
                    .containsExactlyInAnyOrderElementsOf(Rendered.OVERLAYS);
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void overlayRendersThePlatformIntoOneNamespace(String overlay) {
        List<Manifest> manifests = Rendered.overlay(overlay);

        Set<String> kinds = manifests.stream().map(Manifest::kind).collect(Collectors.toSet());
        assertThat(kinds).contains("Namespace", "Kafka", "KafkaNodePool", "KafkaTopic", "FlinkDeployment",
                "Elasticsearch", "Kibana", "Job", "Deployment", "NetworkPolicy", "PodMonitor", "PrometheusRule",
                "IngressRoute", "ConfigMap", "ServiceAccount");
        Problems problems = new Problems();
        for (Manifest m : manifests) {
            problems.check(!m.origin().equals("(unknown file)"), m.describe() + ": kustomize gave no origin");
            if (!m.is("Namespace")) {
                problems.check("infometis".equals(m.body().path("metadata").path("namespace").asText()),
                        m.problem("metadata.namespace", "expected infometis, got '"
                                + m.body().path("metadata").path("namespace").asText() + "'"));
            }
        }
        problems.assertNone("overlay " + overlay);
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void resourceNamesAreUniquePerKind(String overlay) {
        List<String> ids = Rendered.overlay(overlay).stream().map(m -> m.kind() + "/" + m.name()).toList();
        assertThat(ids).doesNotHaveDuplicates();
    }

    @Test
    void applicationOverlaysRunEachJobInItsOwnClusterAndTheSessionOverlayShareOne() {
        assertThat(Rendered.overlay("dev").stream().filter(m -> m.is("FlinkDeployment")).map(Manifest::name))
                .containsExactlyInAnyOrder("fraud-detection", "order-enrichment", "commerce-metrics");
        assertThat(Rendered.overlay("prod").stream().filter(m -> m.is("FlinkDeployment")).map(Manifest::name))
                .containsExactlyInAnyOrder("fraud-detection", "order-enrichment", "commerce-metrics");
        List<Manifest> session = Rendered.overlay("dev-session");
        assertThat(session.stream().filter(m -> m.is("FlinkDeployment")).map(Manifest::name))
                .containsExactly("infometis-session");
        assertThat(session.stream().filter(m -> m.is("FlinkSessionJob")).map(Manifest::name))
                .containsExactlyInAnyOrder("fraud-detection", "order-enrichment", "commerce-metrics");
    }
}
