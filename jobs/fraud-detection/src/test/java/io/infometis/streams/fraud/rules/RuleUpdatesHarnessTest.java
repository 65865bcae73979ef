package io.infometis.streams.fraud.rules;

import static io.infometis.streams.fraud.support.TestEvents.ruleRecord;
import static org.assertj.core.api.Assertions.assertThat;

import io.infometis.streams.common.deadletter.DeadLetter;
import io.infometis.streams.common.kafka.KafkaRecord;
import io.infometis.streams.fraud.support.Rules;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.apache.flink.util.OutputTag;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Parsing, validation and versioning of rule records, keyed by rule id, on the operator test harness. */
class RuleUpdatesHarnessTest {

    private static final OutputTag<DeadLetter> REJECTED = new OutputTag<>("rejected", TypeInformation.of(DeadLetter.class));

    private KeyedOneInputStreamOperatorTestHarness<String, KafkaRecord, RuleChange> harness;

    @BeforeEach
    void open() throws Exception {
        harness = ProcessFunctionTestHarnesses.forKeyedProcessFunction(new RuleUpdates("fraud-test", REJECTED),
                r -> r.key == null ? "" : r.key, Types.STRING);
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    private void send(String key, String json) throws Exception {
        harness.processElement(ruleRecord(key, json), 0);
    }

    private List<String> changes() {
        return harness.extractOutputValues().stream().map(RuleChange::toString).toList();
    }

    private List<String> reasons() {
        return harness.getSideOutput(REJECTED) == null ? List.of()
                : harness.getSideOutput(REJECTED).stream().map(StreamRecord::getValue).map(l -> l.reason).toList();
    }

    @Test
    void aValidRuleAndAHigherVersionAreAccepted() throws Exception {
        send("r1", Rules.failedPaymentsPerUser("r1", 1, true, 5, "2 min", "1 min"));
        send("r1", Rules.failedPaymentsPerUser("r1", 2, false, 5, "2 min", "1 min"));

        assertThat(changes()).containsExactly("r1 v1", "r1 v2");
        assertThat(reasons()).isEmpty();
    }

    @Test
    void aStaleVersionIsRejectedAndTheActiveOneStays() throws Exception {
        send("r1", Rules.failedPaymentsPerUser("r1", 2, true, 5, "2 min", "1 min"));
        send("r1", Rules.failedPaymentsPerUser("r1", 2, true, 9, "2 min", "1 min"));
        send("r1", Rules.failedPaymentsPerUser("r1", 1, true, 9, "2 min", "1 min"));

        assertThat(changes()).containsExactly("r1 v2");
        assertThat(reasons()).hasSize(2).allSatisfy(r -> assertThat(r).contains("is not newer than the active version 2"));
    }

    @Test
    void aBadRuleGoesToTheDeadLettersWithItsBytesAndDoesNotAffectOthers() throws Exception {
        send("r1", Rules.failedPaymentsPerUser("r1", 1, true, 5, "2 min", "1 min"));
        send("r2", "{\"id\": \"r2\"}");
        send("r3", Rules.failedPaymentsPerUser("r3", 1, true, 5, "2 min", "1 min"));

        assertThat(changes()).containsExactly("r1 v1", "r3 v1");
        DeadLetter letter = harness.getSideOutput(REJECTED).poll().getValue();
        assertThat(letter.reason).startsWith("invalid rule: version: expected an integer >= 1");
        assertThat(new String(letter.key, StandardCharsets.UTF_8)).isEqualTo("r2");
        assertThat(new String(letter.value, StandardCharsets.UTF_8)).isEqualTo("{\"id\": \"r2\"}");
        assertThat(letter.sourceTopic).isEqualTo("alert-rules");
        assertThat(letter.job).isEqualTo("fraud-test");
    }

    @Test
    void aTombstoneDeletesAndThenAnyVersionMayStartAgain() throws Exception {
        send("r1", Rules.failedPaymentsPerUser("r1", 4, true, 5, "2 min", "1 min"));
        send("r1", null);
        send("r1", null);
        send("r1", Rules.failedPaymentsPerUser("r1", 1, true, 5, "2 min", "1 min"));

        assertThat(changes()).containsExactly("r1 v4", "delete r1", "r1 v1");
    }

    @Test
    void aRecordWithoutKeyIsRejected() throws Exception {
        send(null, Rules.failedPaymentsPerUser("r1", 1, true, 5, "2 min", "1 min"));

        assertThat(changes()).isEmpty();
        assertThat(reasons()).singleElement().asString().contains("without a key");
    }
}
