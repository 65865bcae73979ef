package io.infometis.streams.stack.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.infometis.streams.stack.StackLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** When the stack can run the generator, and with which command line (the process itself: see docs/local-stack.md). */
class EventGeneratorTest {

    @Test
    void notBuiltWithoutTheJarAndItsLibFolder(@TempDir Path home) throws Exception {
        assertThat(EventGenerator.missing(home)).hasValueSatisfying(why -> assertThat(why)
                .startsWith("not built").contains("mvn -B -q -DskipTests package -pl generator -am"));
        Files.createDirectories(home.resolve("generator/target"));
        Files.writeString(home.resolve("generator/target/generator-0.1.0-SNAPSHOT.jar"), "x");
        assertThat(EventGenerator.jar(home)).as("lib/ is part of its classpath").isEmpty();

        Files.createDirectories(home.resolve("generator/target/lib"));
        assertThat(EventGenerator.jar(home)).hasValue(home.resolve("generator/target/generator-0.1.0-SNAPSHOT.jar"));
        assertThat(EventGenerator.missing(home)).isEmpty();
    }

    @Test
    void runsLiveAtTheGivenRateAgainstTheStacksKafkaAndRegistry(@TempDir Path dir) {
        EventGenerator generator = new EventGenerator(StackLayout.under(dir, dir, false), 50,
                () -> "127.0.0.1:19092", () -> "http://127.0.0.1:18081/apis/ccompat/v7");
        assertThat(generator.arguments()).containsSequence("--bootstrap-servers", "127.0.0.1:19092")
                .containsSequence("--registry-url", "http://127.0.0.1:18081/apis/ccompat/v7")
                .containsSequence("--clock", "LIVE").containsSequence("--rate", "50")
                .containsSequence("--duration", EventGenerator.LIVE_DURATION);
        assertThat(generator.dependsOn()).containsExactlyInAnyOrder("kafka", "registry");
    }

    @Test
    void aRateBelowOneIsRefused(@TempDir Path dir) {
        assertThatThrownBy(() -> new EventGenerator(StackLayout.under(dir, dir, false), 0, () -> "", () -> ""))
                .hasMessage("generator: rate must be at least 1 event/s, got 0");
    }
}
