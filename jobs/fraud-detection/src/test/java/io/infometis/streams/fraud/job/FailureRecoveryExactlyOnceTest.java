package io.infometis.streams.fraud.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.infometis.streams.events.Alert;
import io.infometis.streams.events.Payment;
import io.infometis.streams.fraud.support.ExpectedAlerts;
import io.infometis.streams.fraud.support.FlinkCluster;
import io.infometis.streams.fraud.support.KafkaJobFixture;
import io.infometis.streams.generator.BadRecordKind;
import io.infometis.streams.generator.GeneratedRecord;
import io.infometis.streams.generator.Generator;
import io.infometis.streams.generator.GeneratorSettings;
import io.infometis.streams.generator.ScenarioKind;
import io.infometis.streams.testing.RealStackExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A job that fails mid-stream (an injected exception after a completed checkpoint) and restarts from that
 * checkpoint still yields exactly the expected alerts: no duplicates in {@code alerts} (read_committed: the
 * aborted transaction's alerts are never seen) and one Elasticsearch document per alert (upsert by alert id).
 */
class FailureRecoveryExactlyOnceTest {

    @RegisterExtension
    static final RealStackExtension STACK = RealStackExtension.builder().kafka().registry().elasticsearch().build();

    static final InMemoryReporter REPORTER = InMemoryReporter.createWithRetainedMetrics();

    @RegisterExtension
    static final MiniClusterExtension FLINK = FlinkCluster.extension(REPORTER);

    static final Instant START = Instant.parse("2025-02-01T00:00:00Z");

    static final AtomicBoolean CHECKPOINTED = new AtomicBoolean();
    static final AtomicBoolean FAILED = new AtomicBoolean();
    static final AtomicInteger FAILURES = new AtomicInteger();

    /** Throws once, on the first payment after the split point seen after a completed checkpoint. */
    static final class FailOnceAfterCheckpoint extends RichMapFunction<Payment, Payment> implements CheckpointListener {
        private static final long serialVersionUID = 1L;
        private final long splitTime;

        FailOnceAfterCheckpoint(long splitTime) {
            this.splitTime = splitTime;
        }

        @Override
        public Payment map(Payment p) {
            if (CHECKPOINTED.get() && p.getEventTime().toEpochMilli() > splitTime && FAILED.compareAndSet(false, true)) {
                FAILURES.incrementAndGet();
                throw new IllegalStateException("injected failure (test)");
            }
            return p;
        }

        @Override
        public void notifyCheckpointComplete(long checkpointId) {
            CHECKPOINTED.set(true);
        }
    }

    @Test
    void aJobRestartedFromItsCheckpointYieldsEachAlertOnceInKafkaAndElasticsearch() throws Exception {
        GeneratorSettings.Builder builder = GeneratorSettings.builder()
                .seed(11).users(30).cards(60).count(1000).eventRate(0.5).start(START)
                .every(ScenarioKind.CARD_TESTING, 120)
                .every(ScenarioKind.ACCOUNT_TAKEOVER, 100)
                .every(ScenarioKind.UNPAID_ORDER, 100);
        for (BadRecordKind kind : BadRecordKind.values()) {
            builder.every(kind, 0);
        }
        Generator.Run run = Generator.run(builder.build());
        List<ExpectedAlerts.Detection> expected = ExpectedAlerts.of(run.groundTruth());
        List<GeneratedRecord> records = run.records();
        int half = records.size() / 2;
        long splitTime = records.get(half).eventTime();

        KafkaJobFixture fixture = new KafkaJobFixture(STACK, "fraud-failure", 4);
        fixture.write(records.subList(0, half));
        JobClient job = fixture.start(fixture.config(Map.of()),
                in -> in.mapPayments(p -> p.map(new FailOnceAfterCheckpoint(splitTime))
                        .returns(new AvroTypeInfo<>(Payment.class)).uid("test-fail-once").name("test: fail once")),
                env -> {
                    Configuration restart = new Configuration();
                    restart.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
                    restart.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 3);
                    restart.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(500));
                    env.configure(restart);
                });
        try {
            // Some alerts committed = a checkpoint completed with state and transactions worth restoring.
            assertThat(fixture.alerts(a -> !a.isEmpty(), Duration.ofSeconds(90))).isNotEmpty();
            fixture.write(records.subList(half, records.size()));

            List<Alert> alerts = fixture.alerts(a -> a.size() >= expected.size(), Duration.ofSeconds(120));

            assertThat(FAILURES).hasValue(1);
            assertThat(ExpectedAlerts.of(alerts)).containsExactlyInAnyOrderElementsOf(expected);
            assertThat(alerts).extracting(Alert::getAlertId).doesNotHaveDuplicates();
            Set<String> ids = alerts.stream().map(Alert::getAlertId).collect(Collectors.toSet());
            KafkaJobFixture.await("one Elasticsearch document per alert", Duration.ofSeconds(30), () -> {
                try {
                    return fixture.documents("alerts-2025.02").stream().map(d -> d.get("_id").asText())
                            .collect(Collectors.toSet()).equals(ids);
                } catch (Exception e) {
                    return false;
                }
            });
            assertThat(fixture.documents("alerts-2025.02")).hasSize(expected.size());
        } finally {
            job.cancel().get();
        }
    }
}
