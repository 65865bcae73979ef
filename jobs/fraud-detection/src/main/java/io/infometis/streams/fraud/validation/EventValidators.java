package io.infometis.streams.fraud.validation;

import io.infometis.streams.common.kafka.RecordValidator;
import io.infometis.streams.events.Order;
import io.infometis.streams.events.Payment;
import io.infometis.streams.events.UserEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.Currency;
import java.util.Optional;

/**
 * What makes a decoded event fit for detection. A record that fails goes to the dlq with the reason before it
 * reaches any state; above all before its time moves the watermark: one event stamped a day ahead would make every
 * real event after it late.
 */
public final class EventValidators {

    private EventValidators() {}

    public static RecordValidator<Payment> payments(Duration maxFutureSkew) {
        long skew = maxFutureSkew.toMillis();
        return p -> first(
                blank("event_id", p.getEventId()),
                blank("payment_id", p.getPaymentId()),
                blank("card_fingerprint", p.getCardFingerprint()),
                negative(p.getAmount()),
                currency(p.getCurrency()),
                future(p.getEventTime(), skew));
    }

    public static RecordValidator<Order> orders(Duration maxFutureSkew) {
        long skew = maxFutureSkew.toMillis();
        return o -> first(
                blank("event_id", o.getEventId()),
                blank("order_id", o.getOrderId()),
                blank("user_id", o.getUserId()),
                negative(o.getAmount()),
                currency(o.getCurrency()),
                future(o.getEventTime(), skew));
    }

    public static RecordValidator<UserEvent> userEvents(Duration maxFutureSkew) {
        long skew = maxFutureSkew.toMillis();
        return u -> first(
                blank("event_id", u.getEventId()),
                blank("user_id", u.getUserId()),
                blank("country", u.getCountry()),
                future(u.getEventTime(), skew));
    }

    static Optional<String> blank(String field, String value) {
        return value == null || value.isBlank() ? Optional.of("missing " + field) : Optional.empty();
    }

    static Optional<String> negative(long amount) {
        return amount < 0 ? Optional.of("negative amount: " + amount) : Optional.empty();
    }

    /** ISO-4217 as the JDK knows it (java.util.Currency): a well-kept list, not one of our own. */
    static Optional<String> currency(String code) {
        try {
            if (code != null && code.length() == 3) {
                Currency.getInstance(code);
                return Optional.empty();
            }
        } catch (IllegalArgumentException e) {
            // falls through
        }
        return Optional.of("unknown currency '" + code + "' (not ISO-4217)");
    }

    static Optional<String> future(Instant eventTime, long skewMillis) {
        long now = System.currentTimeMillis();
        return eventTime.toEpochMilli() > now + skewMillis
                ? Optional.of("event_time " + eventTime + " is in the future (more than " + Duration.ofMillis(skewMillis)
                        + " ahead of " + Instant.ofEpochMilli(now) + ")")
                : Optional.empty();
    }

    @SafeVarargs
    static Optional<String> first(Optional<String>... checks) {
        for (Optional<String> check : checks) {
            if (check.isPresent()) {
                return check;
            }
        }
        return Optional.empty();
    }
}
