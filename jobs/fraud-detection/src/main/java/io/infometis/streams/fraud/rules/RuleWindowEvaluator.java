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
 * event-time windows built from slide-long buckets, closed by an event-time timer at each window end, and evaluated
 * there for every enabled rule of the shape, each over the aggregates of its own {@link WindowFamily family} (a
 * bucket keeps one per family of the shape). A key's shape, timer and buckets are one state value,
 * {@link GroupWindows}, read and written once per hit and once per window end.
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
 *
 * <p>State restored from the layout up to 637316b (a bucket map, a spec and a timer value per key) is carried over
 * into {@link GroupWindows} the first time its key is touched, by a hit or by its timer; open windows keep counting
 * across that upgrade.
 */
public final class RuleWindowEvaluator extends KeyedBroadcastProcessFunction<String, RuleHit, RuleChange, Alert> {

    private static final long serialVersionUID = 1L;

    private final int maxEventIds;
    private transient ParsedRules parsed;
    private transient Map<Long, ShapePlan> plans;
    private transient ValueState<GroupWindows> windows;
    private transient MapState<String, Long> breachEnds;
    // The layout up to 637316b, read only to carry a restored key over (carriedOver). Can go once no savepoint of
    // those builds is restored any more.
    private transient MapState<Long, WindowBucket> legacyBuckets;
    private transient ValueState<WindowSpec> legacySpec;
    private transient ValueState<Long> legacyTimer;
    private transient Counter staleHits;

    public RuleWindowEvaluator(int maxEventIds) {
        this.maxEventIds = maxEventIds;
    }

    @Override
    public void open(OpenContext openContext) {
        windows = getRuntimeContext().getState(new ValueStateDescriptor<>("windows", GroupWindows.class));
        breachEnds = getRuntimeContext().getMapState(new MapStateDescriptor<>("breach-ends", Types.STRING, Types.LONG));
        legacyBuckets = getRuntimeContext().getMapState(new MapStateDescriptor<>("buckets", Types.LONG,
                TypeInformation.of(WindowBucket.class)));
        legacySpec = getRuntimeContext().getState(new ValueStateDescriptor<>("window-spec", WindowSpec.class));
        legacyTimer = getRuntimeContext().getState(new ValueStateDescriptor<>("next-timer", Types.LONG));
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
        plans = null;
        // Keyed state of a shape with no rule left is cleared lazily, at its next window end: visiting every key
        // here would make one rule change cost as much as the whole state.
    }

    @Override
    public void processElement(RuleHit hit, ReadOnlyContext ctx, Collector<Alert> out) throws Exception {
        long slide = hit.slideMillis; // the hit carries its shape's window, the key's shape
        long bucketStart = hit.eventTime - Math.floorMod(hit.eventTime, slide);
        long watermark = ctx.timerService().currentWatermark();
        if (bucketStart + hit.windowSizeMillis - 1 <= watermark) {
            // Every window this hit belongs to has closed (late events are filtered out before the fan-out).
            staleHits.inc();
            return;
        }
        GroupWindows w = windows.value();
        if (w == null) {
            w = carriedOver();
            if (w == null) {
                w = GroupWindows.of(hit);
            }
        }
        int i = w.indexOf(bucketStart);
        WindowBucket bucket;
        if (i >= 0) {
            bucket = w.buckets[i];
        } else {
            bucket = w.bucketFor(bucketStart, new WindowBucket());
            // The first window end this bucket's windows have that the watermark has not passed.
            long firstEnd = bucketStart + slide;
            if (firstEnd - 1 <= watermark) {
                firstEnd += ((watermark + 1 - firstEnd) / slide + 1) * slide;
            }
            if (w.timer == GroupWindows.NO_TIMER || firstEnd - 1 < w.timer) {
                if (w.timer != GroupWindows.NO_TIMER) {
                    ctx.timerService().deleteEventTimeTimer(w.timer);
                }
                schedule(w, firstEnd - 1, ctx.timerService());
            }
        }
        bucket.add(hit, maxEventIds);
        windows.update(w);
    }

