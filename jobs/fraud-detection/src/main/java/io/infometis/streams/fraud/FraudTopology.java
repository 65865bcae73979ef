package io.infometis.streams.fraud;

import io.infometis.streams.common.deadletter.DeadLetter;
import io.infometis.streams.events.Alert;
import io.infometis.streams.events.Order;
import io.infometis.streams.events.Payment;
import io.infometis.streams.events.UserEvent;
import io.infometis.streams.fraud.config.FraudSettings;
import io.infometis.streams.fraud.events.EventAccess;
import io.infometis.streams.fraud.late.LateEventFilter;
import io.infometis.streams.fraud.late.LateEvents;
import io.infometis.streams.fraud.patterns.AccountTakeoverPattern;
import io.infometis.streams.fraud.patterns.CardTestingPattern;
import io.infometis.streams.fraud.patterns.UnpaidOrderPattern;
import io.infometis.streams.fraud.patterns.UserActivity;
import io.infometis.streams.fraud.rules.ControlStreamTime;
import io.infometis.streams.fraud.rules.RuleBroadcast;
import io.infometis.streams.fraud.rules.RuleChange;
import io.infometis.streams.fraud.rules.RuleFanOut;
import io.infometis.streams.fraud.rules.RuleHit;
import io.infometis.streams.fraud.rules.RuleStream;
import io.infometis.streams.fraud.rules.RuleUpdates;
import io.infometis.streams.fraud.rules.RuleWindowEvaluator;
import java.nio.charset.StandardCharsets;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.util.OutputTag;

/**
 * The fraud detection job's dataflow, independent of where events come from and where alerts go: three CEP
 * patterns and the run-time rules over the same event streams, one alert stream out. Every stateful operator has a
 * stable uid (savepoints map state by it).
 */
public final class FraudTopology {

    private FraudTopology() {}

    public static FraudOutputs build(FraudInputs in, FraudSettings settings) {
        String job = settings.jobName();
        SingleOutputStreamOperator<Payment> payments = withoutLate(in.payments(), job, in.paymentsTopic(),
                EventAccess.PAYMENTS, Payment.class);
        SingleOutputStreamOperator<UserEvent> userEvents = withoutLate(in.userEvents(), job, in.userEventsTopic(),
                EventAccess.USER_EVENTS, UserEvent.class);
        SingleOutputStreamOperator<Order> orders = withoutLate(in.orders(), job, in.ordersTopic(),
                EventAccess.ORDERS, Order.class);

        // Safety net only: the filters above already removed what CEP would find late.
        OutputTag<Payment> latePayments = new OutputTag<>("cep-late-payments", new AvroTypeInfo<>(Payment.class));
        OutputTag<Order> lateOrders = new OutputTag<>("cep-late-orders", new AvroTypeInfo<>(Order.class));
        OutputTag<UserActivity> lateActivity =
                new OutputTag<>("cep-late-user-activity", TypeInformation.of(UserActivity.class));

        SingleOutputStreamOperator<Alert> cardTesting = CardTestingPattern.detect(payments,
                settings.cardTestingMinFailures(), settings.cardTestingWindow(), latePayments);
        SingleOutputStreamOperator<Alert> takeover = AccountTakeoverPattern.detect(userEvents, orders,
                settings.accountTakeoverWindow(), settings.accountTakeoverMinAmount(), settings.knownCountriesTtl(),
                lateActivity);
        DataStream<Alert> unpaid = UnpaidOrderPattern.detect(orders, settings.unpaidOrderTimeout(), lateOrders);

        OutputTag<DeadLetter> rejectedTag =
                new OutputTag<>("rejected-rules", TypeInformation.of(DeadLetter.class));
        SingleOutputStreamOperator<RuleChange> ruleChanges = in.rules()
                .transform("rules: out of event time", in.rules().getType(), new ControlStreamTime<>())
                .uid("rules-control-time")
                .keyBy(r -> r.key == null ? "" : r.key)
                .process(new RuleUpdates(job, rejectedTag))
                .uid("rules-updates").name("rules: parse, validate, version");
        BroadcastStream<RuleChange> ruleSet = ruleChanges.broadcast(RuleBroadcast.RULES, RuleBroadcast.ACTIVATIONS);

        DataStream<RuleHit> hits = fanOut(payments, ruleSet, RuleStream.PAYMENTS, EventAccess.PAYMENTS)
                .union(fanOut(orders, ruleSet, RuleStream.ORDERS, EventAccess.ORDERS),
                        fanOut(userEvents, ruleSet, RuleStream.USER_EVENTS, EventAccess.USER_EVENTS));
        DataStream<Alert> ruleAlerts = hits
                .keyBy(RuleHit::evaluationKey)
                .connect(ruleSet)
                .process(new RuleWindowEvaluator(settings.ruleMaxEventIds()))
                .uid("rules-evaluate").name("rules: sliding windows per (window shape, group)");

        String paymentsTopic = in.paymentsTopic();
        DataStream<DeadLetter> late = payments.getSideOutput(LateEvents.TAG)
                .union(userEvents.getSideOutput(LateEvents.TAG), orders.getSideOutput(LateEvents.TAG),
                        cardTesting.getSideOutput(latePayments)
                                .map(p -> LateEvents.deadLetter(job, paymentsTopic, EventAccess.PAYMENTS, p, p
                                        .getEventTime().toEpochMilli()))
                                .uid("cep-late-payments").name("late payments (cep)"),
                        takeover.getSideOutput(lateActivity)
                                .map(a -> DeadLetter.of(job, "user-activity", a.userId,
                                        a.toString().getBytes(StandardCharsets.UTF_8), LateEvents.REASON + ": " + a))
                                .uid("cep-late-user-activity").name("late user activity (cep)"));

        DataStream<Alert> alerts = cardTesting.union(takeover, unpaid, ruleAlerts);
        return new FraudOutputs(alerts, late, ruleChanges.getSideOutput(rejectedTag));
    }

    private static <T extends SpecificRecordBase> SingleOutputStreamOperator<T> withoutLate(DataStream<T> events,
            String job, String topic, EventAccess<T> access, Class<T> type) {
        return events.process(new LateEventFilter<>(job, topic, access))
                .returns(new AvroTypeInfo<>(type))
                .uid("late-filter-" + topic).name("late events of " + topic + " to dlq");
    }

    private static <T extends SpecificRecord> DataStream<RuleHit> fanOut(DataStream<T> events,
            BroadcastStream<RuleChange> ruleSet, RuleStream stream, EventAccess<T> access) {
        return events.connect(ruleSet)
                .process(new RuleFanOut<>(stream, access))
                .uid("rules-fan-out-" + stream.ruleName()).name("rules: match " + stream.ruleName());
    }
}
