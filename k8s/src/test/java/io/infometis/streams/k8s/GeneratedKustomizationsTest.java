package io.infometis.streams.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.infometis.streams.k8s.generate.GeneratedKustomizations;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ConfigMaps of other modules' files (ksqlDB scripts, Kibana saved objects) hold exactly those files, and the
 * generator that writes their kustomizations copes with the files coming and going.
 */
class GeneratedKustomizationsTest {

    @Test
    void theRenderedConfigMapsHoldExactlyTheModulesFiles() throws IOException {
        Path repo = Rendered.repoDir();
        Map<String, Map<String, String>> expected = Map.of(
                GeneratedKustomizations.KSQL_SCRIPTS, contents(repo.resolve("ksql"), ".sql"),
                GeneratedKustomizations.KSQL_HEADLESS, contents(repo.resolve("ksql/headless"), ".sql"),
                GeneratedKustomizations.KIBANA_OBJECTS, contents(repo.resolve("sinks/src/main/resources/kibana"), ".ndjson"));
        for (String overlay : Rendered.OVERLAYS) {
            Map<String, Map<String, String>> actual = new HashMap<>();
            for (Manifest m : Rendered.overlay(overlay)) {
                String base = m.name().replaceFirst("-[a-z0-9]{10}$", "");
                if (m.is("ConfigMap") && expected.containsKey(base)) {
                    Map<String, String> data = new HashMap<>();
                    m.body().path("data").fields().forEachRemaining(e -> data.put(e.getKey(), e.getValue().asText()));
                    actual.put(base, data);
                }
            }
            assertThat(actual).as("overlay %s", overlay).isEqualTo(expected);
        }
    }

    @Test
    void theHeadlessServerAndTheCliMountTheGeneratedConfigMaps() {
        List<Manifest> dev = Rendered.overlay("dev");
        Set<String> configMaps = dev.stream().filter(m -> m.is("ConfigMap")).map(Manifest::name).collect(Collectors.toSet());
        Map<String, String> mounted = new HashMap<>();
        for (Manifest m : dev) {
            for (PodSpecs.PodTemplate pod : PodSpecs.of(m)) {
                for (JsonNode v : pod.spec().path("volumes")) {
                    if (v.has("configMap")) {
                        mounted.put(m.name() + "/" + v.path("name").asText(), v.path("configMap").path("name").asText());
                    }
                }
            }
        }
        assertThat(mounted.get("ksqldb-headless/headless-scripts")).startsWith(GeneratedKustomizations.KSQL_HEADLESS + "-");
        assertThat(mounted.get("ksqldb-cli/scripts")).startsWith(GeneratedKustomizations.KSQL_SCRIPTS + "-");
        assertThat(mounted.get("elasticsearch-setup/saved-objects")).startsWith(GeneratedKustomizations.KIBANA_OBJECTS + "-");
        assertThat(configMaps).containsAll(mounted.values());
    }

    @Test
    void theGeneratorListsEveryFileInNameOrderAndForgetsRemovedOnes(@TempDir Path repo) throws IOException {
        Files.createDirectories(repo.resolve("k8s"));
        write(repo.resolve("ksql/002-orders.sql"), "CREATE STREAM orders_raw ...;");
        write(repo.resolve("ksql/001-sources.sql"), "CREATE STREAM user_events ...;");
        write(repo.resolve("ksql/notes.txt"), "not a script");
        write(repo.resolve("ksql/headless/queries.sql"), "CREATE TABLE t AS SELECT ...;");
        write(repo.resolve("sinks/src/main/resources/kibana/alerts.ndjson"), "{\"type\":\"index-pattern\"}");
        Path out = repo.resolve("k8s/target/kustomize");

        new GeneratedKustomizations(repo, out).writeAll();
        String ksql = Files.readString(out.resolve("ksql-scripts/kustomization.yaml"));
        assertThat(ksql).containsSubsequence("ksql-scripts/001-sources.sql", "ksql-scripts/002-orders.sql",
                "ksql-headless-queries/queries.sql").doesNotContain("notes.txt");
        assertThat(out.resolve("ksql-scripts/ksql-scripts/001-sources.sql")).hasContent("CREATE STREAM user_events ...;");
        assertThat(Files.readString(out.resolve("kibana-saved-objects/kustomization.yaml")))
                .contains("kibana-saved-objects/alerts.ndjson");

        Files.delete(repo.resolve("ksql/002-orders.sql"));
        new GeneratedKustomizations(repo, out).writeAll();
        assertThat(Files.readString(out.resolve("ksql-scripts/kustomization.yaml"))).doesNotContain("002-orders");
        assertThat(out.resolve("ksql-scripts/ksql-scripts/002-orders.sql")).doesNotExist();
    }

    private static Map<String, String> contents(Path dir, String suffix) throws IOException {
        Map<String, String> files = new HashMap<>();
        if (Files.isDirectory(dir)) {
            try (var list = Files.list(dir)) {
                for (Path p : list.filter(Files::isRegularFile).filter(p -> p.toString().endsWith(suffix)).toList()) {
                    files.put(p.getFileName().toString(), Files.readString(p));
                }
            }
        }
        return files;
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
