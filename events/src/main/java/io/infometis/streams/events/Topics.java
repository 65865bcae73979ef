package io.infometis.streams.events;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The catalogue of every topic the platform reads or writes. The local stack creates exactly these, the
 * Kubernetes KafkaTopic manifests and the ksqlDB scripts are checked against them, and jobs take their default
 * topic names from here.
 */
public final class Topics {

    public static final TopicSpec USER_EVENTS = new TopicSpec("user-events", 4, false, Duration.ofDays(7),
            UserEvent.getClassSchema(), "user_id", "Logins, failed logins, logouts, credential changes");
    public static final TopicSpec ORDERS = new TopicSpec("orders", 4, false, Duration.ofDays(7),
            Order.getClassSchema(), "order_id", "Order created, paid, shipped, cancelled");
    public static final TopicSpec PAYMENTS = new TopicSpec("payments", 4, false, Duration.ofDays(7),
            Payment.getClassSchema(), "payment_id", "Payment authorized, failed, refunded");
    public static final TopicSpec CUSTOMERS = new TopicSpec("customers", 4, true, null,
            Customer.getClassSchema(), "user_id", "Latest customer profile per user (compacted)");
    public static final TopicSpec ALERT_RULES = new TopicSpec("alert-rules", 1, true, null,
            null, "rule_id", "Dynamic threshold rules as JSON (compacted; a tombstone deletes a rule)");
    public static final TopicSpec ALERTS = new TopicSpec("alerts", 4, false, Duration.ofDays(30),
            Alert.getClassSchema(), "alert_id", "Fraud alerts, written exactly once");
    public static final TopicSpec ORDERS_ENRICHED = new TopicSpec("orders-enriched", 4, false, Duration.ofDays(7),
            EnrichedOrder.getClassSchema(), "order_id", "Newest enriched state of each order (order-enrichment job)");
    public static final TopicSpec COMMERCE_METRICS = new TopicSpec("commerce-metrics", 1, false, Duration.ofDays(30),
            CommerceMetric.getClassSchema(), "metric_id", "Per-window commerce figures (commerce-metrics job)");
    public static final TopicSpec DLQ = new TopicSpec("dlq", 1, false, Duration.ofDays(30),
            null, "original key", "Records no job could decode or accept, with the reason in headers");

    private static final List<TopicSpec> ALL =
            List.of(USER_EVENTS, ORDERS, PAYMENTS, CUSTOMERS, ALERT_RULES, ALERTS, ORDERS_ENRICHED, COMMERCE_METRICS, DLQ);

    private Topics() {}

    public static List<TopicSpec> all() {
        return ALL;
    }

    public static Optional<TopicSpec> byName(String name) {
        return ALL.stream().filter(t -> t.name().equals(name)).findFirst();
    }
}
