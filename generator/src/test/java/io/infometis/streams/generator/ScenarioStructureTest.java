package io.infometis.streams.generator;

import static org.assertj.core.api.Assertions.assertThat;

import io.infometis.streams.events.Customer;
import io.infometis.streams.events.Order;
import io.infometis.streams.events.OrderStatus;
import io.infometis.streams.events.Payment;
import io.infometis.streams.events.PaymentStatus;
import io.infometis.streams.events.UserEvent;
import io.infometis.streams.events.UserEventType;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Each injected scenario has exactly the structure its definition gives, and the ground truth describes it. */
class ScenarioStructureTest {

    private static final long ATO_MIN = 80_000;
    private static Generator.Run run;
    private static Map<String, SpecificRecord> byEventId;
    private static List<SpecificRecord> good;

    @BeforeAll
    static void generate() {
        run = Generator.run(GeneratorSettings.builder().seed(21).users(300).cards(400).count(20_000)
                .atoMinAmount(ATO_MIN).every(ScenarioKind.CARD_TESTING, 250)
                .every(ScenarioKind.ACCOUNT_TAKEOVER, 300).every(ScenarioKind.UNPAID_ORDER, 200).build());
        good = run.records().stream().filter(r -> !r.isBad()).map(GeneratedRecord::value).toList();
        byEventId = new HashMap<>();
        good.forEach(v -> byEventId.put(String.valueOf(v.get(0)), v));
    }

    @Test
    void cardTestingIsThreeToFiveFailuresThenAnAuthorizationOnAFreshCardWithinTenMinutes() {
        List<GroundTruth.InjectedScenario> scenarios = run.groundTruth().scenarios(ScenarioKind.CARD_TESTING);
        assertThat(scenarios).hasSizeGreaterThan(10);
        for (GroundTruth.InjectedScenario s : scenarios) {
            List<Payment> payments = s.eventIds().stream().map(id -> (Payment) byEventId.get(id)).toList();
            assertThat(payments).hasSizeBetween(4, 6);
            List<Payment> failed = payments.subList(0, payments.size() - 1);
            Payment authorized = payments.get(payments.size() - 1);
            assertThat(failed).allSatisfy(p -> {
                assertThat(p.getStatus()).isEqualTo(PaymentStatus.FAILED);
                assertThat(p.getFailureReason()).isNotBlank();
            });
            assertThat(authorized.getStatus()).isEqualTo(PaymentStatus.AUTHORIZED);
            assertThat(payments).allSatisfy(p -> assertThat(p.getCardFingerprint()).isEqualTo(s.key()));
            assertThat(payments).extracting(IndependentDetector::time).isSorted();
            assertThat(s.firstEventTime()).isEqualTo(IndependentDetector.time(failed.get(0)));
            assertThat(s.lastEventTime()).isEqualTo(IndependentDetector.time(authorized));
            assertThat(s.lastEventTime() - s.firstEventTime()).isLessThan(Duration.ofMinutes(10).toMillis());
            assertThat(s.details()).containsEntry("failedPayments", String.valueOf(failed.size()));

            // Fresh: the card appears in no other payment of the run.
            long otherUses = good.stream().filter(v -> v instanceof Payment p && p.getCardFingerprint().equals(s.key())
                    && !s.eventIds().contains(p.getEventId())).count();
            assertThat(otherUses).isZero();
        }
    }

    @Test
    void accountTakeoverIsANewCountryLoginThenACredentialChangeThenABigOrderWithinThirtyMinutes() {
        List<GroundTruth.InjectedScenario> scenarios = run.groundTruth().scenarios(ScenarioKind.ACCOUNT_TAKEOVER);
        assertThat(scenarios).hasSizeGreaterThan(10);
        for (GroundTruth.InjectedScenario s : scenarios) {
            assertThat(s.eventIds()).hasSize(3);
            UserEvent login = (UserEvent) byEventId.get(s.eventIds().get(0));
            UserEvent change = (UserEvent) byEventId.get(s.eventIds().get(1));
            Order order = (Order) byEventId.get(s.eventIds().get(2));
            String user = s.key();
            String home = good.stream().filter(v -> v instanceof Customer c && c.getUserId().equals(user))
                    .map(v -> ((Customer) v).getCountry()).findFirst().orElseThrow();

            assertThat(login.getType()).isEqualTo(UserEventType.LOGIN);
            assertThat(login.getUserId()).isEqualTo(user);
            assertThat(login.getCountry()).isNotEqualTo(home).isEqualTo(s.details().get("loginCountry"));
            // Logged in before, from home only, and never from the attacker's country.
            List<UserEvent> earlierLogins = good.stream()
                    .filter(v -> v instanceof UserEvent u && u.getUserId().equals(user)
                            && u.getType() == UserEventType.LOGIN && IndependentDetector.time(u) < IndependentDetector.time(login))
                    .map(v -> (UserEvent) v).toList();
            assertThat(earlierLogins).isNotEmpty();
            assertThat(earlierLogins).noneMatch(u -> u.getCountry().equals(login.getCountry()));
            assertThat(earlierLogins.get(0).getCountry()).isEqualTo(home);

            assertThat(change.getType()).isIn(UserEventType.PASSWORD_CHANGED, UserEventType.EMAIL_CHANGED);
            assertThat(order.getStatus()).isEqualTo(OrderStatus.CREATED);
            assertThat(order.getUserId()).isEqualTo(user);
            assertThat(order.getAmount()).isGreaterThan(ATO_MIN);
            assertThat(List.of(login, change, order)).extracting(IndependentDetector::time).isSorted();
            assertThat(s.firstEventTime()).isEqualTo(IndependentDetector.time(login));
            assertThat(s.lastEventTime()).isEqualTo(IndependentDetector.time(order));
            assertThat(s.lastEventTime() - s.firstEventTime()).isLessThan(Duration.ofMinutes(30).toMillis());
            // Paid, so it is not also an unpaid order.
            assertThat(good).anyMatch(v -> v instanceof Order o && o.getOrderId().equals(order.getOrderId())
                    && o.getStatus() == OrderStatus.PAID);
        }
    }

