package io.infometis.streams.generator;

import io.infometis.streams.events.Customer;
import io.infometis.streams.events.CustomerTier;
import io.infometis.streams.events.Order;
import io.infometis.streams.events.OrderStatus;
import io.infometis.streams.events.Payment;
import io.infometis.streams.events.PaymentStatus;
import io.infometis.streams.events.Topics;
import io.infometis.streams.events.UserEvent;
import io.infometis.streams.events.UserEventType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;

/**
 * Records for the dead-letter path. They use fresh ids ({@code guest-...} users, new orders, payments and cards)
 * so that, even if a job wrongly accepted one, it could not complete or disturb a background or scenario chain.
 */
final class BadRecordFactory {

    /** Registry ids are small sequence numbers; ids this high are never issued in practice. */
    private static final int UNISSUED_ID_MIN = 1_000_000_000;
    private static final long DAY_MS = Duration.ofDays(1).toMillis();
    /** A device clock decades ahead; fixed, so runs stay reproducible. */
    static final Instant FAR_FUTURE_FLOOR = Instant.parse("2100-01-01T00:00:00Z");

    private final Seeded random;

    BadRecordFactory(Seeded random) {
        this.random = random;
    }

    GeneratedRecord create(BadRecordKind kind, long now) {
        String topic = random.pick(kind.topics());
        SpecificRecord value = validRecord(topic, now);
        return switch (kind) {
            case GARBAGE -> raw(topic, kind, value, garbage(), now);
            case UNKNOWN_SCHEMA_ID -> raw(topic, kind, value, unknownSchemaId(value), now);
            case TRUNCATED_AVRO -> new GeneratedRecord(topic, keyOf(topic, value), value, null, now, kind);
            case MISSING_ID -> decodable(topic, kind, withoutId(topic, value), now);
            case NEGATIVE_AMOUNT -> decodable(topic, kind, negativeAmount(value), now);
            case UNKNOWN_CURRENCY -> decodable(topic, kind, unknownCurrency(value), now);
            case FUTURE_TIMESTAMP -> decodable(topic, kind, inTheFuture(value, now), now);
        };
    }

    private static GeneratedRecord raw(String topic, BadRecordKind kind, SpecificRecord value, byte[] bytes, long now) {
        return new GeneratedRecord(topic, keyOf(topic, value), null, bytes, now, kind);
    }

    private static GeneratedRecord decodable(String topic, BadRecordKind kind, SpecificRecord value, long now) {
        return new GeneratedRecord(topic, keyOf(topic, value), value, null, now, kind);
    }

    private SpecificRecord validRecord(String topic, long now) {
        Instant time = Instant.ofEpochMilli(now);
        String guest = "guest-" + random.hex(10);
        if (topic.equals(Topics.USER_EVENTS.name())) {
            return UserEvent.newBuilder().setEventId(random.uuid()).setEventTime(time).setUserId(guest)
                    .setType(UserEventType.LOGIN).setIp("192.0.2." + random.between(1, 254)).setCountry("NL")
                    .setDeviceId("dev-" + random.hex(12)).build();
        } else if (topic.equals(Topics.ORDERS.name())) {
            Market.Product product = random.pick(Market.CATALOGUE);
            long price = Market.price(product, Market.home("NL"));
            return Order.newBuilder().setEventId(random.uuid()).setEventTime(time).setOrderId(random.uuid())
                    .setUserId(guest).setStatus(OrderStatus.CREATED).setItems(List.of(Events.item(product, 1, price)))
                    .setAmount(price).setCurrency("EUR").setShippingCountry("NL").build();
        } else if (topic.equals(Topics.PAYMENTS.name())) {
            return Payment.newBuilder().setEventId(random.uuid()).setEventTime(time).setPaymentId(random.uuid())
                    .setOrderId(random.uuid()).setUserId(guest).setStatus(PaymentStatus.AUTHORIZED)
                    .setFailureReason(null).setCardFingerprint("fp_" + random.hex(16))
                    .setAmount(random.between(100, 20_000)).setCurrency("EUR").build();
        } else if (topic.equals(Topics.CUSTOMERS.name())) {
            return Customer.newBuilder().setEventId(random.uuid()).setEventTime(time).setUserId(guest)
                    .setCountry("NL").setTier(CustomerTier.BRONZE).setSignupDate(LocalDate.of(2024, 5, 1))
                    .setSegment("consumer").setEmail(guest + "@example.com").build();
        }
        throw new IllegalArgumentException("no bad records for topic " + topic);
    }