    /**
     * One timer per key, at the next window end that holds a bucket: each firing evaluates that window and schedules
     * the next. Why not a timer per window end of every bucket: a 10 min window sliding by 1 min made ten timers per
     * bucket, and the timer queue was the top of the profile with many rule families.
     */
    private static void schedule(GroupWindows w, long timestamp, TimerService timers) {
        timers.registerEventTimeTimer(timestamp);
        w.timer = timestamp;
    }

    /**
     * The windows of a key restored in the layout up to 637316b, moved into {@link GroupWindows} (and out of the old
     * states); null for a key without such state.
     */
    private GroupWindows carriedOver() throws Exception {
        WindowSpec spec = legacySpec.value();
        if (spec == null) {
            return null;
        }
        GroupWindows w = GroupWindows.of(spec, legacyTimer.value(), legacyBuckets.entries());
        legacyBuckets.clear();
        legacySpec.clear();
        legacyTimer.clear();
        windows.update(w);
        return w;
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Alert> out) throws Exception {
        GroupWindows w = windows.value();
        if (w == null) {
            w = carriedOver();
        }
        if (w == null || w.timer != timestamp) {
            return; // a timer of state that was cleared since
        }
        long windowEnd = timestamp + 1;
        // State restored from before shape ids (shapeId NONE) matches no rule: cleared here, at its first window end
        // after the upgrade (new hits of the same rules and group have a new key and start afresh).
        ShapePlan plan = w.shapeId == StableIds.NONE ? null
                : plans(ctx.getBroadcastState(RuleBroadcast.RULES), ctx.getBroadcastState(RuleBroadcast.ACTIVATIONS))
                        .get(w.shapeId);
        if (plan == null) {
            clearAll(w);
            return;
        }
        long windowStart = windowEnd - w.windowSizeMillis;
        int from = w.firstFrom(windowStart);
        int to = w.firstFrom(windowEnd);
        WindowTotals[] totals = new WindowTotals[plan.families.length];
        long previousEnd = windowEnd - w.slideMillis;
        boolean breached = false;
        for (Evaluation evaluation : plan.rules) {
            int f = evaluation.totals;
            WindowTotals t = totals[f];
            if (t == null) {
                t = WindowTotals.of(w, from, to, plan.families[f], plan.sinces[f]);
                totals[f] = t;
            }
            Rule rule = evaluation.rule;
            double value = t.count == 0 ? Double.NaN : rule.aggregate().result(t.count, t.sum, t.min, t.max);
            if (t.count > 0 && rule.threshold().breachedBy(value)) {
                Long previous = w.openEpisodes ? breachEnds.get(evaluation.episode) : null;
                if (previous == null || previous != previousEnd) {
                    out.collect(alert(rule, w.groupValue, windowStart, windowEnd, value, t.count,
                            eventIds(w, from, to, plan.families[f], plan.sinces[f], maxEventIds), t.first, t.last,
                            ctx.timerService().currentProcessingTime()));
                }
                breachEnds.put(evaluation.episode, windowEnd);
                breached = true;
            } else if (w.openEpisodes) {
                breachEnds.remove(evaluation.episode); // the episode ended
            }
        }
        if (!breached && w.openEpisodes) {
            // No rule breached this window: every episode ended, including those of rule versions gone since.
            breachEnds.clear();
        }
        w.openEpisodes = breached;
        w.dropBefore(windowStart + w.slideMillis); // no later window holds them
        if (w.isEmpty()) {
            clearAll(w);
        } else {
            // The next window end, or, past a gap, the first end of the earliest bucket left. This timer has fired,
            // so there is none to delete.
            schedule(w, Math.max(windowEnd + w.slideMillis, w.starts[0] + w.slideMillis) - 1, ctx.timerService());
            windows.update(w);
        }
    }

