package io.infometis.streams.bench.micro;

import io.infometis.streams.bench.jobs.FraudRules;
import io.infometis.streams.bench.load.SyntheticEvents;
import io.infometis.streams.events.Payment;
import io.infometis.streams.fraud.rules.ActiveFamilies;
import io.infometis.streams.fraud.rules.Rule;
import io.infometis.streams.fraud.rules.RuleParser;
import io.infometis.streams.fraud.rules.RuleStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Dynamic-rule evaluation per payment, as the fraud job's rule fan-out does it for every event
 * ({@link ActiveFamilies#match}): the filters of each window family of the active rules, then the group value and
 * aggregate input of the families that match, one hit each. The rules are the harness's 1/10/100/1,000-rule sets
 * (parsed by the job's own parser), so this is the per-event cost behind the rule-scaling throughput table.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RuleEvaluationBenchmark {

    private static final int PAYMENTS = 1024;

    @Param({"1", "10", "100", "1000"})
    public int rules;

    private ActiveFamilies active;
    private Payment[] payments;
    private int next;

    @Setup
    public void setUp() throws Exception {
        List<Rule> parsed = new ArrayList<>();
        for (int i = 0; i < rules; i++) {
            String id = String.format("bench-rule-%04d", i);
            parsed.add(RuleParser.parse(id, FraudRules.rule(id, i)));
        }
        active = ActiveFamilies.of(RuleStream.PAYMENTS, parsed);
        SyntheticEvents events = new SyntheticEvents(17, 10_000, 10_000, Instant.parse("2026-01-01T00:00:00Z"));
        payments = new Payment[PAYMENTS];
        for (int i = 0; i < PAYMENTS; i++) {
            payments[i] = events.nextPayment();
        }
    }

    @Benchmark
    public int evaluateEveryRuleOnOnePayment(Blackhole hole) {
        next = (next + 1) & (PAYMENTS - 1);
        Payment payment = payments[next];
        return active.match(payment, payment.getEventId(), payment.getEventTime().toEpochMilli(), hole::consume);
    }
}