    /** Random bytes whose first byte is never the Confluent magic byte 0. */
    private byte[] garbage() {
        byte[] bytes = random.bytes(random.between(8, 64));
        bytes[0] = (byte) random.between(1, 255);
        return bytes;
    }

    /** Magic byte, an id the registry never issued, and a well-formed Avro body. */
    private byte[] unknownSchemaId(SpecificRecord value) {
        byte[] body = avroBody(value);
        return ByteBuffer.allocate(5 + body.length)
                .put((byte) 0)
                .putInt(UNISSUED_ID_MIN + random.between(0, Integer.MAX_VALUE - UNISSUED_ID_MIN - 1))
                .put(body)
                .array();
    }

    private static byte[] avroBody(SpecificRecord value) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
            // The class's own SpecificData knows its logical-type conversions (Instant, LocalDate).
            new SpecificDatumWriter<SpecificRecord>(value.getSchema(), SpecificData.getForClass(value.getClass()))
                    .write(value, encoder);
            encoder.flush();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static SpecificRecord withoutId(String topic, SpecificRecord value) {
        if (value instanceof Order o) {
            o.setOrderId("");
        } else if (value instanceof Payment p) {
            p.setPaymentId("");
        } else if (value instanceof UserEvent u) {
            u.setUserId("");
        } else if (value instanceof Customer c) {
            c.setUserId("");
        }
        return value;
    }

    private static SpecificRecord negativeAmount(SpecificRecord value) {
        if (value instanceof Order o) {
            o.setAmount(-o.getAmount());
        } else if (value instanceof Payment p) {
            p.setAmount(-p.getAmount());
        }
        return value;
    }

    private SpecificRecord unknownCurrency(SpecificRecord value) {
        String code = random.pick(Market.NON_ISO_CURRENCIES);
        if (value instanceof Order o) {
            o.setCurrency(code);
        } else if (value instanceof Payment p) {
            p.setCurrency(code);
        }
        return value;
    }

    /**
     * 25 hours to 30 days after the later of the stream's time and {@link #FAR_FUTURE_FLOOR}: more than a day
     * ahead both of the stream and of the wall clock, so a validator may compare with either (a validator sees
     * only the record, and a simulated run's event time may lie long before today).
     */
    private SpecificRecord inTheFuture(SpecificRecord value, long now) {
        long ahead = DAY_MS + Duration.ofHours(1).toMillis() + random.between(0, 29 * DAY_MS);
        long base = Math.max(now, FAR_FUTURE_FLOOR.toEpochMilli());
        value.put(value.getSchema().getField("event_time").pos(), Instant.ofEpochMilli(base + ahead));
        return value;
    }

    static String keyOf(String topic, SpecificRecord value) {
        if (value instanceof Order o) {
            return o.getOrderId();
        } else if (value instanceof Payment p) {
            return p.getPaymentId();
        } else if (value instanceof UserEvent u) {
            return u.getUserId();
        } else if (value instanceof Customer c) {
            return c.getUserId();
        }
        throw new IllegalArgumentException("unknown value type for topic " + topic + ": " + value.getClass());
    }

    static String eventIdOf(SpecificRecord value) {
        return String.valueOf(value.get(value.getSchema().getField("event_id").pos()));
    }
}
