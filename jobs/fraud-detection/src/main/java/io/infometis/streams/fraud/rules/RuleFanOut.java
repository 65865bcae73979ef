package io.infometis.streams.fraud.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.streaming.api.functions.co.BroadcastProcessFunction;
import org.apache.flink.util.Collector;
import io.infometis.streams.fraud.events.EventAccess;

/**
 * First half of rule evaluation, on one event stream: every event is checked against every enabled rule of its
 * stream, and each rule it passes yields a {@link RuleHit} keyed by (rule, group value).
 *
 * <p>Why a fan-out and a keyed evaluator rather than one operator: the per-event work here is stateless (filters
 * over a transient index of the rules of this stream) and runs in parallel on any subtask; the windows live in the
 * keyed evaluator, spread over the cluster by (rule, group value), so 1,000 rules cost 1,000 filter checks per
 * event and state only for the groups that actually match, never 1,000 windows per event.
 */
public final class RuleFanOut<T extends SpecificRecord> extends BroadcastProcessFunction<T, RuleChange, RuleHit> {

    private static final long serialVersionUID = 1L;

    private final RuleStream stream;
    private final EventAccess<T> access;
    private transient List<Rule> activeRules;

    public RuleFanOut(RuleStream stream, EventAccess<T> access) {
        this.stream = stream;
        this.access = access;
    }

    @Override
    public void processBroadcastElement(RuleChange change, Context ctx, Collector<RuleHit> out) throws Exception {
        BroadcastState<String, String> rules = ctx.getBroadcastState(RuleBroadcast.RULES);
        if (change.isDelete()) {
            rules.remove(change.ruleId);
        } else {
            rules.put(change.ruleId, change.json);
        }
        activeRules = null;
    }

    @Override
    public void processElement(T event, ReadOnlyContext ctx, Collector<RuleHit> out) throws Exception {
        List<Rule> rules = activeRules(ctx.getBroadcastState(RuleBroadcast.RULES));
        for (Rule rule : rules) {
            if (!rule.matches(event)) {
                continue;
            }
            String group = rule.groupValue(event);
            Double value = rule.aggregateInput(event);
            if (group == null || value == null) {
                continue;
            }
            RuleHit hit = new RuleHit();
            hit.ruleId = rule.id();
            hit.ruleVersion = rule.version();
            hit.groupValue = group;
            hit.eventId = access.eventId(event);
            hit.eventTime = access.eventTime(event);
            hit.value = value;
            hit.windowSizeMillis = rule.windowSizeMillis();
            hit.slideMillis = rule.slideMillis();
            out.collect(hit);
        }
    }

    /** The enabled rules of this stream, re-read from broadcast state only after it changed (or a restore). */
    private List<Rule> activeRules(ReadOnlyBroadcastState<String, String> state) throws Exception {
        if (activeRules == null) {
            List<Rule> rules = new ArrayList<>();
            for (Map.Entry<String, String> e : state.immutableEntries()) {
                Rule rule = RuleBroadcast.parse(e.getKey(), e.getValue());
                if (rule != null && rule.enabled() && rule.stream() == stream) {
                    rules.add(rule);
                }
            }
            activeRules = rules;
        }
        return activeRules;
    }
}
