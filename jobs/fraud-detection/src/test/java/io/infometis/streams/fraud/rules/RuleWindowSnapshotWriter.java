package io.infometis.streams.fraud.rules;

import static io.infometis.streams.fraud.support.TestEvents.T0;
import static io.infometis.streams.fraud.support.TestEvents.payment;

import io.infometis.streams.events.Alert;
import io.infometis.streams.events.Payment;
import io.infometis.streams.events.PaymentStatus;
import io.infometis.streams.fraud.support.Rules;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.checkpoint.SavepointType;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.OperatorSnapshotUtil;

/**
 * Writes a savepoint snapshot of the rule window evaluator ({@code rules-evaluate}) holding open windows, for the
 * test that restores an earlier build's state with the current code. Not a test: run it with the build whose state
 * you want to keep (see {@code src/test/resources/snapshots/README.md}). The events go through the fan-out's own
 * {@link ActiveFamilies#match} and the keying the job uses ({@link RuleHit#evaluationKey}), so this class writes the
 * state layout of whatever build it runs in.
 *
 * <p>The state: rule r1 (count of failed payments per user &gt; 5 in 2 min windows sliding by 1 min), three failed
 * payments of {@value #OPEN_USER} and six of {@value #BREACHING_USER} at T0 + 10 s, no watermark yet: windows
 * [T0 - 1 min, T0 + 1 min) and [T0, T0 + 2 min) open for both users.
 */
public final class RuleWindowSnapshotWriter {

    static final String RULE_ID = "r1";
    static final String OPEN_USER = "u-open";
    static final String BREACHING_USER = "u-breaching";
    static final int MAX_PARALLELISM = 128;
    static final int MAX_EVENT_IDS = 3;

    private RuleWindowSnapshotWriter() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: RuleWindowSnapshotWriter <snapshot file to write>");
        }
        try (KeyedBroadcastOperatorTestHarness<String, RuleHit, RuleChange, Alert> harness = newHarness()) {
            harness.open();
            String json = ruleJson();
            harness.processBroadcastElement(RuleChange.upsert(RULE_ID, 1, json), 0);
            ActiveFamilies active = ActiveFamilies.of(RuleStream.PAYMENTS, List.of(RuleParser.parse(RULE_ID, json)));
            for (int i = 0; i < 3; i++) {
                send(harness, active, payment(OPEN_USER + "-old-" + i, Duration.ofSeconds(10), "card-1",
                        PaymentStatus.FAILED, 100, OPEN_USER));
            }
            for (int i = 0; i < 6; i++) {
                send(harness, active, payment(BREACHING_USER + "-old-" + i, Duration.ofSeconds(10), "card-2",
                        PaymentStatus.FAILED, 100, BREACHING_USER));
            }
            Path target = Path.of(args[0]);
            Files.createDirectories(target.toAbsolutePath().getParent());
            // A savepoint in the canonical format, as an upgrade takes it (and restorable on any state backend).
            OperatorSnapshotUtil.writeStateHandle(harness.snapshotWithLocalState(1, T0.toEpochMilli(),
                    SavepointType.savepoint(SavepointFormatType.CANONICAL)).getJobManagerOwnedState(),
                    target.toString());
        }
    }

    static String ruleJson() {
        return Rules.failedPaymentsPerUser(RULE_ID, 1, true, 5, "2 min", "1 min");
    }

    /** A harness as the job runs the evaluator: String keys from {@link RuleHit#evaluationKey}, max parallelism 128. */
    static KeyedBroadcastOperatorTestHarness<String, RuleHit, RuleChange, Alert> newHarness() throws Exception {
        return new KeyedBroadcastOperatorTestHarness<>(
                new CoBroadcastWithKeyedOperator<>(new RuleWindowEvaluator(MAX_EVENT_IDS),
                        List.of(RuleBroadcast.RULES, RuleBroadcast.ACTIVATIONS)),
                RuleHit::evaluationKey, Types.STRING, MAX_PARALLELISM, 1, 0);
    }

    static void send(KeyedBroadcastOperatorTestHarness<String, RuleHit, RuleChange, Alert> harness,
            ActiveFamilies active, Payment payment) throws Exception {
        long time = payment.getEventTime().toEpochMilli();
        int hits = active.match(payment, payment.getEventId(), time, hit -> {
            try {
                harness.processElement(hit, time);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        if (hits != 1) {
            throw new IllegalStateException("expected one hit per payment, got " + hits);
        }
    }
}
