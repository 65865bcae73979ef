package io.infometis.streams.generator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GeneratorCommandTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return GeneratorCommand.execute(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void dryRunPrintsTheGroundTruthOfTheSameRunAsTheLibrary() {
        int exit = run("--dry-run", "--seed", "5", "--users", "30", "--cards", "40", "--count", "2000",
                "--tail", "1 min", "--card-testing-every", "200", "--garbage-every", "0");

        assertThat(exit).isZero();
        GroundTruth printed = GroundTruth.fromJson(out.toString(StandardCharsets.UTF_8));
        GroundTruth library = Generator.run(GeneratorSettings.builder().seed(5).users(30).cards(40).count(2000)
                .tail(java.time.Duration.ofMinutes(1)).every(ScenarioKind.CARD_TESTING, 200)
                .every(BadRecordKind.GARBAGE, 0).build()).groundTruth();
        assertThat(printed).isEqualTo(library);
        assertThat(printed.badRecords(BadRecordKind.GARBAGE)).isEmpty();
    }

    @Test
    void groundTruthGoesToTheFileWhenAsked(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("truth.json");
        int exit = run("--dry-run", "--duration", "2 min", "--tail", "0 s", "--ground-truth", file.toString());

        assertThat(exit).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(GroundTruth.read(file).totalRecords()).isPositive();
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("ground truth: ");
    }

    @Test
    void aBadOptionNamesItselfAndExitsWithTwo() {
        assertThat(run("--dry-run", "--count", "10", "--tail", "soon")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("'--tail': expected a duration such as '30 s', '10 min', '2 h', got 'soon'");
    }

    @Test
    void invalidSettingsAreReportedWithTheirRule() {
        assertThat(run("--dry-run", "--count", "10", "--users", "10", "--cards", "2")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("cards: expected an integer >= users");
    }

    @Test
    void kafkaOptionsAreRequiredWithoutDryRun() {
        assertThat(run("--count", "10")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--bootstrap-servers is required");
    }

    @Test
    void eventRateIsRefusedWithALiveClock() {
        assertThat(run("--dry-run", "--count", "10", "--clock", "LIVE", "--event-rate", "5")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--event-rate: applies to --clock SIMULATED only");
    }

    @Test
    void aLiveClockNeedsAPositiveRate() {
        assertThat(run("--dry-run", "--count", "10", "--clock", "live", "--rate", "0")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--rate: expected background events per second > 0");
    }

    @Test
    void unknownTopicRenamesAreRefused() {
        assertThat(run("--count", "10", "--bootstrap-servers", "127.0.0.1:1", "--registry-url", "http://127.0.0.1:1",
                "--topic", "ordres=x")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("topic ordres: expected a catalogue topic name");
    }

    @Test
    void aFailureWhileSendingIsOneLineAndExitCodeOne() {
        // Nothing listens on port 1: the start-up check gives up after default.api.timeout.ms and says what to check.
        int exit = run("--count", "10", "--tail", "0 s", "--bootstrap-servers", "127.0.0.1:1",
                "--registry-url", "http://127.0.0.1:1/apis/ccompat/v7", "--kafka-property", "default.api.timeout.ms=1000", "--kafka-property", "request.timeout.ms=1000");
        assertThat(exit).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .startsWith("generate: failed: Kafka at 127.0.0.1:1 did not answer in time: check --bootstrap-servers");
    }
}
