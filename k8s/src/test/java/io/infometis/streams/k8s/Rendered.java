package io.infometis.streams.k8s;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/** The rendered overlays, once per test JVM, and the places the checks read from. */
public final class Rendered {

    /** Every overlay this module ships; OverlaysRenderTest checks the list matches k8s/overlays. */
    public static final List<String> OVERLAYS = List.of("dev", "prod", "dev-session");

    private static final Map<String, List<Manifest>> CACHE = new ConcurrentHashMap<>();

    private Rendered() {}

    public static Path k8sDir() {
        return Path.of(System.getProperty("k8s.dir", ".")).toAbsolutePath().normalize();
    }

    public static Path repoDir() {
        return Path.of(System.getProperty("repo.dir", "..")).toAbsolutePath().normalize();
    }

    public static List<Manifest> overlay(String overlay) {
        return CACHE.computeIfAbsent(overlay, o -> {
            requireGenerated(k8sDir());
            return Kustomize.find().render(k8sDir(), o);
        });
    }

    public static Stream<Manifest> all() {
        return OVERLAYS.stream().flatMap(o -> overlay(o).stream());
    }

    public static Stream<Manifest> all(String kind) {
        return all().filter(m -> m.is(kind));
    }

    /** The build writes target/kustomize before the tests run (exec-maven-plugin, process-classes). */
    static void requireGenerated(Path k8sRoot) {
        Path generated = k8sRoot.resolve("target/kustomize/ksql-scripts/kustomization.yaml");
        if (!Files.isRegularFile(generated)) {
            throw new IllegalStateException(generated + " is missing: run the k8s module's build"
                    + " ('mvn -pl k8s -am package'), which generates it, before rendering");
        }
    }
}
