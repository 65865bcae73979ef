package io.infometis.streams.fraud.patterns;

import static io.infometis.streams.events.OrderStatus.CREATED;
import static io.infometis.streams.events.UserEventType.EMAIL_CHANGED;
import static io.infometis.streams.events.UserEventType.LOGOUT;
import static io.infometis.streams.events.UserEventType.PASSWORD_CHANGED;
import static io.infometis.streams.fraud.support.TestEvents.login;
import static io.infometis.streams.fraud.support.TestEvents.min;
import static io.infometis.streams.fraud.support.TestEvents.order;
import static io.infometis.streams.fraud.support.TestEvents.sec;
import static io.infometis.streams.fraud.support.TestEvents.userEvent;
import static org.assertj.core.api.Assertions.assertThat;

import io.infometis.streams.events.Order;
import io.infometis.streams.events.Severity;
import io.infometis.streams.events.UserEvent;
import io.infometis.streams.fraud.config.FraudSettings;
import io.infometis.streams.fraud.support.FlinkCluster;
import io.infometis.streams.fraud.support.TestEvents;
import io.infometis.streams.fraud.support.TopologyRun;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Account takeover on a MiniCluster through the whole topology (user events and orders unioned per user). */
class AccountTakeoverPatternTest {

    static final InMemoryReporter REPORTER = InMemoryReporter.createWithRetainedMetrics();

    @RegisterExtension
    static final MiniClusterExtension FLINK = FlinkCluster.extension(REPORTER);

    private static TopologyRun.Result run(List<UserEvent> users, List<Order> orders) throws Exception {
        List<UserEvent> u = new ArrayList<>(users);
        u.add(login("tail-u", min(120), "user-background", "FR"));
        List<Order> o = new ArrayList<>(orders);
        o.add(order("tail-o", min(120), "order-background", "user-background", CREATED, 10));
        return new TopologyRun().userEvents(u).orders(o).run().only(AccountTakeoverPattern.NAME);
    }

    private static UserEvent baseline() {
        return login("home", min(-60), "user-1", "FR");
    }

    @Test
    void aNewCountryLoginThenAPasswordChangeThenALargeOrderRaiseOneAlert() throws Exception {
        TopologyRun.Result result = run(
                List.of(baseline(),
                        login("login", min(0), "user-1", "BR"),
                        userEvent("change", min(2), "user-1", PASSWORD_CHANGED, "BR")),
                List.of(order("order", min(5), "order-1", "user-1", CREATED, 80_000)));

        assertThat(result.alerts()).singleElement().satisfies(alert -> {
            assertThat(alert.getRuleId()).isEqualTo(AccountTakeoverPattern.NAME);
            assertThat(alert.getKey()).isEqualTo("user-1");
            assertThat(alert.getSeverity()).isEqualTo(Severity.CRITICAL);
            assertThat(alert.getMatchedEventIds()).containsExactly("login", "change", "order");
            assertThat(alert.getFirstEventTime()).isEqualTo(TestEvents.at(min(0)));
            assertThat(alert.getLastEventTime()).isEqualTo(TestEvents.at(min(5)));
            assertThat(alert.getSummary()).contains("BR", "PASSWORD_CHANGED", "80000");
        });
    }

    @Test
    void anEmailChangeCountsAndTwoChangesAreStillOneAlert() throws Exception {
        TopologyRun.Result result = run(
                List.of(baseline(),
                        login("login", min(0), "user-1", "BR"),
                        userEvent("email", min(1), "user-1", EMAIL_CHANGED, "BR"),
                        userEvent("password", min(2), "user-1", PASSWORD_CHANGED, "BR")),
                List.of(order("order", min(5), "order-1", "user-1", CREATED, 80_000),
                        order("order-2", min(6), "order-2", "user-1", CREATED, 90_000)));

        assertThat(result.alerts()).singleElement().satisfies(alert ->
                assertThat(alert.getMatchedEventIds()).startsWith("login").endsWith("order"));
    }

    @Test
    void theFirstLoginEverOnlyEstablishesTheBaseline() throws Exception {
        TopologyRun.Result result = run(
                List.of(login("first", min(0), "user-1", "BR"),
                        userEvent("change", min(2), "user-1", PASSWORD_CHANGED, "BR")),
                List.of(order("order", min(5), "order-1", "user-1", CREATED, 80_000)));

        assertThat(result.alerts()).isEmpty();
    }

