package io.infometis.streams.generator;

import static org.assertj.core.api.Assertions.assertThat;

import io.infometis.streams.testing.RealStackExtension;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** bin/generate's command against the real broker and registry: records land, progress goes to stderr. */
class GeneratorCommandRealStackTest {

    @RegisterExtension
    static final RealStackExtension STACK = RealStackExtension.builder().kafka().registry().build();

    @Test
    void theCommandWritesTheRunReportsProgressAndWritesTheGroundTruth(@TempDir Path dir) throws Exception {
        List<String> topics = List.of("cli-it-user-events", "cli-it-orders", "cli-it-payments", "cli-it-customers");
        topics.forEach(t -> STACK.createTopic(t, 1));
        Path truthFile = dir.resolve("truth.json");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int exit = GeneratorCommand.execute(new String[] {
                "--bootstrap-servers", STACK.kafkaBootstrapServers(), "--registry-url", STACK.registryUrl(),
                "--kafka-property", "client.id=generator-cli-it",
                "--topic", "user-events=cli-it-user-events", "--topic", "orders=cli-it-orders",
                "--topic", "payments=cli-it-payments", "--topic", "customers=cli-it-customers",
                "--seed", "3", "--users", "50", "--cards", "60", "--count", "1500", "--tail", "1 min",
                "--rate", "5000", "--progress-interval", "100 ms", "--ground-truth", truthFile.toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

        String stderr = err.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(stderr).isZero();
        GroundTruth truth = GroundTruth.read(truthFile);
        assertThat(stderr).contains("generator done: " + truth.totalRecords() + " records",
                "cli-it-orders=" + truth.records("orders"));
        assertThat(stderr).contains("generator progress: ");

        long received = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(STACK.consumerProperties("cli-it"))) {
            consumer.subscribe(topics);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (received < truth.totalRecords() && System.nanoTime() < deadline) {
                received += consumer.poll(Duration.ofMillis(500)).count();
            }
        }
        assertThat(received).isEqualTo(truth.totalRecords());
    }
}
