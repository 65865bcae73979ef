package io.infometis.streams.fraud.rules;

import io.infometis.streams.common.deadletter.DeadLetter;
import io.infometis.streams.common.kafka.KafkaRecord;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns raw records of the {@code alert-rules} topic (keyed by rule id) into accepted {@link RuleChange}s: parses
 * and validates each rule, and keeps the active version per rule id so that an update must carry a higher version.
 * A rule that fails (bad JSON, bad field, stale version, key/id mismatch) goes to the dead-letter output with the
 * reason, and the rule that was active before stays active; no other rule is affected. A tombstone deletes.
 */
public final class RuleUpdates extends KeyedProcessFunction<String, KafkaRecord, RuleChange> {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(RuleUpdates.class);

    private final String jobName;
    private final OutputTag<DeadLetter> rejected;
    private transient ValueState<Integer> activeVersion;

    public RuleUpdates(String jobName, OutputTag<DeadLetter> rejected) {
        this.jobName = jobName;
        this.rejected = rejected;
    }

    @Override
    public void open(OpenContext openContext) {
        activeVersion = getRuntimeContext().getState(new ValueStateDescriptor<>("active-version", Types.INT));
    }

    @Override
    public void processElement(KafkaRecord record, Context ctx, Collector<RuleChange> out) throws Exception {
        if (record.key == null || record.key.isEmpty()) {
            reject(ctx, record, "rule record without a key: the key must be the rule id");
            return;
        }
        if (record.isTombstone()) {
            if (activeVersion.value() != null) {
                activeVersion.clear();
                LOG.info("Rule {} deleted", record.key);
                out.collect(RuleChange.delete(record.key));
            }
            return;
        }
        String json = new String(record.value, StandardCharsets.UTF_8);
        Rule rule;
        try {
            rule = RuleParser.parse(record.key, json);
        } catch (InvalidRuleException e) {
            reject(ctx, record, e.getMessage());
            return;
        }
        Integer active = activeVersion.value();
        if (active != null && rule.version() <= active) {
            reject(ctx, record, "invalid rule: version " + rule.version() + " of rule " + rule.id()
                    + " is not newer than the active version " + active + " (an update needs a higher version)");
            return;
        }
        activeVersion.update(rule.version());
        LOG.info("Rule {} v{} accepted ({}): {}", rule.id(), rule.version(), rule.enabled() ? "enabled" : "disabled",
                rule.describe());
        out.collect(RuleChange.upsert(rule.id(), rule.version(), json));
    }

    private void reject(Context ctx, KafkaRecord record, String reason) {
        LOG.warn("Rule record {} rejected: {}", record, reason);
        DeadLetter letter = DeadLetter.of(jobName, record.topic, record.key, record.value, reason)
                .withErrorClass(InvalidRuleException.class.getName());
        letter.partition = record.partition;
        letter.offset = record.offset;
        letter.timestamp = record.timestamp;
        ctx.output(rejected, letter);
    }
}
