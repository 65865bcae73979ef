package io.infometis.streams.enrichment.validation;

import static io.infometis.streams.enrichment.validation.EventChecks.first;

import io.infometis.streams.events.Customer;
import io.infometis.streams.events.Order;
import io.infometis.streams.events.OrderItem;
import io.infometis.streams.events.Payment;
import io.infometis.streams.common.kafka.RecordValidator;
import java.util.Optional;

/** What makes an order, payment or customer event unusable for this job (see {@link EventChecks}). */
public final class InputValidators {

    private InputValidators() {}

    public static RecordValidator<Order> orders(EventChecks checks) {
        return o -> order(checks, o);
    }

    public static RecordValidator<Payment> payments(EventChecks checks) {
        return p -> payment(checks, p);
    }

    public static RecordValidator<Customer> customers(EventChecks checks) {
        return c -> customer(checks, c);
    }

    public static Optional<String> order(EventChecks checks, Order o) {
        Optional<String> problem = first(
                checks.missing("event_id", o.getEventId()),
                checks.missing("order_id", o.getOrderId()),
                checks.missing("user_id", o.getUserId()),
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

    public static Optional<String> customer(EventChecks checks, Customer c) {
        return first(
                checks.missing("user_id", c.getUserId()),
                checks.eventTime(c.getEventTime()));
    }
}
