package io.infometis.streams.fraud.rules;

import io.infometis.streams.events.Alert;
import io.infometis.streams.fraud.alerts.AlertIds;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Second half of rule evaluation, keyed by (rule, group value): sliding event-time windows built from slide-long
 * buckets in MapState, closed by event-time timers at each window end.
 *
 * <p>Why buckets instead of Flink's window operator: the window shape differs per rule and changes at run time,
 * which a fixed {@code window(...)} cannot express; a bucket per slide means a hit is stored once (not once per
 * overlapping window), and a timer per window end computes the window from its size/slide buckets. Buckets no later
 * window can use are dropped as each window closes, and a key whose buckets are all gone leaves no state behind.
 *
 * <p>A window fires only if its rule is still enabled at the same version when the window closes: a disabled,
 * deleted or replaced rule stops firing and its state is cleared. One alert per breach episode: a window that
 * breaches right after a breaching window of the same key (the previous slide) is part of the same episode and
 * does not alert again.
 */
public final class RuleWindowEvaluator extends KeyedBroadcastProcessFunction<String, RuleHit, RuleChange, Alert> {

    private static final long serialVersionUID = 1L;

    private final int maxEventIds;
    private transient RuleBroadcast rules;
    private transient MapState<Long, WindowBucket> buckets;
    private transient ValueState<WindowSpec> spec;
    private transient ValueState<Long> lastBreachEnd;
    private transient Counter staleHits;

    public RuleWindowEvaluator(int maxEventIds) {
        this.maxEventIds = maxEventIds;
    }

    @Override
    public void open(OpenContext openContext) {
        buckets = getRuntimeContext().getMapState(new MapStateDescriptor<>("buckets", Types.LONG,
                TypeInformation.of(WindowBucket.class)));
        spec = getRuntimeContext().getState(new ValueStateDescriptor<>("window-spec", WindowSpec.class));
        lastBreachEnd = getRuntimeContext().getState(new ValueStateDescriptor<>("last-breach-end", Types.LONG));
        staleHits = getRuntimeContext().getMetricGroup().counter("ruleHitsDropped");
        rules = new RuleBroadcast();
    }

    @Override
    public void processBroadcastElement(RuleChange change, Context ctx, Collector<Alert> out) throws Exception {
        BroadcastState<String, String> state = ctx.getBroadcastState(RuleBroadcast.RULES);
        if (change.isDelete()) {
            state.remove(change.ruleId);
        } else {
            state.put(change.ruleId, change.json);
        }
        // Keyed state of a disabled/deleted rule is cleared lazily, at its next window end: visiting every key of
        // every rule here would make one rule change cost as much as the whole state.
    }

