package io.infometis.streams.bench.micro;

import io.infometis.streams.events.Alert;
import io.infometis.streams.events.Order;
import io.infometis.streams.events.Payment;
import io.infometis.streams.events.UserEvent;
import io.infometis.streams.fraud.config.FraudKeys;
import io.infometis.streams.fraud.patterns.AccountTakeoverPattern;
import io.infometis.streams.fraud.patterns.CardTestingPattern;
import io.infometis.streams.fraud.patterns.UserActivity;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.OutputTag;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * FlinkCEP per event: the fraud job's card-testing and account-takeover operators (built by the job's own
 * {@code detect(...)} with its default settings, see {@link CepOperatorRun}) in Flink's keyed operator test
 * harness on heap state. One invocation hands the operator one event; every 256th also a watermark, which is where
 * the NFA runs over the buffered events, advances its shared buffer, prunes what left the window and emits alerts.
 * So the score is the operator's whole cost per event, matching included.
 *
 * <p>Card testing: 10,000 cards, 10 ms of event time per payment (100 payments/s), 1 in 20 FAILED and a
 * 3-5-failure run ending in an authorization every 500 payments. Account takeover: 10,000 users, 30 ms per activity,
 * mostly large orders, and a complete takeover every 500 activities. The harness is set up once per trial and primed
 * with one replay of its 65,536 events, which spans more than the pattern's window (10 and 30 min), so measured
 * iterations see the steady state a running job has: partial matches start, complete and are pruned as fast as new
 * ones come (state stays bounded by the window).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CepPatternBenchmark {

    /** The card-testing operator over a payment mix. */
    @State(Scope.Thread)
    public static class CardTesting {
        CepOperatorRun<String, Payment> run;

        @Setup(Level.Trial)
        public void setUp() throws Exception {
            run = cardTesting(CepEventMixes.payments(23));
            prime(run);
        }

        @TearDown(Level.Trial)
        public void tearDown() throws Exception {
            run.close();
        }
    }

    /** The account-takeover operator over a user-activity mix. */
    @State(Scope.Thread)
    public static class AccountTakeover {
        CepOperatorRun<String, UserActivity> run;

        @Setup(Level.Trial)
        public void setUp() throws Exception {
            run = accountTakeover(CepEventMixes.userActivity(29));
            prime(run);
        }

        @TearDown(Level.Trial)
        public void tearDown() throws Exception {
            run.close();
        }
    }

    @Benchmark
    public void cardTestingPerPayment(CardTesting state) throws Exception {
        state.run.processNext();
    }

    @Benchmark
    public void accountTakeoverPerActivity(AccountTakeover state) throws Exception {
        state.run.processNext();
    }

    static final long PAYMENT_SPACING_MILLIS = 10;
    static final long ACTIVITY_SPACING_MILLIS = 30;

    /** The job's card-testing operator (its default minimum failures and window) fed {@code payments}. */
    static CepOperatorRun<String, Payment> cardTesting(Payment[] payments) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        DataStream<Payment> input = env.fromData(new AvroTypeInfo<>(Payment.class), payments[0]);
        SingleOutputStreamOperator<Alert> detected = CardTestingPattern.detect(input,
                FraudKeys.CARD_TESTING_MIN_FAILURES.defaultValue().orElseThrow(), FraudKeys.CARD_TESTING_WINDOW.defaultValue().orElseThrow(),
                new OutputTag<>("cep-late-payments", new AvroTypeInfo<>(Payment.class)));
        return CepOperatorRun.of(detected, payments, PAYMENT_SPACING_MILLIS);
    }

    /** The job's account-takeover operator (its default window and minimum amount) fed {@code activity}. */
    static CepOperatorRun<String, UserActivity> accountTakeover(UserActivity[] activity) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        // Only the CEP operator at the end is taken: these inputs just give detect(...) something to build on.
        DataStream<UserEvent> userEvents = env.fromSequence(0, 0).map(n -> (UserEvent) null)
                .returns(new AvroTypeInfo<>(UserEvent.class));
        DataStream<Order> orders = env.fromSequence(0, 0).map(n -> (Order) null)
                .returns(new AvroTypeInfo<>(Order.class));
        SingleOutputStreamOperator<Alert> detected = AccountTakeoverPattern.detect(userEvents, orders,
                FraudKeys.ACCOUNT_TAKEOVER_WINDOW.defaultValue().orElseThrow(), FraudKeys.ACCOUNT_TAKEOVER_MIN_AMOUNT.defaultValue().orElseThrow(),
                FraudKeys.KNOWN_COUNTRIES_TTL.defaultValue().orElseThrow(),
                new OutputTag<>("cep-late-user-activity", TypeInformation.of(UserActivity.class)));
        return CepOperatorRun.of(detected, activity, ACTIVITY_SPACING_MILLIS);
    }

    /** One replay of the events (more than a window of event time): the measurement starts in steady state. */
    static void prime(CepOperatorRun<?, ?> run) throws Exception {
        for (int i = 0; i < CepEventMixes.EVENTS; i++) {
            run.processNext();
        }
    }
}
