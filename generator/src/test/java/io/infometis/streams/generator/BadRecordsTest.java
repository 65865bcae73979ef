package io.infometis.streams.generator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Pure checks of the injected bad records (the integration test checks them against the real registry). */
class BadRecordsTest {

    private static Generator.Run run;

    @BeforeAll
    static void generate() {
        GeneratorSettings.Builder b = GeneratorSettings.builder().seed(8).users(50).cards(60).count(6_000)
                .tail(Duration.ofMinutes(1));
        for (BadRecordKind kind : BadRecordKind.values()) {
            b.every(kind, 100);
        }
        run = Generator.run(b.build());
    }

    private static List<GeneratedRecord> bad(BadRecordKind kind) {
        return run.records().stream().filter(r -> r.badKind() == kind).toList();
    }

    @Test
    void eachKindIsInjectedAtItsFrequencyAndListedInTheGroundTruth() {
        for (BadRecordKind kind : BadRecordKind.values()) {
            List<GeneratedRecord> records = bad(kind);
            assertThat(records).as("%s records", kind).hasSize(60);
            assertThat(run.groundTruth().badRecords(kind)).extracting(GroundTruth.InjectedBadRecord::key)
                    .containsExactlyElementsOf(records.stream().map(GeneratedRecord::key).toList());
            assertThat(records).allSatisfy(r -> assertThat(kind.topics()).contains(r.topic()));
            assertThat(records.stream().map(GeneratedRecord::topic).distinct().count())
                    .as("%s spread over its topics", kind).isEqualTo(kind.topics().size());
        }
    }

    @Test
    void garbageNeverStartsWithTheMagicByte() {
        assertThat(bad(BadRecordKind.GARBAGE)).allSatisfy(r -> {
            assertThat(r.value()).isNull();
            assertThat(r.raw()[0]).isNotZero();
        });
    }

    @Test
    void unknownSchemaIdIsMagicByteAnUnissuedIdAndAnAvroBody() {
        assertThat(bad(BadRecordKind.UNKNOWN_SCHEMA_ID)).allSatisfy(r -> {
            ByteBuffer buffer = ByteBuffer.wrap(r.raw());
            assertThat(buffer.get()).isZero();
            assertThat(buffer.getInt()).isGreaterThanOrEqualTo(1_000_000_000);
            assertThat(buffer.remaining()).isGreaterThan(20);
        });
    }

    @Test
    void truncatedAvroKeepsTheHeaderAndHalfTheBody() {
        ValueEncoder fakeRegistry = (topic, value) -> {
            byte[] bytes = new byte[5 + 40];
            bytes[4] = 7;
            return bytes;
        };
        assertThat(bad(BadRecordKind.TRUNCATED_AVRO)).allSatisfy(r -> {
            assertThat(r.value()).isNotNull();
            assertThat(r.valueBytes(fakeRegistry)).hasSize(5 + 20);
        });
        GeneratedRecord good = run.records().stream().filter(r -> !r.isBad()).findFirst().orElseThrow();
        assertThat(good.valueBytes(fakeRegistry)).hasSize(45);
    }

    @Test
    void decodableKindsFailExactlyTheirOwnCheck() {
        for (BadRecordKind kind : BadRecordKind.values()) {
            if (!kind.decodable()) {
                continue;
            }
            assertThat(bad(kind)).allSatisfy(r ->
                    assertThat(DeadLetterChecks.problem(r.value(), r.eventTime())).as("%s", r).contains(kind));
        }
        assertThat(run.records().stream().filter(r -> !r.isBad()))
                .allSatisfy(r -> assertThat(DeadLetterChecks.problem(r.value(), r.eventTime())).isEqualTo(Optional.empty()));
    }

    @Test
    void futureTimestampsAreMoreThanADayAheadOfTheStreamAndOfTheWallClock() {
        long tomorrow = System.currentTimeMillis() + Duration.ofDays(1).toMillis();
        assertThat(bad(BadRecordKind.FUTURE_TIMESTAMP)).allSatisfy(r -> {
            long eventTime = IndependentDetector.time(r.value());
            assertThat(eventTime - r.eventTime()).isGreaterThan(Duration.ofDays(1).toMillis());
            assertThat(eventTime).isGreaterThan(tomorrow);
        });
    }

    @Test
    void missingIdRecordsHaveTheEmptyIdAsKey() {
        assertThat(bad(BadRecordKind.MISSING_ID)).allSatisfy(r -> assertThat(r.key()).isEmpty());
    }

    @Test
    void badRecordsUseIdsNoGoodRecordUses() {
        List<String> badKeys = run.records().stream().filter(r -> r.isBad() && r.badKind() != BadRecordKind.MISSING_ID)
                .map(GeneratedRecord::key).toList();
        assertThat(run.records().stream().filter(r -> !r.isBad()).map(GeneratedRecord::key))
                .doesNotContainAnyElementsOf(badKeys);
    }
}
