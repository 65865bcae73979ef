package io.infometis.streams.generator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class GeneratorDeterminismTest {

    private static GeneratorSettings.Builder settings(long seed) {
        return GeneratorSettings.builder().seed(seed).users(150).cards(220).count(4_000).tail(Duration.ofMinutes(5))
                .every(BadRecordKind.GARBAGE, 300).every(BadRecordKind.UNKNOWN_SCHEMA_ID, 300)
                .every(ScenarioKind.CARD_TESTING, 200).every(ScenarioKind.ACCOUNT_TAKEOVER, 300)
                .every(ScenarioKind.UNPAID_ORDER, 150);
    }

    @Test
    void sameSeedAndSettingsGiveTheSameRecordsIdsAndGroundTruth() {
        Generator.Run first = Generator.run(settings(11).build());
        Generator.Run second = Generator.run(settings(11).build());

        // Record by record: topic, key, Avro value, raw bytes (by content), event time, bad kind.
        assertThat(second.records()).isEqualTo(first.records());
        assertThat(first.records()).anyMatch(r -> r.raw() != null);
        assertThat(second.groundTruth()).isEqualTo(first.groundTruth());
        assertThat(second.groundTruth().toJson()).isEqualTo(first.groundTruth().toJson());
    }

    @Test
    void anotherSeedGivesOtherEvents() {
        List<String> keys11 = Generator.run(settings(11).build()).records().stream().map(GeneratedRecord::key).toList();
        List<String> keys12 = Generator.run(settings(12).build()).records().stream().map(GeneratedRecord::key).toList();
        assertThat(keys12).isNotEqualTo(keys11);
    }

    @Test
    void simulatedEventTimeStartsAtTheStartAndIsAtMostTwoSecondsOutOfOrder() {
        GeneratorSettings s = settings(3).build();
        Generator.Run run = Generator.run(s);
        long start = s.start().toEpochMilli();
        long maxSeen = Long.MIN_VALUE;
        for (GeneratedRecord r : run.records()) {
            assertThat(r.eventTime()).isGreaterThanOrEqualTo(start);
            if (maxSeen != Long.MIN_VALUE) {
                assertThat(maxSeen - r.eventTime()).as("out-of-orderness of %s", r).isLessThanOrEqualTo(2_000);
            }
            maxSeen = Math.max(maxSeen, r.eventTime());
        }
        assertThat(run.groundTruth().firstEventTime()).isEqualTo(start);
        assertThat(run.groundTruth().lastEventTime()).isEqualTo(maxSeen);
    }

    @Test
    void backgroundEventsAverageTheEventRate() {
        GeneratorSettings s = GeneratorSettings.builder().seed(5).backgroundOnly().eventRate(20)
                .duration(Duration.ofMinutes(60)).tail(Duration.ZERO).build();
        Generator.Run run = Generator.run(s);
        // Past the warm-up (chains span up to ~25 min), a 30-minute window holds 30 min x 20/s = 36000 events.
        long from = s.start().plus(Duration.ofMinutes(25)).toEpochMilli();
        long to = s.start().plus(Duration.ofMinutes(55)).toEpochMilli();
        long inWindow = run.records().stream().filter(r -> r.eventTime() >= from && r.eventTime() < to).count();
        assertThat(inWindow).isBetween(34_000L, 38_000L);
    }

    @Test
    void countEndsTheMainPhaseAndWhatIsPlannedDrainsAfterIt() {
        GeneratorSettings.Builder b = GeneratorSettings.builder().seed(5).backgroundOnly().tail(Duration.ZERO);
        List<GeneratedRecord> thousand = Generator.run(b.count(1_000).build()).records();
        List<GeneratedRecord> twoThousand = Generator.run(b.count(2_000).build()).records();

        // Same seed: the longer run starts exactly like the shorter one.
        assertThat(twoThousand.subList(0, 1_000)).extracting(GeneratedRecord::key)
                .containsExactlyElementsOf(thousand.subList(0, 1_000).stream().map(GeneratedRecord::key).toList());
        assertThat(thousand.size()).isGreaterThan(1_000).isLessThan(twoThousand.size());
        // After the 1000th event only the drain runs: chains end within ~25 minutes of event time.
        long mainEnd = thousand.get(999).eventTime();
        assertThat(thousand.get(thousand.size() - 1).eventTime() - mainEnd)
                .isLessThan(Duration.ofMinutes(30).toMillis());
    }
}
