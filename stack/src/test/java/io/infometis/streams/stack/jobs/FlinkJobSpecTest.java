package io.infometis.streams.stack.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FlinkJobSpecTest {

    private final FlinkJobSpec fraud = FlinkJobSpec.ALL.get(0);

    @Test
    void theTableNamesTheContractsEntryClasses() {
        assertThat(FlinkJobSpec.ALL).extracting(FlinkJobSpec::entryClass).containsExactly(
                "io.infometis.streams.fraud.FraudDetectionJob",
                "io.infometis.streams.enrichment.OrderEnrichmentJob",
                "io.infometis.streams.metrics.CommerceMetricsJob");
    }

    @Test
    void findsTheShadedJarNotTheShadeLeftoverNorSourcesOrTests(@TempDir Path home) throws Exception {
        Path target = Files.createDirectories(home.resolve("jobs/fraud-detection/target"));
        for (String f : new String[] {"original-fraud-detection-0.1.0-SNAPSHOT.jar", "fraud-detection-0.1.0-SNAPSHOT-sources.jar",
                "fraud-detection-0.1.0-SNAPSHOT-tests.jar"}) {
            Files.writeString(target.resolve(f), "x");
        }
        assertThat(fraud.jar(home)).isEmpty();

        Files.writeString(target.resolve("fraud-detection-0.1.0-SNAPSHOT.jar"), "x");
        assertThat(fraud.jar(home)).hasValue(target.resolve("fraud-detection-0.1.0-SNAPSHOT.jar"));
    }

    @Test
    void noTargetDirMeansNotBuilt(@TempDir Path home) {
        assertThat(fraud.jar(home)).isEmpty();
    }
}
