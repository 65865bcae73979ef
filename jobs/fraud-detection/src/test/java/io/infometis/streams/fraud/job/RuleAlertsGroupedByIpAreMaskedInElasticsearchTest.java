package io.infometis.streams.fraud.job;

import static io.infometis.streams.fraud.support.TestEvents.min;
import static io.infometis.streams.fraud.support.TestEvents.userEvent;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.infometis.streams.events.Alert;
import io.infometis.streams.events.Topics;
import io.infometis.streams.events.UserEvent;
import io.infometis.streams.events.UserEventType;
import io.infometis.streams.fraud.support.EventSender;
import io.infometis.streams.fraud.support.FlinkCluster;
import io.infometis.streams.fraud.support.KafkaJobFixture;
import io.infometis.streams.sinks.elasticsearch.PiiMasking;
import io.infometis.streams.testing.RealStackExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A dynamic rule grouped by {@code ip} makes a raw IP address the alert's key and puts it in its summary, and its
 * description is free text (here with an address and an e-mail): the job, wired as {@code main()} does, keeps them
 * in the Kafka alert and indexes the Elasticsearch document with both masked.
 */
class RuleAlertsGroupedByIpAreMaskedInElasticsearchTest {

    @RegisterExtension
    static final RealStackExtension STACK = RealStackExtension.builder().kafka().registry().elasticsearch().build();

    static final InMemoryReporter REPORTER = InMemoryReporter.createWithRetainedMetrics();

    @RegisterExtension
    static final MiniClusterExtension FLINK = FlinkCluster.extension(REPORTER);

    static final String IP = "203.0.113.77";
    static final String RULE = """
            {"id": "failed-logins-per-ip", "version": 1, "stream": "user-events",
             "description": "credential stuffing; block %s at the edge, tell soc@example.com",
             "filter": [{"field": "type", "op": "equals", "value": "LOGIN_FAILED"}],
             "group_by": "ip", "aggregate": {"function": "count"},
             "window": {"size": "1 min"}, "threshold": {"comparison": ">=", "value": 3}, "severity": "HIGH"}
            """.formatted(IP);

    @Test
    void theAlertInKafkaKeepsTheAddressAndItsDocumentHasItAndTheEMailMasked() throws Exception {
        KafkaJobFixture fixture = new KafkaJobFixture(STACK, "fraud-pii", 1);
        EventSender send = new EventSender(STACK, fixture);
        // Only user-events carry data: the empty topics must be declared idle to let event time move.
        JobClient job = fixture.start(fixture.config(Map.of("source.idleness", "1 s")), UnaryOperator.identity(),
                env -> env.setParallelism(1));
        try {
            fixture.send(Topics.ALERT_RULES.name(), "failed-logins-per-ip", RULE);
            fixture.awaitConsumed(Topics.ALERT_RULES.name());

            List<UserEvent> events = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                UserEvent failed = userEvent("f" + i, min(0).plusSeconds(10L * i), "user-" + i,
                        UserEventType.LOGIN_FAILED, "NL");
                failed.setIp(IP);
                events.add(failed);
            }
            events.add(userEvent("later", min(5), "user-9", UserEventType.LOGOUT, "NL")); // closes the window
            send.userEvents(events);

            Alert alert = fixture.alerts(a -> a.stream().anyMatch(x -> x.getRuleId().equals("failed-logins-per-ip")),
                    Duration.ofSeconds(90)).stream().filter(a -> a.getRuleId().equals("failed-logins-per-ip"))
                    .findFirst().orElseThrow();
            assertThat(alert.getKey()).as("Kafka consumers get the raw value").isEqualTo(IP);
            assertThat(alert.getSummary()).contains("ip=" + IP, "soc@example.com");

            KafkaJobFixture.await("the alert's document", Duration.ofSeconds(30), () -> document(fixture, alert) != null);
            JsonNode doc = document(fixture, alert);
            assertThat(doc.get("key").asText()).isEqualTo("203.0.113.0/24");
            assertThat(doc.get("summary").asText()).contains("ip=203.0.113.0/24", "block 203.0.113.0/24", "tell [email]");
            assertThat(doc.toString()).doesNotContain(IP, "soc@example.com");
            assertThat(PiiMasking.containsPii(doc.toString())).isFalse();
        } finally {
            job.cancel().get();
        }
    }

    private static JsonNode document(KafkaJobFixture fixture, Alert alert) {
        try {
            return fixture.documents("alerts-*").stream()
                    .filter(d -> d.get("_id").asText().equals(alert.getAlertId())).findFirst().orElse(null);
        } catch (Exception e) {
            return null;
        }
    }
}