    @Test
    void aLoginFromAKnownCountryIsNotNew() throws Exception {
        TopologyRun.Result result = run(
                List.of(baseline(),
                        login("login", min(0), "user-1", "FR"),
                        userEvent("change", min(2), "user-1", PASSWORD_CHANGED, "FR")),
                List.of(order("order", min(5), "order-1", "user-1", CREATED, 80_000)));

        assertThat(result.alerts()).isEmpty();
    }

    @Test
    void withoutTheChangeOrWithASmallOrderThereIsNoAlert() throws Exception {
        TopologyRun.Result noChange = run(
                List.of(baseline(), login("login", min(0), "user-1", "BR"),
                        userEvent("logout", min(2), "user-1", LOGOUT, "BR")),
                List.of(order("order", min(5), "order-1", "user-1", CREATED, 80_000)));
        TopologyRun.Result smallOrder = run(
                List.of(baseline(), login("login", min(0), "user-1", "BR"),
                        userEvent("change", min(2), "user-1", PASSWORD_CHANGED, "BR")),
                List.of(order("order", min(5), "order-1", "user-1", CREATED, 50_000)));

        assertThat(noChange.alerts()).isEmpty();
        assertThat(smallOrder.alerts()).isEmpty();
    }

    @Test
    void theMinimumAmountIsConfigurable() throws Exception {
        List<UserEvent> users = new ArrayList<>(List.of(baseline(), login("login", min(0), "user-1", "BR"),
                userEvent("change", min(2), "user-1", PASSWORD_CHANGED, "BR"),
                login("tail-u", min(120), "user-background", "FR")));
        TopologyRun.Result result = new TopologyRun()
                .settings(FraudSettings.builder().accountTakeoverMinAmount(1_000).build())
                .userEvents(users)
                .orders(List.of(order("order", min(5), "order-1", "user-1", CREATED, 5_000),
                        order("tail-o", min(120), "order-background", "user-background", CREATED, 10)))
                .run().only(AccountTakeoverPattern.NAME);

        assertThat(result.alerts()).singleElement()
                .satisfies(alert -> assertThat(alert.getMatchedEventIds()).containsExactly("login", "change", "order"));
    }

    @Test
    void anOrderAfterTheWindowOrByAnotherUserRaisesNoAlert() throws Exception {
        TopologyRun.Result late = run(
                List.of(baseline(), login("login", min(0), "user-1", "BR"),
                        userEvent("change", min(2), "user-1", PASSWORD_CHANGED, "BR")),
                List.of(order("order", min(31), "order-1", "user-1", CREATED, 80_000)));
        TopologyRun.Result otherUser = run(
                List.of(baseline(), login("login", min(0), "user-1", "BR"),
                        userEvent("change", min(2), "user-1", PASSWORD_CHANGED, "BR")),
                List.of(order("order", min(5), "order-1", "user-2", CREATED, 80_000)));

        assertThat(late.alerts()).isEmpty();
        assertThat(otherUser.alerts()).isEmpty();
    }

    @Test
    void outOfOrderEventsWithinTheBoundStillMatchAndTheBaselineStaysTheBaseline() throws Exception {
        // The baseline login arrives 3 s after the new-country one but happened 3 s before it: still the baseline.
        TopologyRun.Result result = run(
                List.of(login("login", sec(3), "user-1", "BR"),
                        login("home", sec(0), "user-1", "FR"),
                        userEvent("change", sec(60), "user-1", PASSWORD_CHANGED, "BR")),
                List.of(order("order", sec(90), "order-1", "user-1", CREATED, 80_000)));

        assertThat(result.alerts()).singleElement()
                .satisfies(alert -> assertThat(alert.getMatchedEventIds()).containsExactly("login", "change", "order"));
        assertThat(result.lateEvents()).isEmpty();
    }

    @Test
    void aChangeLaterThanTheBoundIsCountedAndDeadLetteredNotMatched() throws Exception {
        TopologyRun.Result result = run(
                List.of(baseline(),
                        login("login", min(0), "user-1", "BR"),
                        login("other", min(3), "user-9", "FR"),
                        userEvent("change", min(1), "user-1", PASSWORD_CHANGED, "BR")), // 2 min behind
                List.of(order("order", min(5), "order-1", "user-1", CREATED, 80_000)));

        assertThat(result.alerts()).isEmpty();
        assertThat(result.lateEvents()).singleElement().satisfies(letter -> {
            assertThat(letter.reason).startsWith("late event");
            assertThat(letter.sourceTopic).isEqualTo("user-events");
        });
        assertThat(FlinkCluster.counter(REPORTER, result.job().getJobID(), "lateEvents")).isEqualTo(1);
    }
}
