package io.infometis.streams.fraud.patterns;

import static io.infometis.streams.events.UserEventType.EMAIL_CHANGED;
import static io.infometis.streams.events.UserEventType.LOGOUT;
import static io.infometis.streams.fraud.support.TestEvents.login;
import static io.infometis.streams.fraud.support.TestEvents.min;
import static io.infometis.streams.fraud.support.TestEvents.userEvent;
import static org.assertj.core.api.Assertions.assertThat;

import io.infometis.streams.events.UserEvent;
import io.infometis.streams.fraud.support.TestEvents;
import java.time.Duration;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The known-countries state per user, on the operator test harness (event time and TTL time under control). */
class KnownCountriesFunctionHarnessTest {

    private KeyedOneInputStreamOperatorTestHarness<String, UserEvent, UserActivity> harness;

    @BeforeEach
    void open() throws Exception {
        harness = ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                new KnownCountriesFunction(Duration.ofDays(1)), UserEvent::getUserId, Types.STRING);
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    private void send(UserEvent e) throws Exception {
        harness.processElement(e, e.getEventTime().toEpochMilli());
    }

    private void watermark(Duration at) throws Exception {
        harness.processWatermark(TestEvents.at(at).toEpochMilli());
    }

    @Test
    void theFirstLoginIsTheBaselineAndOnlyANewCountryIsReportedOnce() throws Exception {
        send(login("home", min(0), "u1", "FR"));
        send(login("away", min(5), "u1", "BR"));
        send(login("away-again", min(6), "u1", "BR"));
        send(login("home-again", min(7), "u1", "FR"));
        watermark(min(10));

        assertThat(harness.extractOutputValues()).singleElement().satisfies(a -> {
            assertThat(a.kind).isEqualTo(UserActivity.Kind.NEW_COUNTRY_LOGIN);
            assertThat(a.eventId).isEqualTo("away");
            assertThat(a.detail).isEqualTo("BR");
        });
    }

    @Test
    void loginsAreJudgedInEventTimeOrderNotArrivalOrder() throws Exception {
        send(login("away", min(5), "u1", "BR"));
        send(login("home", min(0), "u1", "FR"));
        watermark(min(10));

        assertThat(harness.extractOutputValues()).extracting(a -> a.eventId).containsExactly("away");
    }

    @Test
    void loginsWaitForTheWatermark() throws Exception {
        send(login("home", min(0), "u1", "FR"));
        send(login("away", min(5), "u1", "BR"));
        watermark(min(4));
        assertThat(harness.extractOutputValues()).isEmpty();

        watermark(min(5));
        assertThat(harness.extractOutputValues()).extracting(a -> a.eventId).containsExactly("away");
    }

    @Test
    void credentialChangesPassAtOnceAndOtherEventsAreDropped() throws Exception {
        send(userEvent("mail", min(1), "u1", EMAIL_CHANGED, "FR"));
        send(userEvent("bye", min(2), "u1", LOGOUT, "FR"));

        assertThat(harness.extractOutputValues()).singleElement().satisfies(a -> {
            assertThat(a.kind).isEqualTo(UserActivity.Kind.CREDENTIAL_CHANGE);
            assertThat(a.detail).isEqualTo("EMAIL_CHANGED");
        });
    }

    @Test
    void usersAreIndependent() throws Exception {
        send(login("u1-home", min(0), "u1", "FR"));
        send(login("u2-first", min(1), "u2", "BR"));
        watermark(min(2));

        assertThat(harness.extractOutputValues()).isEmpty();
    }

    @Test
    void knownCountriesExpireAfterTheirTtlSoTheNextLoginIsABaselineAgain() throws Exception {
        harness.setStateTtlProcessingTime(0);
        send(login("home", min(0), "u1", "FR"));
        watermark(min(1));

        harness.setStateTtlProcessingTime(Duration.ofDays(1).plusMinutes(1).toMillis());
        send(login("away", min(5), "u1", "BR"));
        watermark(min(6));

        assertThat(harness.extractOutputValues()).isEmpty();
    }
}
