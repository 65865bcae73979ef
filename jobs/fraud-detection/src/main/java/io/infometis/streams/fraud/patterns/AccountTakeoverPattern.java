package io.infometis.streams.fraud.patterns;

import io.infometis.streams.events.Alert;
import io.infometis.streams.events.Order;
import io.infometis.streams.events.OrderStatus;
import io.infometis.streams.events.Severity;
import io.infometis.streams.events.UserEvent;
import io.infometis.streams.fraud.alerts.PatternAlerts;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.FlatMapFunction;
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
 * Account takeover: a login from a country the user never logged in from, then a password or e-mail change, then
 * an order above a minimum amount, all by the same user within a window.
 *
 * <p>Relaxed contiguity ({@code followedBy}): the user's other activity in between does not break the sequence.
 * {@code skipPastLastEvent}: once a takeover is reported, none of its events starts or completes another match,
 * so a second change or a second large order in the same episode yields no second alert.
 */
public final class AccountTakeoverPattern {

    public static final String NAME = "account-takeover";

    private AccountTakeoverPattern() {}

    public static Pattern<UserActivity, UserActivity> pattern(Duration window) {
        return Pattern.<UserActivity>begin("login", AfterMatchSkipStrategy.skipPastLastEvent())
                .where(SimpleCondition.of(a -> a.kind == UserActivity.Kind.NEW_COUNTRY_LOGIN))
                .followedBy("change")
                .where(SimpleCondition.of(a -> a.kind == UserActivity.Kind.CREDENTIAL_CHANGE))
                .followedBy("order")
                .where(SimpleCondition.of(a -> a.kind == UserActivity.Kind.LARGE_ORDER))
                .within(window);
    }

    public static SingleOutputStreamOperator<Alert> detect(DataStream<UserEvent> userEvents, DataStream<Order> orders,
            Duration window, long minAmount, Duration knownCountriesTtl, OutputTag<UserActivity> late) {
        DataStream<UserActivity> loginsAndChanges = userEvents
                .keyBy(UserEvent::getUserId)
                .process(new KnownCountriesFunction(knownCountriesTtl))
                .uid("known-countries").name("account-takeover: known countries per user");
        DataStream<UserActivity> largeOrders = orders
                .flatMap(new LargeOrders(minAmount))
                .uid("account-takeover-large-orders").name("account-takeover: large orders");
        return CEP.pattern(loginsAndChanges.union(largeOrders).keyBy(a -> a.userId), pattern(window))
                .inEventTime()
                .sideOutputLateData(late)
                .process(new Alerts(minAmount))
                .uid("cep-account-takeover").name("cep: account takeover");
    }

    /** Orders CREATED with an amount strictly above the minimum. */
    static final class LargeOrders implements FlatMapFunction<Order, UserActivity> {
        private static final long serialVersionUID = 1L;
        private final long minAmount;

        LargeOrders(long minAmount) {
            this.minAmount = minAmount;
        }

        @Override
        public void flatMap(Order order, Collector<UserActivity> out) {
            if (order.getStatus() == OrderStatus.CREATED && order.getAmount() > minAmount) {
                UserActivity a = UserActivity.of(order.getUserId(), order.getEventId(),
                        order.getEventTime().toEpochMilli(), UserActivity.Kind.LARGE_ORDER, order.getOrderId());
                a.amount = order.getAmount();
                a.currency = order.getCurrency();
                out.collect(a);
            }
        }
    }

    static final class Alerts extends PatternProcessFunction<UserActivity, Alert> {
        private static final long serialVersionUID = 1L;
        private final long minAmount;

        Alerts(long minAmount) {
            this.minAmount = minAmount;
        }

        @Override
        public void processMatch(Map<String, List<UserActivity>> match, Context ctx, Collector<Alert> out) {
            UserActivity login = match.get("login").get(0);
            UserActivity change = match.get("change").get(0);
            UserActivity order = match.get("order").get(0);
            out.collect(PatternAlerts.alert(NAME, Severity.CRITICAL, login.userId,
                    List.of(login.eventId, change.eventId, order.eventId), login.eventTime, order.eventTime,
                    ctx.currentProcessingTime(),
                    "user " + login.userId + " logged in from new country " + login.detail + ", then "
                            + change.detail + ", then order " + order.detail + " of " + order.amount + " "
                            + order.currency + " (over " + minAmount + ") within "
                            + Duration.ofMillis(order.eventTime - login.eventTime).toSeconds() + " s"));
        }
    }
}
