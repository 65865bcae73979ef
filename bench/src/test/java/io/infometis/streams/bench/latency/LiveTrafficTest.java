package io.infometis.streams.bench.latency;

import static org.assertj.core.api.Assertions.assertThat;

import io.infometis.streams.events.Payment;
import io.infometis.streams.events.PaymentStatus;
import io.infometis.streams.generator.GeneratedRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The latency runs' traffic, without Kafka: what it would send, in order. */
class LiveTrafficTest {

    /** About what the backlog has: records on the fraud job's input topics per background event. */
    private static final double RECORDS_PER_BACKGROUND_EVENT = 1.7;

    @Test
    void everyEventTimeIsTheWallClockWhenTheRecordIsTaken() {
        Iterator<GeneratedRecord> records = LiveTraffic.records(2_000, RECORDS_PER_BACKGROUND_EVENT,
                Duration.ofSeconds(5));
        long taken = 0;
        while (records.hasNext()) {
            long before = System.currentTimeMillis();
            GeneratedRecord record = records.next();
            long after = System.currentTimeMillis();
            Instant eventTime = (Instant) record.value().get(record.value().getSchema().getField("event_time").pos());
            assertThat(eventTime.toEpochMilli()).as("event_time of %s", record).isBetween(before, after);
            taken++;
        }
        assertThat(taken).isEqualTo(2_000 * 5 + 1_000);
    }

    /**
     * The run the smoke profile makes (10 s) at a low rate: card-testing scenarios (failed payments in a row on a
     * fresh card, then an authorized one: what the fraud job's pattern alerts on) complete within it, so the
     * latency run has alerts to time. (With the generator's plan slower than wall time none did.)
     */
    @Test
    void cardTestingScenariosCompleteWithinASmokeLengthRun() {
        Iterator<GeneratedRecord> records = LiveTraffic.records(2_000, RECORDS_PER_BACKGROUND_EVENT,
                Duration.ofSeconds(10));
        Map<String, Integer> failuresInARow = new HashMap<>();
        int completed = 0;
        while (records.hasNext()) {
            if (records.next().value() instanceof Payment p) {
                if (p.getStatus() == PaymentStatus.FAILED) {
                    failuresInARow.merge(p.getCardFingerprint(), 1, Integer::sum);
                } else if (p.getStatus() == PaymentStatus.AUTHORIZED) {
                    Integer failures = failuresInARow.remove(p.getCardFingerprint());
                    if (failures != null && failures >= 3) {
                        completed++;
                    }
                }
            }
        }
        assertThat(completed).isGreaterThanOrEqualTo(5);
    }
}
