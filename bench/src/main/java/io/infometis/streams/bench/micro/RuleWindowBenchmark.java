package io.infometis.streams.bench.micro;

import io.infometis.streams.bench.jobs.FraudRules;
import io.infometis.streams.bench.load.SyntheticEvents;
import io.infometis.streams.events.Alert;
import io.infometis.streams.events.Payment;
import io.infometis.streams.fraud.config.FraudKeys;
import io.infometis.streams.fraud.rules.ActiveFamilies;
import io.infometis.streams.fraud.rules.Rule;
import io.infometis.streams.fraud.rules.RuleBroadcast;
import io.infometis.streams.fraud.rules.RuleChange;
import io.infometis.streams.fraud.rules.RuleHit;
import io.infometis.streams.fraud.rules.RuleParser;
import io.infometis.streams.fraud.rules.RuleStream;
import io.infometis.streams.fraud.rules.RuleWindowEvaluator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.hashmap.HashMapStateBackend;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The fraud job's rule windows per payment: the rule fan-out ({@link ActiveFamilies#match}) makes a payment's hits,
 * one per window shape it counts in, and the job's {@link RuleWindowEvaluator} (operator {@code rules-evaluate})
 * stores each in its key's bucket, in Flink's keyed broadcast operator test harness on heap state. Every
 * {@value #WATERMARK_EVERY}th payment also moves the watermark, which fires the window-end timers of every key
 * whose window closed: each evaluates the shape's rules and moves its timer on. So the score is the operator's
 * whole cost per payment, window ends included, which {@link RuleEvaluationBenchmark} (the fan-out alone) leaves
 * out.
 *
 * <p>The rules are the harness's 10 and 1,000-rule sets ({@link FraudRules}; thresholds high, so alerts stay rare).
 * 10,000 users and cards, {@value #SPACING_MILLIS} ms of event time per payment: a replay of the
 * {@value #PAYMENTS} payments spans more than the longest window (1 h), and setup primes the harness with one, so
 * measured iterations see the steady state: windows open, slide and close as fast as new ones come.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RuleWindowBenchmark {

    static final int PAYMENTS = 65_536;
    static final long SPACING_MILLIS = 60;
    // Watermarks as the CEP benchmark moves them: every 256 events, the job's default out-of-orderness behind.
    static final int WATERMARK_EVERY = CepOperatorRun.WATERMARK_EVERY;
    static final long OUT_OF_ORDERNESS_MILLIS = CepOperatorRun.OUT_OF_ORDERNESS_MILLIS;
    static final long START_MILLIS = CepOperatorRun.START_MILLIS;

    @Param({"10", "1000"})
    public int rules;

    private KeyedBroadcastOperatorTestHarness<String, RuleHit, RuleChange, Alert> harness;
    private ActiveFamilies active;
    private Payment[] payments;
    private int next;
    private long time = START_MILLIS;
    private long processed;
    private long hits;
    private long alerts;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        harness = new KeyedBroadcastOperatorTestHarness<>(
                new CoBroadcastWithKeyedOperator<>(
                        new RuleWindowEvaluator(FraudKeys.RULES_MAX_EVENT_IDS.defaultValue().orElseThrow()),
                        List.of(RuleBroadcast.RULES, RuleBroadcast.ACTIVATIONS)),
                RuleHit::evaluationKey, Types.STRING, 128, 1, 0);
        harness.setStateBackend(new HashMapStateBackend());
        harness.open();
        List<Rule> parsed = new ArrayList<>();
        for (int i = 0; i < rules; i++) {
            String id = String.format("bench-rule-%04d", i);
            String json = FraudRules.rule(id, i);
            parsed.add(RuleParser.parse(id, json));
            harness.processBroadcastElement(RuleChange.upsert(id, 1, json), 0);
        }
        active = ActiveFamilies.of(RuleStream.PAYMENTS, parsed);
        SyntheticEvents events = new SyntheticEvents(31, 10_000, 10_000, Instant.ofEpochMilli(START_MILLIS));
        payments = new Payment[PAYMENTS];
        for (int i = 0; i < PAYMENTS; i++) {
            payments[i] = events.nextPayment();
        }
        prime();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        harness.close();
    }

    @Benchmark
    public void ruleWindowsPerPayment() throws Exception {
        processNext();
    }

    /** One replay of the payments (more than the longest window of event time). */
    void prime() throws Exception {
        for (int i = 0; i < PAYMENTS; i++) {
            processNext();
        }
    }

    /** Hands the next payment's hits to the evaluator; every {@link #WATERMARK_EVERY} payments, a watermark too. */
    void processNext() throws Exception {
        Payment payment = payments[next];
        next = next + 1 == payments.length ? 0 : next + 1;
        time += SPACING_MILLIS;
        long at = time;
        hits += active.match(payment, payment.getEventId(), at, hit -> {
            try {
                harness.processElement(hit, at);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        if (++processed % WATERMARK_EVERY == 0) {
            harness.watermark(at - OUT_OF_ORDERNESS_MILLIS - 1);
            drainOutput();
        }
    }

    long hits() {
        return hits;
    }

    long alerts() {
        drainOutput();
        return alerts;
    }

    /** Keys holding open windows: bounded while windows close. */
    long keysWithWindows() {
        try (Stream<Object> keys = harness.getOperator().getKeyedStateBackend().getKeys("windows",
                VoidNamespace.INSTANCE)) {
            return keys.count();
        }
    }

    int timers() {
        return harness.numEventTimeTimers();
    }

    private void drainOutput() {
        alerts += CepOperatorRun.drainRecords(harness.getOutput());
    }
}