    /**
     * Per shape, what its timers evaluate; rebuilt only after the rule set changed (or a restore), which is also
     * the only time a rule's activation changes.
     */
    private Map<Long, ShapePlan> plans(ReadOnlyBroadcastState<String, String> rules,
            ReadOnlyBroadcastState<String, Long> activations) throws Exception {
        if (plans == null) {
            Map<Long, List<ParsedRules.Entry>> byShape = new HashMap<>();
            for (ParsedRules.Entry entry : parsed.all(rules)) {
                if (entry.rule().enabled()) {
                    byShape.computeIfAbsent(entry.shape(), s -> new ArrayList<>()).add(entry);
                }
            }
            Map<Long, ShapePlan> built = new HashMap<>();
            for (Map.Entry<Long, List<ParsedRules.Entry>> shape : byShape.entrySet()) {
                built.put(shape.getKey(), ShapePlan.of(shape.getValue(), activations));
            }
            plans = built;
        }
        return plans;
    }

    /**
     * A shape's enabled rules, sorted by id (alerts in a stable order), and the distinct (family, activation)
     * pairs whose window totals they read: rules of one family and activation see the same totals, computed once
     * per window end.
     */
    private record ShapePlan(Evaluation[] rules, long[] families, long[] sinces) {

        static ShapePlan of(List<ParsedRules.Entry> entries, ReadOnlyBroadcastState<String, Long> activations)
                throws Exception {
            List<ParsedRules.Entry> sorted = new ArrayList<>(entries);
            sorted.sort(Comparator.comparing(e -> e.rule().id()));
            Map<List<Long>, Integer> index = new HashMap<>();
            List<Long> families = new ArrayList<>();
            List<Long> sinces = new ArrayList<>();
            Evaluation[] rules = new Evaluation[sorted.size()];
            for (int i = 0; i < rules.length; i++) {
                Rule rule = sorted.get(i).rule();
                long family = sorted.get(i).family();
                Long activated = activations.get(rule.id());
                long since = activated == null ? Long.MIN_VALUE : activated;
                Integer f = index.get(List.of(family, since));
                if (f == null) {
                    f = families.size();
                    index.put(List.of(family, since), f);
                    families.add(family);
                    sinces.add(since);
                }
                rules[i] = new Evaluation(rule, f, rule.id() + '@' + rule.version());
            }
            return new ShapePlan(rules, families.stream().mapToLong(Long::longValue).toArray(),
                    sinces.stream().mapToLong(Long::longValue).toArray());
        }
    }

    /** One rule of a shape: which of the plan's totals it reads, and its episode's key in {@code breach-ends}. */
    private record Evaluation(Rule rule, int totals, String episode) {}

    private void clearAll(GroupWindows w) throws Exception {
        windows.clear();
        if (w.openEpisodes) {
            breachEnds.clear();
        }
        // A timer still registered finds no state and does nothing.
    }

    /** A window's count, sum, min, max and event times of one family, over its buckets starting at or after since. */
    private static final class WindowTotals {
        long count;
        double sum;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;

        /** Over the buckets {@code from} (inclusive) to {@code to} (exclusive) of {@code w}. */
        static WindowTotals of(GroupWindows w, int from, int to, long family, long since) {
            WindowTotals t = new WindowTotals();
            for (int k = from; k < to; k++) {
                if (w.starts[k] < since) {
                    continue; // begun before the rule arrived
                }
                WindowBucket b = w.buckets[k];
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
            }
            return t;
        }
    }

    /** The first event ids of one family in a window, oldest slide first (only for an alert). */
    private static List<String> eventIds(GroupWindows w, int from, int to, long family, long since, int maxEventIds) {
        List<String> ids = new ArrayList<>();
        for (int k = from; k < to; k++) {
            int i = w.buckets[k].indexOf(family);
            if (w.starts[k] < since || i < 0) {
                continue;
            }
            for (String id : w.buckets[k].familyEventIds[i]) {
                if (ids.size() == maxEventIds) {
                    return ids;
                }
                ids.add(id);
            }
        }
        return ids;
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
