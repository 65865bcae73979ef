package io.infometis.streams.fraud.rules;

import static io.infometis.streams.events.PaymentStatus.AUTHORIZED;
import static io.infometis.streams.events.PaymentStatus.FAILED;
import static io.infometis.streams.fraud.support.TestEvents.min;
import static io.infometis.streams.fraud.support.TestEvents.payment;
import static org.assertj.core.api.Assertions.assertThat;

import io.infometis.streams.events.Alert;
import io.infometis.streams.events.Payment;
import io.infometis.streams.events.Topics;
import io.infometis.streams.fraud.support.EventSender;
import io.infometis.streams.fraud.support.FlinkCluster;
import io.infometis.streams.fraud.support.KafkaJobFixture;
import io.infometis.streams.fraud.support.Rules;
import io.infometis.streams.testing.RealStackExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Rules published to the real {@code alert-rules} topic while the job runs: events before a rule are not counted,
 * events after it are; an update (higher version) replaces it; a disabled rule stops firing; bad rules go to the
 * dlq with the reason and the good ones keep working. Each step waits until the job has committed (checkpointed)
 * what it was sent, so "before" and "after" are real orderings, not timing luck.
 */
class RulesAtRunTimeOnKafkaTest {

    @RegisterExtension
    static final RealStackExtension STACK = RealStackExtension.builder().kafka().registry().elasticsearch().build();

    static final InMemoryReporter REPORTER = InMemoryReporter.createWithRetainedMetrics();

    @RegisterExtension
    static final MiniClusterExtension FLINK = FlinkCluster.extension(REPORTER);

    /** Every AUTHORIZED payment alerts once its minute closes: seeing it proves the watermark passed a point. */
    static final String SENTINEL = """
            {"id": "sentinel", "version": 1, "stream": "payments",
             "filter": [{"field": "status", "op": "equals", "value": "AUTHORIZED"}],
             "group_by": "user_id", "aggregate": {"function": "count"},
             "window": {"size": "1 min", "slide": "1 min"},
             "threshold": {"comparison": ">=", "value": 1}, "severity": "LOW"}
            """;

    @Test
    void rulesApplyToEventsAfterThemUpdateDisableAndBadRulesGoToTheDlq() throws Exception {
        KafkaJobFixture fixture = new KafkaJobFixture(STACK, "fraud-rules", 1);
        EventSender send = new EventSender(STACK, fixture);
        // Only payments carry data: the empty topics must be declared idle to let event time move.
        JobClient job = fixture.start(fixture.config(Map.of("source.idleness", "1 s")), UnaryOperator.identity(),
                env -> env.setParallelism(1));
        try {
            // Before any rule: six failures of user-a.
            send.payments(failures("a", "user-a", 0, 6));
            fixture.awaitConsumed(Topics.PAYMENTS.name());

            fixture.send(Topics.ALERT_RULES.name(), "r1", Rules.failedPaymentsPerUser("r1", 1, true, 5, "2 min", "1 min"));
            fixture.send(Topics.ALERT_RULES.name(), "sentinel", SENTINEL);
            fixture.send(Topics.ALERT_RULES.name(), "r-bad", "{not json");
            fixture.send(Topics.ALERT_RULES.name(), "r-typo",
                    Rules.failedPaymentsPerUser("r-typo", 1, true, 5, "2 min", "1 min").replace("group_by", "groupby"));
            fixture.awaitConsumed(Topics.ALERT_RULES.name());

            // After r1 v1: six failures of user-b.
            send.payments(failures("b", "user-b", 10, 6));
            send.payments(pushers("p3", 15));
            assertThat(fixture.alerts(a -> sentinelSeen(a, "user-p3"), Duration.ofSeconds(60)))
                    .as("event time passed the user-b windows").anyMatch(a -> a.getKey().equals("user-p3"));

            fixture.send(Topics.ALERT_RULES.name(), "r1", Rules.failedPaymentsPerUser("r1", 2, true, 2, "2 min", "1 min"));
            fixture.awaitConsumed(Topics.ALERT_RULES.name());
            // After v2 (more than 2): three failures of user-c.
            send.payments(failures("c", "user-c", 25, 3));
            send.payments(pushers("p5", 30));
            assertThat(fixture.alerts(a -> sentinelSeen(a, "user-p5"), Duration.ofSeconds(60)))
                    .as("event time passed the user-c windows").anyMatch(a -> a.getKey().equals("user-p5"));

            fixture.send(Topics.ALERT_RULES.name(), "r1", Rules.failedPaymentsPerUser("r1", 3, false, 2, "2 min", "1 min"));
            fixture.awaitConsumed(Topics.ALERT_RULES.name());
            // After v3 disabled it: six failures of user-d.
            send.payments(failures("d", "user-d", 40, 6));
            send.payments(pushers("p7", 45));
            List<Alert> alerts = fixture.alerts(a -> sentinelSeen(a, "user-p7"), Duration.ofSeconds(60));
            assertThat(alerts).as("event time passed the user-d windows").anyMatch(a -> a.getKey().equals("user-p7"));

            List<Alert> r1 = alerts.stream().filter(a -> a.getRuleId().equals("r1")).toList();
            assertThat(r1).extracting(Alert::getKey, Alert::getRuleVersion)
                    .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("user-b", 1),
                            org.assertj.core.groups.Tuple.tuple("user-c", 2));
            assertThat(r1).filteredOn(a -> a.getKey().equals("user-b")).singleElement()
                    .satisfies(a -> assertThat(a.getMatchedEventIds()).hasSize(6).allMatch(id -> id.startsWith("b")));
            assertThat(alerts).extracting(Alert::getAlertId).doesNotHaveDuplicates();

            List<ConsumerRecord<byte[], byte[]>> rejected = fixture.deadLetters(2, Duration.ofSeconds(30));
            assertThat(rejected).extracting(r -> new String(r.key(), StandardCharsets.UTF_8))
                    .containsExactlyInAnyOrder("r-bad", "r-typo");
            assertThat(rejected).extracting(r -> new String(r.headers().lastHeader("dlq.reason").value(),
                    StandardCharsets.UTF_8)).anySatisfy(reason -> assertThat(reason).contains("not a rule in JSON"))
                    .anySatisfy(reason -> assertThat(reason).contains("groupby"));
            assertThat(rejected).allSatisfy(r -> assertThat(new String(
                    r.headers().lastHeader("dlq.source.topic").value(), StandardCharsets.UTF_8))
                    .isEqualTo(fixture.topic(Topics.ALERT_RULES.name())));
        } finally {
            job.cancel().get();
        }
    }

    private static List<Payment> failures(String prefix, String user, int atMinute, int count) {
        List<Payment> payments = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            // A card per payment: these are the rule's events, not a card-testing run.
            payments.add(payment(prefix + i, min(atMinute).plusSeconds(5L * i), "card-" + prefix + i, FAILED, 100, user));
        }
        return payments;
    }

    /** An authorized payment at the minute, and one 5 minutes later that closes the first one's sentinel window. */
    private static List<Payment> pushers(String prefix, int atMinute) {
        return List.of(payment(prefix, min(atMinute), "card-" + prefix, AUTHORIZED, 100, "user-" + prefix),
                payment(prefix + "b", min(atMinute + 5), "card-" + prefix + "b", AUTHORIZED, 100, "user-" + prefix + "b"));
    }

    private static boolean sentinelSeen(List<Alert> alerts, String user) {
        return alerts.stream().anyMatch(a -> a.getRuleId().equals("sentinel") && a.getKey().equals(user));
    }
}
