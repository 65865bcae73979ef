package io.infometis.streams.metrics.validation;

import static io.infometis.streams.metrics.MetricsTestEvents.T0;
import static io.infometis.streams.metrics.MetricsTestEvents.created;
import static io.infometis.streams.metrics.MetricsTestEvents.login;
import static io.infometis.streams.metrics.MetricsTestEvents.payment;
import static org.assertj.core.api.Assertions.assertThat;

import io.infometis.streams.events.Order;
import io.infometis.streams.events.Payment;
import io.infometis.streams.events.PaymentStatus;
import io.infometis.streams.events.UserEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class InputValidatorsTest {

    private final EventChecks checks = new EventChecks(Clock.fixed(T0, ZoneOffset.UTC), Duration.ofHours(1));

    @Test
    void validEventsPass() {
        assertThat(InputValidators.order(checks, created("o-1", "NL", "EUR", 0, "books", 100))).isEmpty();
        assertThat(InputValidators.payment(checks, payment("p-1", PaymentStatus.FAILED, "X", 0))).isEmpty();
        assertThat(InputValidators.userEvent(checks, login("u-1", 0))).isEmpty();
    }

    @Test
    void eachKindOfBadInputHasItsReason() {
        Order noCountry = created("o-1", "", "EUR", 0, "books", 100);
        Order freeItem = created("o-1", "NL", "EUR", 0, "books", -1);
        freeItem.setAmount(0);
        Payment currency = payment("p-1", PaymentStatus.AUTHORIZED, null, 0);
        currency.setCurrency("eur");
        UserEvent future = login("u-1", Duration.ofHours(2).toMillis());
        UserEvent noUser = login("", 0);

        assertThat(InputValidators.order(checks, noCountry)).contains("missing shipping_country");
        assertThat(InputValidators.order(checks, freeItem)).contains("negative unit_price of item sku-0: -1");
        assertThat(InputValidators.payment(checks, currency)).contains("unknown currency 'eur' (not ISO-4217)");
        assertThat(InputValidators.userEvent(checks, future)).get().asString().contains("is in the future");
        assertThat(InputValidators.userEvent(checks, noUser)).contains("missing user_id");
    }
}
