package io.infometis.streams.fraud.patterns;

import io.infometis.streams.events.Alert;
import io.infometis.streams.events.Order;
import io.infometis.streams.events.OrderStatus;
import io.infometis.streams.events.Severity;
import io.infometis.streams.fraud.alerts.PatternAlerts;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flink.cep.CEP;
import org.apache.flink.cep.functions.PatternProcessFunction;
import org.apache.flink.cep.functions.TimedOutPartialMatchHandler;
import org.apache.flink.cep.nfa.aftermatch.AfterMatchSkipStrategy;
import org.apache.flink.cep.pattern.Pattern;
import org.apache.flink.cep.pattern.conditions.SimpleCondition;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Unpaid order: an order CREATED and not PAID within the timeout. The pattern is "created, then paid, within the
 * timeout"; a complete match is a paid order (nothing to report), and the alert is the <em>timed-out partial
 * match</em>, which CEP reports when the watermark passes created + timeout. {@code skipPastLastEvent}: a paid
 * order's events never start another match.
 */
public final class UnpaidOrderPattern {

    public static final String NAME = "unpaid-order";

    private UnpaidOrderPattern() {}

    public static Pattern<Order, Order> pattern(Duration timeout) {
        return Pattern.<Order>begin("created", AfterMatchSkipStrategy.skipPastLastEvent())
                .where(SimpleCondition.of(o -> o.getStatus() == OrderStatus.CREATED))
                .followedBy("paid")
                .where(SimpleCondition.of(o -> o.getStatus() == OrderStatus.PAID))
                .within(timeout);
    }

    /** Alerts (from the timed-out matches) of the pattern over {@code orders}. */
    public static DataStream<Alert> detect(DataStream<Order> orders, Duration timeout, OutputTag<Order> late) {
        DataStream<Order> relevant = orders
                .filter(o -> o.getStatus() == OrderStatus.CREATED || o.getStatus() == OrderStatus.PAID)
                .uid("unpaid-order-relevant-orders").name("unpaid-order: created/paid orders");
        OutputTag<Alert> unpaid = new OutputTag<>("unpaid-orders", org.apache.flink.api.common.typeinfo.TypeInformation.of(Alert.class));
        SingleOutputStreamOperator<Alert> matches = CEP.pattern(relevant.keyBy(Order::getOrderId), pattern(timeout))
                .inEventTime()
                .sideOutputLateData(late)
                .process(new Alerts(timeout, unpaid))
                .uid("cep-unpaid-order").name("cep: unpaid order");
        return matches.getSideOutput(unpaid);
    }

    static final class Alerts extends PatternProcessFunction<Order, Alert> implements TimedOutPartialMatchHandler<Order> {
        private static final long serialVersionUID = 1L;
        private final Duration timeout;
        private final OutputTag<Alert> unpaid;

        Alerts(Duration timeout, OutputTag<Alert> unpaid) {
            this.timeout = timeout;
            this.unpaid = unpaid;
        }

        @Override
        public void processMatch(Map<String, List<Order>> match, Context ctx, Collector<Alert> out) {
            // Paid in time: nothing to report.
        }

        @Override
        public void processTimedOutMatch(Map<String, List<Order>> match, Context ctx) {
            Order created = match.get("created").get(0);
            long time = created.getEventTime().toEpochMilli();
            ctx.output(unpaid, PatternAlerts.alert(NAME, Severity.MEDIUM, created.getOrderId(),
                    List.of(created.getEventId()), time, time, ctx.currentProcessingTime(),
                    "order " + created.getOrderId() + " of " + created.getAmount() + " " + created.getCurrency()
                            + " by user " + created.getUserId() + " created and not paid within "
                            + timeout.toMinutes() + " min"));
        }
    }
}
