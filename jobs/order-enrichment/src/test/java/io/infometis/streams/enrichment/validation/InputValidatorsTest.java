package io.infometis.streams.enrichment.validation;

import static io.infometis.streams.enrichment.TestEvents.T0;
import static io.infometis.streams.enrichment.TestEvents.customer;
import static io.infometis.streams.enrichment.TestEvents.order;
import static io.infometis.streams.enrichment.TestEvents.payment;
import static org.assertj.core.api.Assertions.assertThat;

import io.infometis.streams.events.CustomerTier;
import io.infometis.streams.events.Order;
import io.infometis.streams.events.OrderStatus;
import io.infometis.streams.events.Payment;
import io.infometis.streams.events.PaymentStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class InputValidatorsTest {

    private final EventChecks checks = new EventChecks(Clock.fixed(T0, ZoneOffset.UTC), Duration.ofHours(1));

    @Test
    void aValidOrderPaymentAndCustomerPass() {
        assertThat(InputValidators.order(checks, order("o-1", "u-1", OrderStatus.CREATED, 0))).isEmpty();
        assertThat(InputValidators.payment(checks, payment("o-1", "u-1", PaymentStatus.FAILED, "X", 0))).isEmpty();
        assertThat(InputValidators.customer(checks, customer("u-1", CustomerTier.GOLD, "NL", 0))).isEmpty();
    }

    @Test
    void eachKindOfBadInputHasItsReason() {
        Order noId = order("o-1", "u-1", OrderStatus.CREATED, 0);
        noId.setOrderId("");
        Order negative = order("o-1", "u-1", OrderStatus.CREATED, 0);
        negative.setAmount(-1);
        Order currency = order("o-1", "u-1", OrderStatus.CREATED, 0);
        currency.setCurrency("EUX");
        Order future = order("o-1", "u-1", OrderStatus.CREATED, Duration.ofHours(2).toMillis());
        Payment noOrder = payment("o-1", "u-1", PaymentStatus.AUTHORIZED, null, 0);
        noOrder.setOrderId(" ");

        assertThat(InputValidators.order(checks, noId)).contains("missing order_id");
        assertThat(InputValidators.order(checks, negative)).contains("negative amount: -1");
        assertThat(InputValidators.order(checks, currency)).contains("unknown currency 'EUX' (not ISO-4217)");
        assertThat(InputValidators.order(checks, future)).get().asString().contains("in the future");
        assertThat(InputValidators.payment(checks, noOrder)).contains("missing order_id");
    }

    @Test
    void anEventWithinTheAllowedSkewIsNotInTheFuture() {
        assertThat(InputValidators.order(checks, order("o-1", "u-1", OrderStatus.CREATED, Duration.ofMinutes(59).toMillis())))
                .isEmpty();
    }
}
