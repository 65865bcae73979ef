package io.infometis.streams.generator;

import java.util.Arrays;
import java.util.Objects;
import org.apache.avro.specific.SpecificRecord;

/**
 * One record to send, in send order.
 *
 * @param topic catalogue name of the topic (user-events, orders, payments, customers)
 * @param key the record key (the catalogue's key field; for {@link BadRecordKind#MISSING_ID} the empty id)
 * @param value the Avro value, or null for a raw record
 * @param raw bytes sent as they are (undecodable bad records), or null
 * @param eventTime the record's position in event time: its {@code event_time}, except for
 *     {@link BadRecordKind#FUTURE_TIMESTAMP} records (whose value lies more than a day ahead) and raw records
 * @param badKind the kind of injected bad record, or null for a good record
 */
public record GeneratedRecord(String topic, String key, SpecificRecord value, byte[] raw, long eventTime,
        BadRecordKind badKind) {

    public GeneratedRecord {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(key, "key");
        if ((value == null) == (raw == null)) {
            throw new IllegalArgumentException("exactly one of value and raw must be set (topic " + topic + ")");
        }
    }

    /** A good record. */
    public GeneratedRecord(String topic, String key, SpecificRecord value, long eventTime) {
        this(topic, key, value, null, eventTime, null);
    }

    /** Compares {@code raw} by content, so that two runs with the same seed give equal records. */
    @Override
    public boolean equals(Object o) {
        return o instanceof GeneratedRecord other
                && topic.equals(other.topic) && key.equals(other.key) && Objects.equals(value, other.value)
                && Arrays.equals(raw, other.raw) && eventTime == other.eventTime && badKind == other.badKind;
    }

    @Override
    public int hashCode() {
        return Objects.hash(topic, key, value, Arrays.hashCode(raw), eventTime, badKind);
    }

    @Override
    public String toString() {
        return "GeneratedRecord[topic=" + topic + ", key=" + key + ", eventTime=" + eventTime
                + (badKind == null ? "" : ", badKind=" + badKind)
                + (raw == null ? ", value=" + value : ", raw=" + raw.length + " bytes") + "]";
    }

    public boolean isBad() {
        return badKind != null;
    }

    /**
     * The bytes to send as the Kafka value: the raw bytes, or the encoded value, cut short for
     * {@link BadRecordKind#TRUNCATED_AVRO} (the header and half of the Avro body are kept, so the registry knows
     * the schema id but decoding runs out of bytes).
     */
    public byte[] valueBytes(ValueEncoder encoder) {
        if (raw != null) {
            return raw.clone();
        }
        byte[] encoded = encoder.encode(topic, value);
        if (badKind == BadRecordKind.TRUNCATED_AVRO) {
            int header = 5;
            return Arrays.copyOf(encoded, header + (encoded.length - header) / 2);
        }
        return encoded;
    }
}
