package io.infometis.streams.fraud.events;

import io.infometis.streams.events.Order;
import io.infometis.streams.events.Payment;
import io.infometis.streams.events.UserEvent;
import java.io.Serializable;
import org.apache.avro.specific.SpecificRecord;

/** The few things the job needs from every event type alike: topic, Kafka key, event id and event time. */
public interface EventAccess<T extends SpecificRecord> extends Serializable {

    String topic();

    String key(T event);

    String eventId(T event);

    long eventTime(T event);

    EventAccess<Payment> PAYMENTS = new EventAccess<>() {
        @Override public String topic() { return "payments"; }
        @Override public String key(Payment e) { return e.getPaymentId(); }
        @Override public String eventId(Payment e) { return e.getEventId(); }
        @Override public long eventTime(Payment e) { return e.getEventTime().toEpochMilli(); }
    };

    EventAccess<Order> ORDERS = new EventAccess<>() {
        @Override public String topic() { return "orders"; }
        @Override public String key(Order e) { return e.getOrderId(); }
        @Override public String eventId(Order e) { return e.getEventId(); }
        @Override public long eventTime(Order e) { return e.getEventTime().toEpochMilli(); }
    };

    EventAccess<UserEvent> USER_EVENTS = new EventAccess<>() {
        @Override public String topic() { return "user-events"; }
        @Override public String key(UserEvent e) { return e.getUserId(); }
        @Override public String eventId(UserEvent e) { return e.getEventId(); }
        @Override public long eventTime(UserEvent e) { return e.getEventTime().toEpochMilli(); }
    };
}
