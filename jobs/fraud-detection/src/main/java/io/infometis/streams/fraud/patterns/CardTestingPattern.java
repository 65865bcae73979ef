package io.infometis.streams.fraud.patterns;

import io.infometis.streams.events.Alert;
import io.infometis.streams.events.Payment;
import io.infometis.streams.events.PaymentStatus;
import io.infometis.streams.events.Severity;
import io.infometis.streams.fraud.alerts.PatternAlerts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.cep.CEP;
import org.apache.flink.cep.functions.PatternProcessFunction;
import org.apache.flink.cep.nfa.aftermatch.AfterMatchSkipStrategy;
import org.apache.flink.cep.pattern.Pattern;
import org.apache.flink.cep.pattern.conditions.SimpleCondition;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Card testing: at least N failed payments in a row on one card fingerprint, then an authorized one, within a
 * window. Only FAILED and AUTHORIZED payments reach the pattern, so "in a row" means no authorization between the
 * failures (refunds do not break a run).
 *
 * <p>One run gives one alert, however many failures it has: the failures are {@code consecutive()} and the
 * authorization must come {@code next} (strict contiguity), so the only match that starts at the first failure is
 * the full run; CEP emits matches that end on the same event ordered by their start, and
 * {@code skipPastLastEvent} then drops the shorter suffixes (f2..fn+A, f3..fn+A) that would repeat the alert.
 */
public final class CardTestingPattern {

    public static final String NAME = "card-testing";

    private CardTestingPattern() {}

    public static Pattern<Payment, Payment> pattern(int minFailures, Duration window) {
        return Pattern.<Payment>begin("failures", AfterMatchSkipStrategy.skipPastLastEvent())
                .where(SimpleCondition.of(p -> p.getStatus() == PaymentStatus.FAILED))
                .timesOrMore(minFailures).consecutive()
                .next("authorized")
                .where(SimpleCondition.of(p -> p.getStatus() == PaymentStatus.AUTHORIZED))
                .within(window);
    }

    /** Alerts of the pattern over {@code payments} (timestamps and watermarks already assigned). */
    public static SingleOutputStreamOperator<Alert> detect(DataStream<Payment> payments, int minFailures,
            Duration window, OutputTag<Payment> late) {
        DataStream<Payment> relevant = payments
                .filter(p -> p.getStatus() == PaymentStatus.FAILED || p.getStatus() == PaymentStatus.AUTHORIZED)
                .uid("card-testing-relevant-payments").name("card-testing: failed/authorized payments");
        return CEP.pattern(relevant.keyBy(Payment::getCardFingerprint), pattern(minFailures, window))
                .inEventTime()
                .sideOutputLateData(late)
                .process(new Alerts())
                .uid("cep-card-testing").name("cep: card testing");
    }

    static final class Alerts extends PatternProcessFunction<Payment, Alert> {
        private static final long serialVersionUID = 1L;

        @Override
        public void processMatch(Map<String, List<Payment>> match, Context ctx, Collector<Alert> out) {
            List<Payment> failures = match.get("failures");
            Payment authorized = match.get("authorized").get(0);
            List<String> ids = new ArrayList<>();
            failures.forEach(p -> ids.add(p.getEventId()));
            ids.add(authorized.getEventId());
            long first = failures.get(0).getEventTime().toEpochMilli();
            long last = authorized.getEventTime().toEpochMilli();
            String card = authorized.getCardFingerprint();
            out.collect(PatternAlerts.alert(NAME, Severity.HIGH, card, ids, first, last, ctx.currentProcessingTime(),
                    failures.size() + " failed payments then an authorized one of " + authorized.getAmount() + " "
                            + authorized.getCurrency() + " on card " + card + " within "
                            + Duration.ofMillis(last - first).toSeconds() + " s (user " + authorized.getUserId() + ")"));
        }
    }
}
