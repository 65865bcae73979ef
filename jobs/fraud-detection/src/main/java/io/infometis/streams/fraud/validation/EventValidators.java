package io.infometis.streams.fraud.validation;

import static io.infometis.streams.common.validation.EventChecks.first;

import io.infometis.streams.common.kafka.RecordValidator;
import io.infometis.streams.common.validation.EventChecks;
import io.infometis.streams.events.Order;
import io.infometis.streams.events.Payment;
import io.infometis.streams.events.UserEvent;
import java.time.Clock;
import java.time.Duration;
import java.util.Currency;
import java.util.Optional;

/**
 * What makes a decoded event fit for detection. A record that fails goes to the dlq with the reason before it
 * reaches any state; above all before its time moves the watermark: one event stamped a day ahead would make every
 * real event after it late.
 *
 * <p>The single checks (and their dlq reason texts) are job-common's {@link EventChecks}, as in the other jobs.
 * Which fields are checked is the fraud job's own, not {@code InputValidators}': detection needs a payment's card
 * fingerprint (card testing) and a login's country (account takeover), but not a payment's order id nor an
 * order's shipping country and items, so those do not send an event to the dlq here.
 */
public final class EventValidators {

    private EventValidators() {}

    public static RecordValidator<Payment> payments(Duration maxFutureSkew) {
        EventChecks checks = checks(maxFutureSkew);
        return p -> first(
                checks.missing("event_id", p.getEventId()),
                checks.missing("payment_id", p.getPaymentId()),
                checks.missing("card_fingerprint", p.getCardFingerprint()),
                checks.negative("amount", p.getAmount()),
                currency(p.getCurrency()),
                checks.eventTime(p.getEventTime()));
    }

    public static RecordValidator<Order> orders(Duration maxFutureSkew) {
        EventChecks checks = checks(maxFutureSkew);
        return o -> first(
                checks.missing("event_id", o.getEventId()),
                checks.missing("order_id", o.getOrderId()),
                checks.missing("user_id", o.getUserId()),
                checks.negative("amount", o.getAmount()),
                currency(o.getCurrency()),
                checks.eventTime(o.getEventTime()));
    }

    public static RecordValidator<UserEvent> userEvents(Duration maxFutureSkew) {
        EventChecks checks = checks(maxFutureSkew);
        return u -> first(
                checks.missing("event_id", u.getEventId()),
                checks.missing("user_id", u.getUserId()),
                checks.missing("country", u.getCountry()),
                checks.eventTime(u.getEventTime()));
    }

    private static EventChecks checks(Duration maxFutureSkew) {
        return new EventChecks(Clock.systemUTC(), maxFutureSkew);
    }

    /**
     * Any ISO-4217 code the JDK knows ({@link Currency}). Not {@link EventChecks#currency}: that one also refuses
     * the codes without minor units (XXX, XAU, XDR...), which the jobs that convert to major units must; detection
     * compares amounts in the event's own units and never converts, so it keeps accepting them.
     */
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
}
