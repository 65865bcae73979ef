package io.infometis.streams.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GroundTruthJsonTest {

    @Test
    void writeThenReadGivesTheSameGroundTruth(@TempDir Path dir) throws Exception {
        GroundTruth truth = Generator.run(GeneratorSettings.builder().seed(4).users(40).cards(50).count(3_000)
                .tail(Duration.ofMinutes(1)).every(ScenarioKind.CARD_TESTING, 300).every(BadRecordKind.GARBAGE, 500)
                .build()).groundTruth();
        Path file = dir.resolve("nested/truth.json");

        truth.write(file);

        assertThat(GroundTruth.read(file)).isEqualTo(truth);
        String json = Files.readString(file);
        assertThat(json).contains("\"kind\" : \"CARD_TESTING\"", "\"eventIds\"", "\"recordsPerTopic\"",
                "\"badRecords\"", "\"firstEventTime\"");
        assertThat(truth.totalRecords()).isPositive();
    }

    @Test
    void groundTruthIsOnlyAvailableOnceTheRunIsOver() {
        Generator generator = Generator.create(GeneratorSettings.builder().count(100).build());
        generator.next();
        assertThatThrownBy(generator::groundTruth).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not over");
    }

    @Test
    void readingSomethingElseSaysSo() {
        assertThatThrownBy(() -> GroundTruth.fromJson("[1, 2]")).hasMessageStartingWith("not a ground-truth JSON document");
    }
}
