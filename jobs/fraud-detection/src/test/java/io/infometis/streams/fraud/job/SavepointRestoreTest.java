package io.infometis.streams.fraud.job;

import static io.infometis.streams.events.OrderStatus.CREATED;
import static io.infometis.streams.events.OrderStatus.PAID;
import static io.infometis.streams.events.PaymentStatus.AUTHORIZED;
import static io.infometis.streams.events.PaymentStatus.FAILED;
import static io.infometis.streams.events.UserEventType.PASSWORD_CHANGED;
import static io.infometis.streams.fraud.support.TestEvents.login;
import static io.infometis.streams.fraud.support.TestEvents.min;
import static io.infometis.streams.fraud.support.TestEvents.order;
import static io.infometis.streams.fraud.support.TestEvents.payment;
import static io.infometis.streams.fraud.support.TestEvents.userEvent;
import static org.assertj.core.api.Assertions.assertThat;

import io.infometis.streams.events.Alert;
import io.infometis.streams.events.Topics;
import io.infometis.streams.fraud.support.EventSender;
import io.infometis.streams.fraud.support.ExpectedAlerts.Detection;
import io.infometis.streams.fraud.support.ExpectedAlerts;
import io.infometis.streams.fraud.support.FlinkCluster;
import io.infometis.streams.fraud.support.KafkaJobFixture;
import io.infometis.streams.testing.RealStackExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stop with a savepoint while every pattern and a rule window are half way, restart a new job from it (same uids),
 * send the rest: every pattern in progress completes. The new job starts from the savepoint's offsets, so the first
 * half is never re-read: each alert below needs state that only the savepoint carried.
 */
class SavepointRestoreTest {

    @RegisterExtension
    static final RealStackExtension STACK = RealStackExtension.builder().kafka().registry().elasticsearch().build();

    static final InMemoryReporter REPORTER = InMemoryReporter.createWithRetainedMetrics();

    @RegisterExtension
    static final MiniClusterExtension FLINK = FlinkCluster.extension(REPORTER);

    static final String RULE = """
            {"id": "failures-per-card", "version": 1, "stream": "payments",
             "filter": [{"field": "status", "op": "equals", "value": "FAILED"}],
             "group_by": "card_fingerprint", "aggregate": {"function": "count"},
             "window": {"size": "10 min", "slide": "1 min"},
             "threshold": {"comparison": ">=", "value": 5}, "severity": "HIGH"}
            """;

    @Test
    void patternsAndRuleWindowsInProgressCompleteAfterARestoreFromASavepoint(@TempDir Path savepoints)
            throws Exception {
        KafkaJobFixture fixture = new KafkaJobFixture(STACK, "fraud-savepoint", 1);
        EventSender send = new EventSender(STACK, fixture);
        // One partition per topic and parallelism 1: every source reader has a partition with data in both halves,
        // so none is ever declared idle (an idle source lets the others' event time run ahead of its events).
        Map<String, String> keys = Map.of();

        JobClient first = fixture.start(fixture.config(keys), UnaryOperator.identity(), env -> env.setParallelism(1));
        fixture.send(Topics.ALERT_RULES.name(), "failures-per-card", RULE);
        KafkaJobFixture.await("the rule in a checkpoint", Duration.ofSeconds(60),
                () -> consumed(fixture, Topics.ALERT_RULES.name()));

        // First halves: 3 failures (card testing and the rule), new-country login + change (takeover), an order.
        send.payments(List.of(payment("f1", min(0), "card-x", FAILED), payment("f2", min(1), "card-x", FAILED),
                payment("f3", min(2), "card-x", FAILED)));
        send.userEvents(List.of(login("home", min(-60), "user-ato", "FR"), login("login", min(0), "user-ato", "BR"),
                userEvent("change", min(1), "user-ato", PASSWORD_CHANGED, "BR")));
        send.orders(List.of(order("unpaid", min(2), "order-unpaid", "user-u", CREATED, 3_000)));
        KafkaJobFixture.await("the first halves in a checkpoint", Duration.ofSeconds(60),
                () -> consumed(fixture, Topics.PAYMENTS.name()) && consumed(fixture, Topics.USER_EVENTS.name())
                        && consumed(fixture, Topics.ORDERS.name()));
        String savepoint = first.stopWithSavepoint(false, savepoints.toUri().toString(), SavepointFormatType.CANONICAL)
                .get();

        // Second halves, then traffic an hour later so every window and timeout closes.
        send.payments(List.of(payment("f4", min(3), "card-x", FAILED), payment("f5", min(4), "card-x", FAILED),
                payment("ok", min(5), "card-x", AUTHORIZED), payment("tail", min(60), "card-tail", AUTHORIZED)));
        send.orders(List.of(order("big", min(5), "order-ato", "user-ato", CREATED, 80_000),
                order("big-paid", min(6), "order-ato", "user-ato", PAID, 80_000),
                order("tail-o", min(60), "order-tail", "user-tail", CREATED, 10)));
        send.userEvents(List.of(login("tail-u", min(60), "user-tail", "FR")));

        JobClient second = fixture.start(fixture.config(keys), UnaryOperator.identity(), env -> {
            Configuration restore = new Configuration();
            restore.set(StateRecoveryOptions.SAVEPOINT_PATH, savepoint);
            env.configure(restore);
            env.setParallelism(1);
        });
        try {
            List<Alert> alerts = fixture.alerts(a -> a.size() >= 4, Duration.ofSeconds(90));

            assertThat(ExpectedAlerts.of(alerts)).containsExactlyInAnyOrder(
                    new Detection("card-testing", "card-x", List.of("f1", "f2", "f3", "f4", "f5", "ok")),
                    new Detection("account-takeover", "user-ato", List.of("login", "change", "big")),
                    new Detection("unpaid-order", "order-unpaid", List.of("unpaid")),
                    new Detection("failures-per-card", "card-x", List.of("f1", "f2", "f3", "f4", "f5")));
        } finally {
            second.cancel().get();
        }
    }

    private static boolean consumed(KafkaJobFixture fixture, String topic) {
        try {
            return fixture.consumedAll(topic);
        } catch (Exception e) {
            return false;
        }
    }
}
