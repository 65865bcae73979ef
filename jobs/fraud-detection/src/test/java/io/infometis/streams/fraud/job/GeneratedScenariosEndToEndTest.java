package io.infometis.streams.fraud.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.infometis.streams.events.Alert;
import io.infometis.streams.fraud.support.ExpectedAlerts;
import io.infometis.streams.fraud.support.FlinkCluster;
import io.infometis.streams.fraud.support.KafkaJobFixture;
import io.infometis.streams.generator.Generator;
import io.infometis.streams.generator.GeneratorSettings;
import io.infometis.streams.generator.ScenarioKind;
import io.infometis.streams.sinks.elasticsearch.PiiMasking;
import io.infometis.streams.testing.RealStackExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The generator's injected scenarios through the real job wiring (Kafka sources through the registry, EXACTLY_ONCE
 * Kafka sink, Elasticsearch sink, dlq) on a MiniCluster: exactly one alert per scenario, nothing else, in Kafka
 * (read_committed) and in Elasticsearch; the generator's bad records in the dlq and nowhere else.
 */
class GeneratedScenariosEndToEndTest {

    @RegisterExtension
    static final RealStackExtension STACK = RealStackExtension.builder().kafka().registry().elasticsearch().build();

    static final InMemoryReporter REPORTER = InMemoryReporter.createWithRetainedMetrics();

    @RegisterExtension
    static final MiniClusterExtension FLINK = FlinkCluster.extension(REPORTER);

    /** Its own month, so its index holds only this test's alerts. */
    static final Instant START = Instant.parse("2025-01-01T00:00:00Z");

    @Test
    void everyInjectedScenarioYieldsExactlyOneAlertInKafkaAndElasticsearchAndBadRecordsGoToTheDlq() throws Exception {
        GeneratorSettings.Builder builder = GeneratorSettings.builder()
                .seed(7).users(30).cards(60).count(1000).eventRate(0.5).start(START)
                .every(ScenarioKind.CARD_TESTING, 120)
                .every(ScenarioKind.ACCOUNT_TAKEOVER, 100)
                .every(ScenarioKind.UNPAID_ORDER, 100);
        Generator.Run run = Generator.run(builder.build());
        List<ExpectedAlerts.Detection> expected = ExpectedAlerts.of(run.groundTruth());
        assertThat(expected).extracting(ExpectedAlerts.Detection::rule).contains(
                "card-testing", "account-takeover", "unpaid-order");

        KafkaJobFixture fixture = new KafkaJobFixture(STACK, "fraud-e2e", 4);
        fixture.write(run.records());
        JobClient job = fixture.start(fixture.config(Map.of()), UnaryOperator.identity(), env -> {});
        try {
            List<Alert> alerts = fixture.alerts(a -> a.size() >= expected.size(), Duration.ofSeconds(120));

            assertThat(ExpectedAlerts.of(alerts)).containsExactlyInAnyOrderElementsOf(expected);
            assertThat(alerts).extracting(Alert::getAlertId).doesNotHaveDuplicates();

            Set<String> ids = alerts.stream().map(Alert::getAlertId).collect(Collectors.toSet());
            KafkaJobFixture.await("one Elasticsearch document per alert", Duration.ofSeconds(30),
                    () -> documentIds(fixture).equals(ids));
            List<JsonNode> docs = fixture.documents("alerts-2025.01");
            assertThat(docs).hasSize(alerts.size())
                    .allSatisfy(d -> assertThat(d.get("_index").asText()).isEqualTo("alerts-2025.01"))
                    .allSatisfy(d -> assertThat(d.get("_id").asText()).isEqualTo(d.get("alert_id").asText()))
                    // The generator's user events carry IPs and its customers e-mails: none reaches an alert.
                    .allSatisfy(d -> assertThat(PiiMasking.containsPii(d.toString())).as("raw e-mail/IP in " + d)
                            .isFalse());
            JsonNode mapping = fixture.mapping("alerts-2025.01").path("properties");
            assertThat(mapping.path("severity").path("type").asText()).isEqualTo("keyword");
            assertThat(mapping.path("first_event_time").path("type").asText()).isEqualTo("date");
            assertThat(mapping.path("rule_version").path("type").asText()).isEqualTo("integer");

            // The job reads payments, orders and user-events; bad customers records are another job's.
            List<String> read = List.of("payments", "orders", "user-events");
            List<String> badKeys = run.groundTruth().badRecords().stream().filter(b -> read.contains(b.topic()))
                    .map(b -> b.key()).toList();
            assertThat(badKeys).isNotEmpty();
            List<ConsumerRecord<byte[], byte[]>> letters = fixture.deadLetters(badKeys.size(), Duration.ofSeconds(30));
            assertThat(letters).extracting(r -> r.key() == null ? "" : new String(r.key(), StandardCharsets.UTF_8))
                    .containsExactlyInAnyOrderElementsOf(badKeys);
            assertThat(letters).allSatisfy(r -> assertThat(r.headers().lastHeader("dlq.reason")).isNotNull());
            assertThat(letters.stream().map(r -> new String(r.headers().lastHeader("dlq.reason").value(),
                    StandardCharsets.UTF_8))).noneMatch(reason -> reason.startsWith("late event"));
        } finally {
            job.cancel().get();
        }
    }

    private static Set<String> documentIds(KafkaJobFixture fixture) {
        try {
            return fixture.documents("alerts-2025.01").stream().map(d -> d.get("_id").asText())
                    .collect(Collectors.toSet());
        } catch (Exception e) {
            return Set.of();
        }
    }
}
