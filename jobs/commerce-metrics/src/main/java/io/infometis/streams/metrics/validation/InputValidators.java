package io.infometis.streams.metrics.validation;

import static io.infometis.streams.metrics.validation.EventChecks.first;

import io.infometis.streams.common.kafka.RecordValidator;
import io.infometis.streams.events.Order;
import io.infometis.streams.events.OrderItem;
import io.infometis.streams.events.Payment;
import io.infometis.streams.events.UserEvent;
import java.util.Optional;

/** What makes an order, payment or user event unusable for the metrics (see {@link EventChecks}). */
public final class InputValidators {

    private InputValidators() {}

    public static RecordValidator<Order> orders(EventChecks checks) {
        return o -> order(checks, o);
    }

    public static RecordValidator<Payment> payments(EventChecks checks) {
        return p -> payment(checks, p);
    }

    public static RecordValidator<UserEvent> userEvents(EventChecks checks) {
        return e -> userEvent(checks, e);
    }

    public static Optional<String> order(EventChecks checks, Order o) {
        Optional<String> problem = first(
                checks.missing("event_id", o.getEventId()),
                checks.missing("order_id", o.getOrderId()),
                checks.missing("user_id", o.getUserId()),
                checks.missing("shipping_country", o.getShippingCountry()),
                checks.negative("amount", o.getAmount()),
                checks.currency(o.getCurrency()),
                checks.eventTime(o.getEventTime()));
        if (problem.isPresent()) {
            return problem;
        }
        for (OrderItem item : o.getItems()) {
            if (item.getQuantity() <= 0) {
                return Optional.of("item " + item.getSku() + " has quantity " + item.getQuantity() + " (must be > 0)");
            }
            Optional<String> price = checks.negative("unit_price of item " + item.getSku(), item.getUnitPrice());
            if (price.isPresent()) {
                return price;
            }
        }
        return Optional.empty();
    }

    public static Optional<String> payment(EventChecks checks, Payment p) {
        return first(
                checks.missing("event_id", p.getEventId()),
                checks.missing("payment_id", p.getPaymentId()),
                checks.missing("order_id", p.getOrderId()),
                checks.negative("amount", p.getAmount()),
                checks.currency(p.getCurrency()),
                checks.eventTime(p.getEventTime()));
    }

    public static Optional<String> userEvent(EventChecks checks, UserEvent e) {
        return first(
                checks.missing("event_id", e.getEventId()),
                checks.missing("user_id", e.getUserId()),
                checks.eventTime(e.getEventTime()));
    }
}
