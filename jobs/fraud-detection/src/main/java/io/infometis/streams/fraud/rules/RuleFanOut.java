package io.infometis.streams.fraud.rules;

import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.streaming.api.functions.co.BroadcastProcessFunction;
import org.apache.flink.util.Collector;
import io.infometis.streams.fraud.events.EventAccess;

/**
 * First half of rule evaluation, on one event stream: every event is checked against the enabled rules of its
 * stream, grouped into {@link WindowFamily window families} and {@link WindowShape window shapes}, and each shape it
 * belongs to yields one {@link RuleHit} keyed by (shape, group value), listing the families it counts in.
 *
 * <p>Why a fan-out and a keyed evaluator rather than one operator: the per-event work here is stateless (filters
 * over a transient index of the rules of this stream) and runs in parallel on any subtask; the windows live in the
 * keyed evaluator, spread over the cluster by (shape, group value), so state exists only for the groups that
 * actually match, and rules sharing a window shape share its state.
 */
public final class RuleFanOut<T extends SpecificRecord> extends BroadcastProcessFunction<T, RuleChange, RuleHit> {

    private static final long serialVersionUID = 1L;

    private final RuleStream stream;
    private final EventAccess<T> access;
    private transient ParsedRules parsed;
    private transient ActiveFamilies active;

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
        parsed().apply(change);
        active = null;
    }

    @Override
    public void processElement(T event, ReadOnlyContext ctx, Collector<RuleHit> out) throws Exception {
        if (active == null) {
            // Rebuilt only after the rule set changed (or a restore): broadcast state holds JSON, not parsed rules.
            active = ActiveFamilies.of(stream, parsed().all(ctx.getBroadcastState(RuleBroadcast.RULES)));
        }
        active.match(event, access.eventId(event), access.eventTime(event), out::collect);
    }

    private ParsedRules parsed() {
        if (parsed == null) {
            parsed = new ParsedRules();
        }
        return parsed;
    }
}
