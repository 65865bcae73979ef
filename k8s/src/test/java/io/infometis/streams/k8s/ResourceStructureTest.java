package io.infometis.streams.k8s;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every rendered resource is checked structurally: Flink resources against the operator CRD's openAPIV3Schema,
 * built-in and Prometheus-operator kinds as fabric8 typed models, Strimzi kinds as Strimzi's published model,
 * ECK/Traefik kinds against the shipped schemas; unknown fields are errors everywhere.
 */
class ResourceStructureTest {

    static Stream<String> overlays() {
        return Rendered.OVERLAYS.stream();
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyResourceMatchesItsSchemaOrTypedModel(String overlay) {
        Problems problems = new Problems();
        problems.addAll(ManifestChecks.structure(Rendered.overlay(overlay)));
        problems.assertNone("structure of overlay " + overlay);
    }
}
