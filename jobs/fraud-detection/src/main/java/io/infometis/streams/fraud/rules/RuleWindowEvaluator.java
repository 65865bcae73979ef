package io.infometis.streams.fraud.rules;

import io.infometis.streams.events.Alert;
import io.infometis.streams.fraud.alerts.AlertIds;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Second half of rule evaluation, keyed by (window shape id, group value) ({@link RuleHit#key}): sliding
 * event-time windows built from slide-long buckets in MapState, closed by an event-time timer at each window end,
 * and evaluated there for every enabled rule of the shape, each over the aggregates of its own
 * {@link WindowFamily family} (a bucket keeps one per family of the shape).
 *
 * <p>Why buckets instead of Flink's window operator: the window shape differs per rule and changes at run time,
 * which a fixed {@code window(...)} cannot express; a bucket per slide means a hit is stored once (not once per
 * overlapping window), and one timer per key, moved from window end to window end, computes each window from its
 * size/slide buckets. Buckets no later window can use are dropped as each window closes, and a key whose buckets
 * are all gone leaves no state behind.
 *
 * <p>Rules of one {@link WindowFamily} share its aggregates, so a rule cannot be told apart by the hits it got;
 * instead each rule version counts the buckets that start at or after the evaluator's watermark at the moment the
 * version reached it ({@link RuleBroadcast#ACTIVATIONS}): events from before a rule are not counted retroactively,
 * and a new version starts from nothing. A rule fires only while it is enabled; a shape with no enabled rule left
 * clears its state at its next window end. One alert per breach episode and rule: a window that breaches right
 * after a breaching window of the same key and rule (the previous slide) is part of the same episode and does not
 * alert.
 */
public final class RuleWindowEvaluator extends KeyedBroadcastProcessFunction<String, RuleHit, RuleChange, Alert> {

    private static final long serialVersionUID = 1L;

    private final int maxEventIds;
    private transient ParsedRules parsed;
    private transient Map<Long, List<ParsedRules.Entry>> rulesByShape;
    private transient MapState<Long, WindowBucket> buckets;
    private transient ValueState<WindowSpec> spec;
    private transient MapState<String, Long> breachEnds;
    private transient ValueState<Long> nextTimer;
    private transient Counter staleHits;

    public RuleWindowEvaluator(int maxEventIds) {
        this.maxEventIds = maxEventIds;
    }

    @Override
    public void open(OpenContext openContext) {
        buckets = getRuntimeContext().getMapState(new MapStateDescriptor<>("buckets", Types.LONG,
                TypeInformation.of(WindowBucket.class)));
        spec = getRuntimeContext().getState(new ValueStateDescriptor<>("window-spec", WindowSpec.class));
        breachEnds = getRuntimeContext().getMapState(new MapStateDescriptor<>("breach-ends", Types.STRING, Types.LONG));
        nextTimer = getRuntimeContext().getState(new ValueStateDescriptor<>("next-timer", Types.LONG));
        staleHits = getRuntimeContext().getMetricGroup().counter("ruleHitsDropped");
        parsed = new ParsedRules();
    }

    @Override
    public void processBroadcastElement(RuleChange change, Context ctx, Collector<Alert> out) throws Exception {
        BroadcastState<String, String> state = ctx.getBroadcastState(RuleBroadcast.RULES);
        BroadcastState<String, Long> activations = ctx.getBroadcastState(RuleBroadcast.ACTIVATIONS);
        if (change.isDelete()) {
            state.remove(change.ruleId);
            activations.remove(change.ruleId);
        } else {
            state.put(change.ruleId, change.json);
            // Each subtask records its own watermark; they differ by the skew between subtasks at most, and a
            // rescaled restore hands a new subtask one of the old copies: the same rule start, give or take a slide.
            activations.put(change.ruleId, ctx.currentWatermark());
        }
        parsed.apply(change);
        rulesByShape = null;
        // Keyed state of a shape with no rule left is cleared lazily, at its next window end: visiting every key
        // here would make one rule change cost as much as the whole state.
    }

    @Override
    public void processElement(RuleHit hit, ReadOnlyContext ctx, Collector<Alert> out) throws Exception {
        WindowSpec current = spec.value();
        if (current == null) {
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
            // The first window end this bucket's windows have that the watermark has not passed.
            long firstEnd = bucketStart + current.slideMillis;
            if (firstEnd - 1 <= watermark) {
                firstEnd += ((watermark + 1 - firstEnd) / current.slideMillis + 1) * current.slideMillis;
            }
            scheduleNoLaterThan(firstEnd - 1, ctx.timerService());
        }
        bucket.add(hit, maxEventIds);
        buckets.put(bucketStart, bucket);
    }

    /**
     * One timer per key, at the next window end that holds a bucket: each firing evaluates that window and schedules
     * the next. Why not a timer per window end of every bucket: a 10 min window sliding by 1 min made ten timers per
     * bucket, and the timer queue was the top of the profile with many rule families.
     */
    private void scheduleNoLaterThan(long timestamp, TimerService timers) throws Exception {
        Long scheduled = nextTimer.value();
        if (scheduled != null && scheduled <= timestamp) {
            return;
        }
        if (scheduled != null) {
            timers.deleteEventTimeTimer(scheduled);
        }
        timers.registerEventTimeTimer(timestamp);
        nextTimer.update(timestamp);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Alert> out) throws Exception {
        WindowSpec current = spec.value();
        Long scheduled = nextTimer.value();
        if (current == null || scheduled == null || scheduled != timestamp) {
            return; // a timer of state that was cleared since
        }
        nextTimer.clear();
        long windowEnd = timestamp + 1;
        // State restored from before shape ids (shapeId NONE) matches no rule: cleared here, at its first window end
        // after the upgrade (new hits of the same rules and group have a new key and start afresh).
        List<ParsedRules.Entry> rules = current.shapeId == StableIds.NONE ? List.of()
                : rulesByShape(ctx.getBroadcastState(RuleBroadcast.RULES)).getOrDefault(current.shapeId, List.of());
        if (rules.isEmpty()) {
            clearAll();
            return;
        }
        long windowStart = windowEnd - current.windowSizeMillis;
        List<Map.Entry<Long, WindowBucket>> inWindow = new ArrayList<>();
        List<Long> expired = new ArrayList<>();
        for (Map.Entry<Long, WindowBucket> e : buckets.entries()) {
            long start = e.getKey();
            if (start >= windowStart && start < windowEnd) {
                inWindow.add(e);
            }
            if (start < windowStart + current.slideMillis) {
                expired.add(start); // no later window contains it
            }
        }
        inWindow.sort(Map.Entry.comparingByKey());
        ReadOnlyBroadcastState<String, Long> activations = ctx.getBroadcastState(RuleBroadcast.ACTIVATIONS);
        Map<FamilySince, WindowTotals> totalsOf = new HashMap<>(4);
        long previousEnd = windowEnd - current.slideMillis;
        for (ParsedRules.Entry entry : rules) {
            Rule rule = entry.rule();
            Long activated = activations.get(rule.id());
            long since = activated == null ? Long.MIN_VALUE : activated;
            WindowTotals totals = totalsOf.computeIfAbsent(new FamilySince(entry.family(), since),
                    fs -> WindowTotals.of(inWindow, fs.family(), fs.since(), maxEventIds));
            String episode = rule.id() + '@' + rule.version();
            double value = totals.count == 0 ? Double.NaN
                    : rule.aggregate().result(totals.count, totals.sum, totals.min, totals.max);
            if (totals.count > 0 && rule.threshold().breachedBy(value)) {
                Long previous = breachEnds.get(episode);
                if (previous == null || previous != previousEnd) {
                    out.collect(alert(rule, current.groupValue, windowStart, windowEnd, value, totals.count,
                            totals.ids, totals.first, totals.last, ctx.timerService().currentProcessingTime()));
                }
                breachEnds.put(episode, windowEnd);
            } else if (!breachEnds.isEmpty()) {
                breachEnds.remove(episode); // the episode ended
            }
        }
        for (Long start : expired) {
            buckets.remove(start);
        }
        long earliest = Long.MAX_VALUE;
        for (Long start : buckets.keys()) {
            earliest = Math.min(earliest, start);
        }
        if (earliest == Long.MAX_VALUE) {
            clearAll();
        } else {
            // The next window end, or, past a gap, the first end of the earliest bucket left.
            long nextEnd = Math.max(windowEnd + current.slideMillis, earliest + current.slideMillis);
            scheduleNoLaterThan(nextEnd - 1, ctx.timerService());
        }
    }

    /** The enabled rules per shape, sorted by id; rebuilt only after the rule set changed (or a restore). */
    private Map<Long, List<ParsedRules.Entry>> rulesByShape(ReadOnlyBroadcastState<String, String> state)
            throws Exception {
        if (rulesByShape == null) {
            Map<Long, List<ParsedRules.Entry>> byShape = new HashMap<>();
            for (ParsedRules.Entry entry : parsed.all(state)) {
                if (entry.rule().enabled()) {
                    byShape.computeIfAbsent(entry.shape(), f -> new ArrayList<>()).add(entry);
                }
            }
            byShape.values().forEach(list -> list.sort(Comparator.comparing(e -> e.rule().id())));
            rulesByShape = byShape;
        }
        return rulesByShape;
    }

    /** Rules of one family and activation see the same totals: computed once per window. */
    private record FamilySince(long family, long since) {}

    private void clearAll() {
        buckets.clear();
        spec.clear();
        breachEnds.clear();
        nextTimer.clear(); // a timer still registered finds no state and does nothing
    }

    /**
     * A window's count, sum, min, max, event times and first ids of one family, over its buckets starting at or
     * after {@code since}.
     */
    private static final class WindowTotals {
        long count;
        double sum;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        final List<String> ids = new ArrayList<>();

        static WindowTotals of(List<Map.Entry<Long, WindowBucket>> sortedBuckets, long family, long since,
                int maxEventIds) {
            WindowTotals t = new WindowTotals();
            for (Map.Entry<Long, WindowBucket> e : sortedBuckets) {
                if (e.getKey() < since) {
                    continue; // begun before the rule arrived
                }
                WindowBucket b = e.getValue();
                int i = b.indexOf(family);
                if (i < 0) {
                    continue; // only other families of the shape had hits in this slide
                }
                t.count += b.counts[i];
                t.sum += b.sums[i];
                t.min = Math.min(t.min, b.mins[i]);
                t.max = Math.max(t.max, b.maxs[i]);
                t.first = Math.min(t.first, b.firstEventTimes[i]);
                t.last = Math.max(t.last, b.lastEventTimes[i]);
                for (String id : b.familyEventIds[i]) {
                    if (t.ids.size() < maxEventIds) {
                        t.ids.add(id);
                    }
                }
            }
            return t;
        }
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
