package io.infometis.streams.fraud.rules;

import static io.infometis.streams.fraud.rules.RuleWindowSnapshotWriter.BREACHING_USER;
import static io.infometis.streams.fraud.rules.RuleWindowSnapshotWriter.OPEN_USER;
import static io.infometis.streams.fraud.rules.RuleWindowSnapshotWriter.RULE_ID;
import static io.infometis.streams.fraud.support.TestEvents.T0;
import static io.infometis.streams.fraud.support.TestEvents.payment;
import static org.assertj.core.api.Assertions.assertThat;

import io.infometis.streams.events.Alert;
import io.infometis.streams.events.PaymentStatus;
import io.infometis.streams.fraud.alerts.AlertIds;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.flink.contrib.streaming.state.EmbeddedRocksDBStateBackend;
import org.apache.flink.runtime.state.KeyedStateBackend;
import org.apache.flink.runtime.state.StateBackend;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.hashmap.HashMapStateBackend;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.OperatorSnapshotUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Upgrades of the {@code rules-evaluate} state, each from a snapshot written by the earlier build (see
 * {@code snapshots/README.md}), restored by the current code on the heap and on RocksDB:
 * <ul>
 *   <li>from caad6e8, whose window family ids were ~80-character strings: the documented loss, windows open at the
 *       upgrade do not alert across it; their state goes at their first window end, and new hits alert as before;
 *   <li>from 637316b, keyed by window shape with a bucket map, a spec and a timer value per key: the keys are the
 *       same, their state is carried over into one value per key, and open windows alert across the upgrade.
 * </ul>
 */
class RuleWindowEvaluatorMigrationHarnessTest {

    private static final String FAMILY_STRINGS = "src/test/resources/snapshots/rules-evaluate-family-strings.snapshot";
    private static final String SHAPE_IDS = "src/test/resources/snapshots/rules-evaluate-shape-ids.snapshot";
    private static final long MINUTE = 60_000;
    private static final long BASE = T0.toEpochMilli();
    private static final List<String> KEYED_STATES = List.of("windows", "buckets", "window-spec", "breach-ends", "next-timer");

    @TempDir
    Path rocksDir;

    private KeyedBroadcastOperatorTestHarness<String, RuleHit, RuleChange, Alert> harness;
    private ActiveFamilies active;

    private void restore(String backend) throws Exception {
        restore(backend, FAMILY_STRINGS);
    }

    private void restore(String backend, String snapshot) throws Exception {
        harness = RuleWindowSnapshotWriter.newHarness();
        harness.setStateBackend(stateBackend(backend));
        harness.initializeState(OperatorSnapshotUtil.readStateHandle(snapshot));
        harness.open();
        active = ActiveFamilies.of(RuleStream.PAYMENTS,
                List.of(RuleParser.parse(RULE_ID, RuleWindowSnapshotWriter.ruleJson())));
    }

    private StateBackend stateBackend(String backend) {
        if (backend.equals("rocksdb")) {
            EmbeddedRocksDBStateBackend rocks = new EmbeddedRocksDBStateBackend();
            rocks.setDbStoragePath(rocksDir.toString());
            return rocks;
        }
        return new HashMapStateBackend();
    }

    @AfterEach
    void close() throws Exception {
        if (harness != null) {
            harness.close();
        }
    }

    private void failedPayments(String user, Duration at, int count) throws Exception {
        for (int i = 0; i < count; i++) {
            RuleWindowSnapshotWriter.send(harness, active, payment(user + "-new-" + i, at, "card-" + user,
                    PaymentStatus.FAILED, 100, user));
        }
    }

    private Set<String> keysWithState() {
        return keysWithState(KEYED_STATES);
    }

    private Set<String> keysWithState(List<String> states) {
        KeyedStateBackend<Object> backend = harness.getOperator().getKeyedStateBackend();
        return states.stream()
                .flatMap(state -> backend.getKeys(state, VoidNamespace.INSTANCE))
                .map(String::valueOf)
                .collect(Collectors.toSet());
    }

    @ParameterizedTest(name = "on {0}")
    @ValueSource(strings = {"heap", "rocksdb"})
    void theOldBuildsStateRestoresItsRulesAndOpenWindowsAndTheWindowsAreClearedAtTheirEnd(String backend)
            throws Exception {
        restore(backend);

        assertThat(harness.getBroadcastState(RuleBroadcast.RULES).get(RULE_ID)).as("the rule set restored")
                .isEqualTo(RuleWindowSnapshotWriter.ruleJson());
        assertThat(keysWithState()).as("the old build's keys: family description + group")
                .hasSize(2)
                .allMatch(key -> key.startsWith("payments where status EQUALS [FAILED] by user_id"))
                .anyMatch(key -> key.endsWith(OPEN_USER))
                .anyMatch(key -> key.endsWith(BREACHING_USER));
        assertThat(harness.numEventTimeTimers()).as("one per old key").isEqualTo(2);

        harness.watermark(BASE + MINUTE - 2);
        assertThat(keysWithState()).as("open until their first window end").hasSize(2);

        harness.watermark(BASE + MINUTE - 1);
        assertThat(keysWithState()).as("cleared at their first window end after the upgrade").isEmpty();
        assertThat(harness.numEventTimeTimers()).isZero();
        assertThat(harness.extractOutputValues())
                .as("the documented loss: six failed payments of %s before the upgrade, no alert", BREACHING_USER)
                .isEmpty();
    }

