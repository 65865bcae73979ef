package io.infometis.streams.generator;

import static org.assertj.core.api.Assertions.assertThat;

import io.infometis.streams.generator.kafka.TopicNames;
import io.infometis.streams.testing.RealStackExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command as its own process, the way the stack runs it (LIVE clock), stopped with SIGTERM as
 * {@code bin/stack down} does: it reports how many records it sent, and every one of them is in Kafka.
 */
class GeneratorProcessSigtermRealStackTest {

    @RegisterExtension
    static final RealStackExtension STACK = RealStackExtension.builder().kafka().registry().build();

    @Test
    void sigtermStopsALiveRunAndEveryRecordItSentIsInKafka(@TempDir Path dir) throws Exception {
        TopicNames.generatedTopics().forEach(t -> STACK.createTopic("sigterm-" + t, 1));
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), GeneratorCommand.class.getName(),
                "--bootstrap-servers", STACK.kafkaBootstrapServers(), "--registry-url", STACK.registryUrl(),
                "--clock", "LIVE", "--rate", "50", "--duration", "1 h", "--progress-interval", "1 s"));
        for (String topic : TopicNames.generatedTopics()) {
            command.addAll(List.of("--topic", topic + "=sigterm-" + topic));
        }
        Path stderr = dir.resolve("stderr.txt");
        Process generator = new ProcessBuilder(command).redirectError(stderr.toFile())
                .redirectOutput(dir.resolve("stdout.txt").toFile()).start();

        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(STACK.consumerProperties("sigterm-it"))) {
            consumer.subscribe(TopicNames.generatedTopics().stream().map(t -> "sigterm-" + t).toList());
            long received = 0;
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (received < 50 && System.nanoTime() < deadline) {
                received += consumer.poll(Duration.ofMillis(200)).count();
            }
            assertThat(received).as("records before the stop; stderr: %s", Files.readString(stderr)).isGreaterThanOrEqualTo(50);

            generator.destroy(); // SIGTERM
            assertThat(generator.waitFor(60, TimeUnit.SECONDS)).isTrue();
            String log = Files.readString(stderr, StandardCharsets.UTF_8);
            Matcher stopped = Pattern.compile("generate: stopped after (\\d+) records").matcher(log);
            assertThat(stopped.find()).as(log).isTrue();
            long sent = Long.parseLong(stopped.group(1));

            deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (received < sent && System.nanoTime() < deadline) {
                received += consumer.poll(Duration.ofMillis(200)).count();
            }
            assertThat(received).isEqualTo(sent);
        } finally {
            generator.destroyForcibly();
        }
    }
}