    @Override
    public void processElement(RuleHit hit, ReadOnlyContext ctx, Collector<Alert> out) throws Exception {
        WindowSpec current = spec.value();
        if (current != null && hit.ruleVersion < current.ruleVersion) {
            staleHits.inc();
            return;
        }
        if (current == null || hit.ruleVersion > current.ruleVersion) {
            // A new version starts from nothing: it applies to events after it arrived.
            buckets.clear();
            lastBreachEnd.clear();
            current = WindowSpec.of(hit);
            spec.update(current);
        }
        long bucketStart = hit.eventTime - Math.floorMod(hit.eventTime, current.slideMillis);
        long lastWindowEnd = bucketStart + current.windowSizeMillis;
        long watermark = ctx.timerService().currentWatermark();
        if (lastWindowEnd - 1 <= watermark) {
            // Every window this hit belongs to has closed (late events are filtered out before the fan-out).
            staleHits.inc();
            return;
        }
        WindowBucket bucket = buckets.get(bucketStart);
        if (bucket == null) {
            bucket = new WindowBucket();
            // Once per bucket: every hit of a bucket belongs to the same windows.
            for (long end = bucketStart + current.slideMillis; end <= lastWindowEnd; end += current.slideMillis) {
                if (end - 1 > watermark) {
                    ctx.timerService().registerEventTimeTimer(end - 1);
                }
            }
        }
        bucket.add(hit, maxEventIds);
        buckets.put(bucketStart, bucket);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Alert> out) throws Exception {
        WindowSpec current = spec.value();
        long windowEnd = timestamp + 1;
        if (current == null || windowEnd % current.slideMillis != 0) {
            return; // a timer of a version whose state was replaced
        }
        Rule rule = rules.rule(ctx.getBroadcastState(RuleBroadcast.RULES), current.ruleId);
        if (rule == null || !rule.enabled() || rule.version() != current.ruleVersion) {
            clearAll();
            return;
        }
        long windowStart = windowEnd - current.windowSizeMillis;
        long count = 0;
        double sum = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        List<String> ids = new ArrayList<>();
        Iterator<Map.Entry<Long, WindowBucket>> it = buckets.iterator();
        List<Long> expired = new ArrayList<>();
        List<Map.Entry<Long, WindowBucket>> inWindow = new ArrayList<>();
        while (it.hasNext()) {
            Map.Entry<Long, WindowBucket> e = it.next();
            long start = e.getKey();
            if (start >= windowStart && start < windowEnd) {
                inWindow.add(e);
            }
            if (start < windowStart + current.slideMillis) {
                expired.add(start); // no later window contains it
            }
        }
        inWindow.sort(Map.Entry.comparingByKey());
        for (Map.Entry<Long, WindowBucket> e : inWindow) {
            WindowBucket b = e.getValue();
            count += b.count;
            sum += b.sum;
            min = Math.min(min, b.min);
            max = Math.max(max, b.max);
            first = Math.min(first, b.firstEventTime);
            last = Math.max(last, b.lastEventTime);
            for (String id : b.eventIds) {
                if (ids.size() < maxEventIds) {
                    ids.add(id);
                }
            }
        }
        if (count > 0) {
            double value = rule.aggregate().result(count, sum, min, max);
            if (rule.threshold().breachedBy(value)) {
                Long previous = lastBreachEnd.value();
                if (previous == null || previous != windowEnd - current.slideMillis) {
                    out.collect(alert(rule, current.groupValue, windowStart, windowEnd, value, count, ids, first, last,
                            ctx.timerService().currentProcessingTime()));
                }
                lastBreachEnd.update(windowEnd);
            }
        }
        for (Long start : expired) {
            buckets.remove(start);
        }
        if (buckets.isEmpty()) {
            clearAll();
        }
    }

    private void clearAll() {
        buckets.clear();
        spec.clear();
        lastBreachEnd.clear();
    }

    static Alert alert(Rule rule, String group, long windowStart, long windowEnd, double value, long count,
            List<String> ids, long first, long last, long detectionTime) {
        String shown = value == Math.rint(value) ? Long.toString((long) value) : String.format("%.2f", value);
        return Alert.newBuilder()
                .setAlertId(AlertIds.forRuleWindow(rule.id(), rule.version(), group, windowStart, windowEnd))
                .setRuleId(rule.id())
                .setRuleVersion(rule.version())
                .setSeverity(rule.severity())
                .setKey(group)
                .setMatchedEventIds(ids)
                .setFirstEventTime(Instant.ofEpochMilli(first))
                .setLastEventTime(Instant.ofEpochMilli(last))
                .setDetectionTime(Instant.ofEpochMilli(detectionTime))
                .setSummary("rule " + rule.id() + " v" + rule.version() + ": " + rule.aggregate() + " = " + shown
                        + " " + rule.threshold() + " for " + rule.groupBy() + "=" + group + " over " + count
                        + " " + rule.stream().ruleName() + " events in [" + Instant.ofEpochMilli(windowStart) + ", "
                        + Instant.ofEpochMilli(windowEnd) + ")"
                        + (rule.description().isEmpty() ? "" : " (" + rule.description() + ")"))
                .build();
    }
}
