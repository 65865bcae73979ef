package io.infometis.streams.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The checks catch a broken manifest and say where: the k8s tree is copied, the broken copies of
 * src/test/resources/broken are laid over it, the dev overlay is rendered and checked.
 */
class BrokenManifestTest {

    private static Path copy;
    private static List<String> problems;

    @BeforeAll
    static void renderBrokenCopy() throws IOException {
        Path k8s = Rendered.k8sDir();
        Rendered.requireGenerated(k8s);
        copy = Files.createTempDirectory("k8s-broken-");
        for (String dir : List.of("base", "flink", "components", "overlays", "target/kustomize")) {
            copyTree(k8s.resolve(dir), copy.resolve(dir));
        }
        copyTree(Path.of(System.getProperty("k8s.dir", ".")).resolve("src/test/resources/broken"), copy);
        Files.deleteIfExists(copy.resolve("README.md"));
        problems = ManifestChecks.structure(Kustomize.find().render(copy, "dev"));
    }

    @AfterAll
    static void cleanUp() throws IOException {
        Kustomize.deleteTree(copy);
    }

    @Test
    void anUnknownUpgradeModeIsReportedWithItsFileAndField() {
        assertThat(problems).anySatisfy(p -> assertThat(p)
                .startsWith("flink/application/fraud-detection.yaml FlinkDeployment/fraud-detection")
                .contains("spec.job.upgradeMode").contains("sometimes"));
    }

    @Test
    void aMisspeltFieldOfACustomResourceIsReported() {
        assertThat(problems).anySatisfy(p -> assertThat(p)
                .startsWith("flink/application/fraud-detection.yaml FlinkDeployment/fraud-detection")
                .contains("spec.job.parallelizm"));
    }

    @Test
    void aMisspeltFieldOfABuiltInKindIsReported() {
        assertThat(problems).anySatisfy(p -> assertThat(p)
                .startsWith("base/ksqldb/headless.yaml Deployment/ksqldb-headless")
                .contains("spec.replica:").contains("unknown field"));
    }

    @Test
    void aWrongTypeInAShippedSchemaKindIsReported() {
        assertThat(problems).anySatisfy(p -> assertThat(p)
                .startsWith("base/kafka/topics.yaml KafkaTopic/payments")
                .contains("spec.partitions"));
    }

    @Test
    void aMisplacedFieldOfAStrimziKindIsReported() {
        assertThat(problems).anySatisfy(p -> assertThat(p)
                .startsWith("base/kafka/topics.yaml KafkaTopic/orders")
                .contains("spec.retentionMs:").contains("unknown field"));
    }

    @Test
    void nothingElseIsReported() {
        assertThat(problems).allSatisfy(p -> assertThat(p).containsAnyOf(
                "fraud-detection.yaml", "headless.yaml", "KafkaTopic/payments", "KafkaTopic/orders"));
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path p : paths.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
