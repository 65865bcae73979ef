package io.infometis.streams.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Collectors;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each job's entry class (and the setup Job's IndexTemplateInstaller) exists in the shaded jar the manifests
 * name. The checker is exercised here against jars this test builds (with real compiled classes of the contract's
 * names); the check of the real jars is tagged job-jars and runs once the job modules have code (k8s/pom.xml
 * profile with-job-jars), because in a reactor without them no jar can exist.
 */
class ShadedJarEntryClassTest {

    private static final String VERSION = "-0.1.0-SNAPSHOT.jar";

    @Test
    void everyManifestNamesAJobJarAndAClassOfTheContract() {
        Set<String> refs = Rendered.all().collect(Collectors.toList()).stream()
                .collect(Collectors.groupingBy(Manifest::overlay)).values().stream()
                .flatMap(ms -> ShadedJars.references(ms).stream())
                .map(r -> r.jarName() + " " + r.className()).collect(Collectors.toSet());
        assertThat(refs).containsExactlyInAnyOrder(
                "fraud-detection" + VERSION + " io.infometis.streams.fraud.FraudDetectionJob",
                "order-enrichment" + VERSION + " io.infometis.streams.enrichment.OrderEnrichmentJob",
                "commerce-metrics" + VERSION + " io.infometis.streams.metrics.CommerceMetricsJob",
                "fraud-detection" + VERSION + " io.infometis.streams.sinks.elasticsearch.IndexTemplateInstaller");
    }

    @Test
    void jarsWithTheClassesPassTheCheck(@TempDir Path repo) throws IOException {
        buildJar(repo, "fraud-detection", "io.infometis.streams.fraud.FraudDetectionJob",
                "io.infometis.streams.sinks.elasticsearch.IndexTemplateInstaller");
        buildJar(repo, "order-enrichment", "io.infometis.streams.enrichment.OrderEnrichmentJob");
        buildJar(repo, "commerce-metrics", "io.infometis.streams.metrics.CommerceMetricsJob");

        for (String overlay : Rendered.OVERLAYS) {
            assertThat(ShadedJars.check(repo, ShadedJars.references(Rendered.overlay(overlay)))).isEmpty();
        }
    }

    @Test
    void aJarWithoutTheEntryClassIsReportedWithTheManifest(@TempDir Path repo) throws IOException {
        buildJar(repo, "fraud-detection", "io.infometis.streams.fraud.SomethingElse",
                "io.infometis.streams.sinks.elasticsearch.IndexTemplateInstaller");
        buildJar(repo, "order-enrichment", "io.infometis.streams.enrichment.OrderEnrichmentJob");
        buildJar(repo, "commerce-metrics", "io.infometis.streams.metrics.CommerceMetricsJob");

        List<String> problems = ShadedJars.check(repo, ShadedJars.references(Rendered.overlay("dev")));

        assertThat(problems).singleElement().asString()
                .startsWith("flink/application/fraud-detection.yaml FlinkDeployment/fraud-detection")
                .contains("spec.job")
                .contains("jobs/fraud-detection/target/fraud-detection-0.1.0-SNAPSHOT.jar has no class"
                        + " io.infometis.streams.fraud.FraudDetectionJob");
    }

    @Test
    void aMissingJarSaysToBuildTheJobsFirst(@TempDir Path repo) {
        List<String> problems = ShadedJars.check(repo, ShadedJars.references(Rendered.overlay("prod")));

        assertThat(problems).hasSize(4).allSatisfy(p -> assertThat(p).contains("is missing: build the jobs first"));
    }

    @Test
    @Tag("job-jars")
    void theRealShadedJarsHaveEveryClassTheManifestsRun() {
        Problems problems = new Problems();
        for (String overlay : Rendered.OVERLAYS) {
            problems.addAll(ShadedJars.check(Rendered.repoDir(), ShadedJars.references(Rendered.overlay(overlay))));
        }
        problems.assertNone("classes in the shaded job jars");
    }

    /** A jar like the job module's: real class files compiled from one-line sources of the given names. */
    static void buildJar(Path repo, String module, String... classNames) throws IOException {
        Path src = Files.createTempDirectory("jar-src");
        Path classes = Files.createTempDirectory("jar-classes");
        List<String> args = new java.util.ArrayList<>(List.of("-d", classes.toString()));
        for (String name : classNames) {
            int dot = name.lastIndexOf('.');
            Path file = src.resolve(name.replace('.', '/') + ".java");
            Files.createDirectories(file.getParent());
            Files.writeString(file, "package " + name.substring(0, dot) + "; public class " + name.substring(dot + 1)
                    + " { public static void main(String[] args) {} }");
            args.add(file.toString());
        }
        int rc = ToolProvider.getSystemJavaCompiler().run(null, null, null, args.toArray(String[]::new));
        assertThat(rc).as("javac").isZero();
        Path jar = repo.resolve("jobs").resolve(module).resolve("target").resolve(module + VERSION);
        Files.createDirectories(jar.getParent());
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
                var files = Files.walk(classes)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(p).toString()));
                try (OutputStream ignored = null) {
                    out.write(Files.readAllBytes(p));
                }
                out.closeEntry();
            }
        }
        Kustomize.deleteTree(src);
        Kustomize.deleteTree(classes);
    }
}
