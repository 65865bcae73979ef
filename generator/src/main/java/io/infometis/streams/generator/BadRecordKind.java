package io.infometis.streams.generator;

import io.infometis.streams.events.Topics;
import java.util.List;

/** Records injected for the dead-letter path: some cannot be decoded, the others decode but are invalid. */
public enum BadRecordKind {
    /** Random bytes; the first byte is never the Confluent magic byte 0. */
    GARBAGE(false, allEventTopics()),
    /** Magic byte 0, a schema id the registry never issued, then a valid Avro body. */
    UNKNOWN_SCHEMA_ID(false, allEventTopics()),
    /** A valid Confluent wire-format record cut short (half of its Avro body is missing). */
    TRUNCATED_AVRO(false, allEventTopics()),
    /** Decodes, but the record's id is empty: order_id (orders), payment_id (payments), user_id (user-events, customers). */
    MISSING_ID(true, allEventTopics()),
    /** Decodes, but the amount is negative (orders, payments). */
    NEGATIVE_AMOUNT(true, List.of(Topics.ORDERS.name(), Topics.PAYMENTS.name())),
    /** Decodes, but the currency is not an ISO-4217 code (orders, payments). */
    UNKNOWN_CURRENCY(true, List.of(Topics.ORDERS.name(), Topics.PAYMENTS.name())),
    /**
     * Decodes, but event_time lies more than a day ahead both of the stream's event time and of the wall clock:
     * 25 h to 30 days after the later of the stream's time and 2100-01-01 (a device clock decades off).
     */
    FUTURE_TIMESTAMP(true, allEventTopics());

    private final boolean decodable;
    private final List<String> topics;

    BadRecordKind(boolean decodable, List<String> topics) {
        this.decodable = decodable;
        this.topics = topics;
    }

    /** True when the record decodes with the registry and only validation rejects it. */
    public boolean decodable() {
        return decodable;
    }

    /** The catalogue topics this kind is injected into (one chosen at random per record). */
    public List<String> topics() {
        return topics;
    }

    private static List<String> allEventTopics() {
        return List.of(Topics.USER_EVENTS.name(), Topics.ORDERS.name(), Topics.PAYMENTS.name(), Topics.CUSTOMERS.name());
    }
}
