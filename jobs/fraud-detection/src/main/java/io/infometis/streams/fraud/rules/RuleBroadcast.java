package io.infometis.streams.fraud.rules;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.typeinfo.Types;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The broadcast rule set (rule id to validated JSON) and a per-operator cache of the parsed rules. Broadcast state
 * holds strings only; the parsed {@link Rule} objects are transient and rebuilt from it after a restore.
 */
public final class RuleBroadcast {

    public static final MapStateDescriptor<String, String> RULES =
            new MapStateDescriptor<>("rules", Types.STRING, Types.STRING);

    /**
     * Rule id to the evaluator's watermark when the rule's current version reached it: a rule counts only the
     * window buckets that start after it. Written by the evaluator only (the fan-out needs no time).
     */
    public static final MapStateDescriptor<String, Long> ACTIVATIONS =
            new MapStateDescriptor<>("rule-activations", Types.STRING, Types.LONG);

    private static final Logger LOG = LoggerFactory.getLogger(RuleBroadcast.class);

    private final Map<String, Cached> cache = new HashMap<>();

    private record Cached(String json, Rule rule) {}

    /** The current rule with that id, or null when there is none (deleted, never seen, or unreadable). */
    public Rule rule(ReadOnlyBroadcastState<String, String> rules, String ruleId) throws Exception {
        String json = rules.get(ruleId);
        if (json == null) {
            cache.remove(ruleId);
            return null;
        }
        Cached cached = cache.get(ruleId);
        if (cached != null && cached.json.equals(json)) {
            return cached.rule;
        }
        Rule rule = parse(ruleId, json);
        cache.put(ruleId, new Cached(json, rule));
        return rule;
    }

    /** Every rule of the broadcast entries that this build can read. */
    static List<Rule> parseAll(Iterable<Map.Entry<String, String>> entries) {
        List<Rule> rules = new ArrayList<>();
        for (Map.Entry<String, String> e : entries) {
            Rule rule = parse(e.getKey(), e.getValue());
            if (rule != null) {
                rules.add(rule);
            }
        }
        return rules;
    }

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
