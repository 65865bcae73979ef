package io.infometis.streams.reliability.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Each poison kind is what its name says, made from a valid Confluent wire-format record where it needs one. */
class PoisonTest {

    /** Magic byte 0, schema id 7, a 20-byte body. */
    private static final byte[] VALID = ByteBuffer.allocate(25).put((byte) 0).putInt(7).put(new byte[20]).array();
    private static final byte[] NEGATIVE = {0, 0, 0, 0, 7, 1};
    private final Random random = new Random(1);

    @Test
    void randomBytesAndHugeRecordsNeverStartWithTheMagicByte() {
        assertThat(Poison.RANDOM_BYTES.value(VALID, NEGATIVE, random)[0]).isNotZero();
        byte[] huge = Poison.HUGE_RECORD.value(VALID, NEGATIVE, random);
        assertThat(huge).hasSize(Poison.HUGE_BYTES);
        assertThat(huge[0]).isNotZero();
    }

    @Test
    void unknownSchemaIdKeepsTheMagicByteAndBodyButNotTheId() {
        byte[] value = Poison.UNKNOWN_SCHEMA_ID.value(VALID, NEGATIVE, random);
        assertThat(value[0]).isZero();
        assertThat(ByteBuffer.wrap(value, 1, 4).getInt()).isGreaterThanOrEqualTo(1_000_000_000);
        assertThat(value).hasSameSizeAs(VALID);
        assertThat(VALID[4]).as("the valid record is not changed").isEqualTo((byte) 7);
    }

    @Test
    void truncatedAvroKeepsTheHeaderAndHalfTheBody() {
        byte[] value = Poison.TRUNCATED_AVRO.value(VALID, NEGATIVE, random);
        assertThat(value).hasSize(5 + 10);
        assertThat(ByteBuffer.wrap(value, 1, 4).getInt()).isEqualTo(7);
    }

    @Test
    void nullValueIsATombstoneAndNegativeAmountIsTheDecodableOrder() {
        assertThat(Poison.NULL_VALUE.value(VALID, NEGATIVE, random)).isNull();
        assertThat(Poison.NEGATIVE_AMOUNT.value(VALID, NEGATIVE, random)).isSameAs(NEGATIVE);
    }
}
