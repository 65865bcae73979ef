package io.infometis.streams.reliability.faults;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;

/**
 * The kinds of bad record the barrage mixes into the traffic, as the issue lists them. Each must reach {@code dlq}
 * with its key, none may restart the job. Random bytes, huge records and null values go to {@code orders} and
 * {@code payments} in turn; the kinds made from an order go to {@code orders}.
 */
enum Poison {
    /** Random bytes, first byte never the Confluent magic byte. */
    RANDOM_BYTES,
    /** Magic byte, a schema id the registry never issued, a well-formed Avro body. */
    UNKNOWN_SCHEMA_ID,
    /** A valid Confluent wire-format order cut in half. */
    TRUNCATED_AVRO,
    /** 512 KiB of random bytes (half the broker's default record limit). */
    HUGE_RECORD,
    /** A null value (tombstone) on an Avro topic. */
    NULL_VALUE,
    /** Decodes, but the order's amount is negative: the job's validation rejects it. */
    NEGATIVE_AMOUNT;

    static final int HUGE_BYTES = 512 * 1024;
    private static final int UNISSUED_SCHEMA_ID = 1_000_000_000;

    /** The bad value, made from a valid wire-format order where the kind needs one; null for {@link #NULL_VALUE}. */
    byte[] value(byte[] validOrder, byte[] negativeOrder, Random random) {
        return switch (this) {
            case RANDOM_BYTES -> randomBytes(random, 8 + random.nextInt(56));
            case UNKNOWN_SCHEMA_ID -> {
                byte[] copy = validOrder.clone();
                ByteBuffer.wrap(copy, 1, 4).putInt(UNISSUED_SCHEMA_ID + random.nextInt(1000));
                yield copy;
            }
            case TRUNCATED_AVRO -> Arrays.copyOf(validOrder, 5 + (validOrder.length - 5) / 2);
            case HUGE_RECORD -> randomBytes(random, HUGE_BYTES);
            case NULL_VALUE -> null;
            case NEGATIVE_AMOUNT -> negativeOrder;
        };
    }

    /** The kinds made from an order's bytes belong on {@code orders}. */
    boolean onOrdersOnly() {
        return this == NEGATIVE_AMOUNT || this == TRUNCATED_AVRO || this == UNKNOWN_SCHEMA_ID;
    }

    private static byte[] randomBytes(Random random, int n) {
        byte[] bytes = new byte[n];
        random.nextBytes(bytes);
        bytes[0] = (byte) (1 + random.nextInt(255));
        return bytes;
    }
}
