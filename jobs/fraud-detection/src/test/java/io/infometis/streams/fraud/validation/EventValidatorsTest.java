package io.infometis.streams.fraud.validation;

import static io.infometis.streams.events.OrderStatus.CREATED;
import static io.infometis.streams.events.PaymentStatus.FAILED;
import static io.infometis.streams.fraud.support.TestEvents.login;
import static io.infometis.streams.fraud.support.TestEvents.min;
import static io.infometis.streams.fraud.support.TestEvents.order;
import static io.infometis.streams.fraud.support.TestEvents.payment;
import static org.assertj.core.api.Assertions.assertThat;

import io.infometis.streams.events.Order;
import io.infometis.streams.events.Payment;
import io.infometis.streams.events.UserEvent;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class EventValidatorsTest {

    private static final Duration SKEW = Duration.ofHours(1);

    @Test
    void validEventsPass() {
        assertThat(EventValidators.payments(SKEW).problem(payment("e", min(0), "c", FAILED))).isEmpty();
        assertThat(EventValidators.orders(SKEW).problem(order("e", min(0), "o", "u", CREATED, 10))).isEmpty();
        assertThat(EventValidators.userEvents(SKEW).problem(login("e", min(0), "u", "FR"))).isEmpty();
    }

    @Test
    void eachKindOfBadEventIsNamed() {
        Payment noCard = payment("e", min(0), "", FAILED);
        Order negative = order("e", min(0), "o", "u", CREATED, -5);
        Order pesos = order("e", min(0), "o", "u", CREATED, 10);
        pesos.setCurrency("XXZ");
        Order noId = order("e", min(0), "", "u", CREATED, 10);
        UserEvent future = login("e", min(0), "u", "FR");
        future.setEventTime(Instant.now().plus(Duration.ofDays(2)));

        assertThat(EventValidators.payments(SKEW).problem(noCard)).hasValue("missing card_fingerprint");
        assertThat(EventValidators.orders(SKEW).problem(negative)).hasValue("negative amount: -5");
        assertThat(EventValidators.orders(SKEW).problem(pesos)).hasValue("unknown currency 'XXZ' (not ISO-4217)");
        assertThat(EventValidators.orders(SKEW).problem(noId)).hasValue("missing order_id");
        assertThat(EventValidators.userEvents(SKEW).problem(future)).get().asString()
                .contains("is in the future (more than PT1H ahead of");
    }

    @Test
    void theFieldsDetectionNeedsAreCheckedAndCodesWithoutMinorUnitsStayAccepted() {
        UserEvent noCountry = login("e", min(0), "u", "");
        Order gold = order("e", min(0), "o", "u", CREATED, 10);
        gold.setCurrency("XAU");

        assertThat(EventValidators.userEvents(SKEW).problem(noCountry)).hasValue("missing country");
        assertThat(EventValidators.orders(SKEW).problem(gold)).as("detection never converts units").isEmpty();
    }
}