    @ParameterizedTest(name = "on {0}")
    @ValueSource(strings = {"heap", "rocksdb"})
    void hitsAfterTheUpgradeAlertAsBeforeButWindowsOpenAtTheUpgradeDoNotAlertAcrossIt(String backend)
            throws Exception {
        restore(backend);

        failedPayments(OPEN_USER, Duration.ofSeconds(20), 3);   // 3 before + 3 after: the old build would alert
        failedPayments("u-new", Duration.ofSeconds(20), 6);     // all after the upgrade
        harness.watermark(BASE + 10 * MINUTE);

        assertThat(harness.extractOutputValues()).singleElement().satisfies(alert -> {
            assertThat(alert.getKey()).isEqualTo("u-new");
            assertThat(alert.getRuleId()).isEqualTo(RULE_ID);
            assertThat(alert.getAlertId())
                    .isEqualTo(AlertIds.forRuleWindow(RULE_ID, 1, "u-new", BASE - MINUTE, BASE + MINUTE));
            assertThat(alert.getSummary()).contains("count = 6 > 5", "user_id=u-new");
            assertThat(alert.getMatchedEventIds()).hasSize(RuleWindowSnapshotWriter.MAX_EVENT_IDS)
                    .allMatch(id -> id.startsWith("u-new-new-"));
        });
        assertThat(keysWithState()).as("no state left once every window closed").isEmpty();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @ParameterizedTest(name = "on {0}")
    @ValueSource(strings = {"heap", "rocksdb"})
    void windowsOpenAtTheUpgradeFromBucketMapsAreCarriedOverAndAlertAcrossIt(String backend) throws Exception {
        restore(backend, SHAPE_IDS);
        assertThat(keysWithState(List.of("buckets", "window-spec", "next-timer")))
                .as("637316b's keys: shape id prefix + group, in its three states")
                .containsExactlyInAnyOrder(RuleHit.key(WindowShape.id(RuleParser.parse(RULE_ID,
                                RuleWindowSnapshotWriter.ruleJson())), OPEN_USER),
                        RuleHit.key(WindowShape.id(RuleParser.parse(RULE_ID, RuleWindowSnapshotWriter.ruleJson())),
                                BREACHING_USER));
        assertThat(harness.numEventTimeTimers()).as("one per key").isEqualTo(2);

        // u-open is touched by a hit first (3 before + 3 after: 6 > 5); u-breaching only by its timer.
        failedPayments(OPEN_USER, Duration.ofSeconds(20), 3);
        assertThat(keysWithState(List.of("buckets", "window-spec", "next-timer"))).as("u-open moved to one value")
                .singleElement().satisfies(key -> assertThat(key).endsWith(BREACHING_USER));
        harness.watermark(BASE + MINUTE - 1);

        assertThat(harness.extractOutputValues()).as("one alert each for the window [T0 - 1 min, T0 + 1 min)")
                .hasSize(2)
                .allSatisfy(alert -> {
                    assertThat(alert.getAlertId()).isEqualTo(AlertIds.forRuleWindow(RULE_ID, 1, alert.getKey(),
                            BASE - MINUTE, BASE + MINUTE));
                    assertThat(alert.getSummary()).contains("count = 6 > 5");
                    assertThat(alert.getMatchedEventIds()).as("the oldest ids first: from before the upgrade")
                            .hasSize(RuleWindowSnapshotWriter.MAX_EVENT_IDS)
                            .allMatch(id -> id.startsWith(alert.getKey() + "-old-"));
                })
                .extracting(Alert::getKey).containsExactlyInAnyOrder(OPEN_USER, BREACHING_USER);
        assertThat(keysWithState(List.of("buckets", "window-spec", "next-timer"))).as("nothing left in the old layout")
                .isEmpty();

        harness.watermark(BASE + 10 * MINUTE);
        assertThat(harness.extractOutputValues()).as("the next window [T0, T0 + 2 min) continues the episode")
                .hasSize(2);
        assertThat(keysWithState()).as("no state left once every window closed").isEmpty();
        assertThat(harness.numEventTimeTimers()).isZero();
    }
}
