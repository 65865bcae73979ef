package io.infometis.streams.metrics;

import io.infometis.streams.events.CommerceMetric;
import io.infometis.streams.events.Order;
import io.infometis.streams.events.Payment;
import io.infometis.streams.events.UserEvent;
import io.infometis.streams.metrics.orders.OrderMetricsFunction;
import io.infometis.streams.metrics.orders.OrderWindowAggregate;
import io.infometis.streams.metrics.payments.PaymentMetricsFunction;
import io.infometis.streams.metrics.payments.PaymentWindowAggregate;
import io.infometis.streams.metrics.users.ActiveUsersAggregate;
import io.infometis.streams.metrics.users.ActiveUsersFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.util.OutputTag;

/**
 * The windows of the job, on streams that already carry event-time watermarks (the job wires Kafka; tests wire
 * their own sources). Each input topic feeds exactly one window operator, so each event is judged late once: the
 * late side outputs hold every event that came after its window's allowed lateness, and nothing else.
 */
public final class CommerceMetricsPipeline {

    public static final OutputTag<Order> LATE_ORDERS =
            new OutputTag<>("late-orders", TypeInformation.of(Order.class));
    public static final OutputTag<Payment> LATE_PAYMENTS =
            new OutputTag<>("late-payments", TypeInformation.of(Payment.class));
    public static final OutputTag<UserEvent> LATE_USER_EVENTS =
            new OutputTag<>("late-user-events", TypeInformation.of(UserEvent.class));

    /** Single-key windows (payments, active users) need every event of the window in one place. */
    static final String ALL = "all";

    private CommerceMetricsPipeline() {}

    public record Outputs(
            DataStream<CommerceMetric> metrics,
            DataStream<Order> lateOrders,
            DataStream<Payment> latePayments,
            DataStream<UserEvent> lateUserEvents) {}

    public static Outputs build(DataStream<Order> orders, DataStream<Payment> payments, DataStream<UserEvent> userEvents,
            MetricsSettings settings) {
        // Keyed by currency: sums across currencies are meaningless, and percentiles need a currency's whole window.
        SingleOutputStreamOperator<CommerceMetric> orderMetrics = orders
                .keyBy(Order::getCurrency)
                .window(TumblingEventTimeWindows.of(settings.window()))
                .allowedLateness(settings.allowedLateness())
                .sideOutputLateData(LATE_ORDERS)
                .aggregate(new OrderWindowAggregate(), new OrderMetricsFunction(settings.clock()))
                .uid("order-metrics-window")
                .name("order metrics per currency, country, category");

        SingleOutputStreamOperator<CommerceMetric> paymentMetrics = payments
                .keyBy(p -> ALL)
                .window(TumblingEventTimeWindows.of(settings.window()))
                .allowedLateness(settings.allowedLateness())
                .sideOutputLateData(LATE_PAYMENTS)
                .aggregate(new PaymentWindowAggregate(),
                        new PaymentMetricsFunction(settings.clock(), settings.topFailureReasons()))
                .uid("payment-metrics-window")
                .name("payment metrics");

        SingleOutputStreamOperator<CommerceMetric> activeUsers = userEvents
                .keyBy(e -> ALL)
                .window(TumblingEventTimeWindows.of(settings.window()))
                .allowedLateness(settings.allowedLateness())
                .sideOutputLateData(LATE_USER_EVENTS)
                .aggregate(new ActiveUsersAggregate(), new ActiveUsersFunction(settings.clock()))
                .uid("active-users-window")
                .name("active users");

        return new Outputs(
                orderMetrics.union(paymentMetrics, activeUsers),
                orderMetrics.getSideOutput(LATE_ORDERS),
                paymentMetrics.getSideOutput(LATE_PAYMENTS),
                activeUsers.getSideOutput(LATE_USER_EVENTS));
    }
}
