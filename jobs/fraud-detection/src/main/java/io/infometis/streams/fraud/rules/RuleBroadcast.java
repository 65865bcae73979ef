package io.infometis.streams.fraud.rules;

import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The broadcast rule set: rule id to validated JSON. Broadcast state holds strings only, which survive any change
 * to the rule classes between savepoint and restore; each operator keeps the parsed rules in a {@link ParsedRules}.
 */
public final class RuleBroadcast {

    public static final MapStateDescriptor<String, String> RULES =
            new MapStateDescriptor<>("rules", Types.STRING, Types.STRING);

    /**
     * Rule id to the evaluator's watermark when the rule's current version reached it: a rule counts only the
     * window buckets that start at or after it. Written by the evaluator only (the fan-out needs no time).
     */
    public static final MapStateDescriptor<String, Long> ACTIVATIONS =
            new MapStateDescriptor<>("rule-activations", Types.STRING, Types.LONG);

    private static final Logger LOG = LoggerFactory.getLogger(RuleBroadcast.class);

    private RuleBroadcast() {}

    /** Parses JSON that was validated when it arrived; null (and a log line) if this build no longer accepts it. */
    static Rule parse(String ruleId, String json) {
        try {
            return RuleParser.parse(ruleId, json);
        } catch (InvalidRuleException e) {
            LOG.error("Rule {} in state is no longer valid and is ignored: {}", ruleId, e.getMessage());
            return null;
        }
    }
}