    @Test
    void unpaidOrderIsACreatedOrderWithNoPaymentAndNoFurtherEvent() {
        List<GroundTruth.InjectedScenario> scenarios = run.groundTruth().scenarios(ScenarioKind.UNPAID_ORDER);
        assertThat(scenarios).hasSizeGreaterThan(10);
        for (GroundTruth.InjectedScenario s : scenarios) {
            Order created = (Order) byEventId.get(s.eventIds().get(0));
            assertThat(s.eventIds()).hasSize(1);
            assertThat(created.getStatus()).isEqualTo(OrderStatus.CREATED);
            assertThat(created.getOrderId()).isEqualTo(s.key());
            assertThat(s.firstEventTime()).isEqualTo(s.lastEventTime()).isEqualTo(IndependentDetector.time(created));
            assertThat(good).filteredOn(v -> v instanceof Order o && o.getOrderId().equals(s.key())).hasSize(1);
            assertThat(good).noneMatch(v -> v instanceof Payment p && p.getOrderId().equals(s.key()));
        }
    }

    @Test
    void backgroundOrdersHaveOneToFourItemsSummingToTheAmount() {
        List<Order> orders = good.stream().filter(v -> v instanceof Order).map(v -> (Order) v).toList();
        assertThat(orders).allSatisfy(o -> {
            assertThat(o.getItems()).isNotEmpty();
            assertThat(o.getAmount()).isEqualTo(o.getItems().stream()
                    .mapToLong(i -> i.getUnitPrice() * i.getQuantity()).sum());
        });
        assertThat(orders).extracting(o -> o.getItems().size()).contains(1, 2, 3, 4);
        assertThat(orders).extracting(Order::getStatus).contains(OrderStatus.SHIPPED, OrderStatus.CANCELLED);
        assertThat(good).anyMatch(v -> v instanceof Payment p && p.getStatus() == PaymentStatus.REFUNDED);
    }

    @Test
    void someProfilesArriveAfterTheFirstOrderAndSomeUsersChangeTier() {
        Map<String, Long> firstProfile = new HashMap<>();
        Map<String, Long> firstOrder = new HashMap<>();
        Map<String, Integer> profiles = new HashMap<>();
        for (SpecificRecord v : good) {
            if (v instanceof Customer c) {
                firstProfile.putIfAbsent(c.getUserId(), IndependentDetector.time(c));
                profiles.merge(c.getUserId(), 1, Integer::sum);
            } else if (v instanceof Order o && o.getStatus() == OrderStatus.CREATED) {
                firstOrder.putIfAbsent(o.getUserId(), IndependentDetector.time(o));
            }
        }
        long late = firstOrder.entrySet().stream()
                .filter(e -> firstProfile.get(e.getKey()) > e.getValue()).count();
        assertThat(firstProfile).hasSize(300);
        assertThat(late).isPositive().isLessThan(firstOrder.size() / 4);
        assertThat(profiles.values()).anyMatch(n -> n > 1);
        assertThat(good.stream().filter(v -> v instanceof Customer).map(v -> ((Customer) v).getTier())
                .filter(Objects::nonNull).distinct().count()).isEqualTo(4);
    }

    @Test
    void someUsersAreMuchBusierThanOthers() {
        Map<String, Integer> ordersPerUser = new HashMap<>();
        run.good(Order.class).stream().filter(o -> o.getStatus() == OrderStatus.CREATED)
                .forEach(o -> ordersPerUser.merge(o.getUserId(), 1, Integer::sum));
        List<Integer> counts = ordersPerUser.values().stream().sorted().toList();
        int median = counts.get(counts.size() / 2);
        assertThat(counts.get(counts.size() - 1)).isGreaterThanOrEqualTo(3 * median);
        assertThat(run.good(Payment.class)).isNotEmpty().allSatisfy(p -> assertThat(p).isInstanceOf(Payment.class));
    }
}
