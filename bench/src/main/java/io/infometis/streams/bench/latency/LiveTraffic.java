package io.infometis.streams.bench.latency;

import io.infometis.streams.bench.jobs.MiniClusterJob;
import io.infometis.streams.bench.measure.SourceProgress;
import io.infometis.streams.events.TopicSpec;
import io.infometis.streams.generator.BadRecordKind;
import io.infometis.streams.generator.ClockMode;
import io.infometis.streams.generator.GeneratedRecord;
import io.infometis.streams.generator.Generator;
import io.infometis.streams.generator.GeneratorSettings;
import io.infometis.streams.generator.kafka.KafkaEventWriter;
import io.infometis.streams.generator.kafka.TopicNames;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

/**
 * The generator's traffic at a fixed rate for a latency run, with event time = wall-clock time, as on a live
 * stack. Not the LIVE clock: a LIVE run spreads each activity's events over minutes, so a one-minute run would send
 * a fraction of the rate and no scenario would complete. Instead the generator plans on its SIMULATED clock,
 * {@value #PLAN_SPEEDUP}x compressed (one minute of shop activity per second, so its fraud scenarios, which span 1
 * to 16 minutes, complete within a run), the writer is held to the rate, and each record's {@code event_time} is
 * stamped with the wall clock as it is handed to the producer, exactly as the LIVE clock stamps it. So the job's
 * watermarks, out-of-orderness and idleness work in real time, each partition's events arrive in event-time order
 * (as from a LIVE generator: nothing is late), and latency is measured from {@code event_time} (= send time).
 */
public final class LiveTraffic {

    record Sent(long records, double recordsPerSecond) {}

    /** Planned shop time per second of wall time (the event times themselves are the wall clock at send). */
    static final int PLAN_SPEEDUP = 60;

    /** How many times faster than wall time the generator's plan runs (for the report). */
    public static int planSpeedup() {
        return PLAN_SPEEDUP;
    }

    private static final int USERS = 1_000;

    private LiveTraffic() {}

    static Sent send(String bootstrapServers, String registryUrl, Map<String, String> topics, double recordsPerSecond,
                     double recordsPerBackgroundEvent, Duration duration, List<TopicSpec> inputs) {
        long begin = System.nanoTime();
        try (KafkaEventWriter writer = KafkaEventWriter.builder().bootstrapServers(bootstrapServers)
                .registryUrl(registryUrl).clock(ClockMode.SIMULATED).rate(recordsPerSecond)
                .topicNames(TopicNames.of(topics)).build()) {
            KafkaEventWriter.Summary summary = writer.write(records(recordsPerSecond, recordsPerBackgroundEvent,
                    duration));
            long sent = inputs.stream().mapToLong(t -> summary.recordsPerTopic().getOrDefault(
                    topics.get(t.name()), 0L)).sum();
            return new Sent(sent, sent / ((System.nanoTime() - begin) / 1e9));
        }
    }

    /**
     * The records of a run of {@code duration} at {@code recordsPerSecond}, their {@code event_time} stamped with
     * the wall clock as each is taken.
     */
    static Iterator<GeneratedRecord> records(double recordsPerSecond, double recordsPerBackgroundEvent,
                                             Duration duration) {
        // Few users: the generator sends every user's customers profile up front, which is not the rate's traffic.
        GeneratorSettings.Builder settings = GeneratorSettings.builder().seed(11).clock(ClockMode.SIMULATED)
                .users(USERS).cards(USERS)
                .start(Instant.now())
                // Background events per second of planned time: the wall rate's, spread over PLAN_SPEEDUP seconds.
                .eventRate(Math.max(0.01, recordsPerSecond / recordsPerBackgroundEvent / PLAN_SPEEDUP))
                .count(Math.max(1, (long) (recordsPerSecond * duration.toSeconds() / recordsPerBackgroundEvent)))
                .tail(Duration.ZERO);
        for (BadRecordKind kind : BadRecordKind.values()) {
            settings.every(kind, 0);
        }
        // Cut at the run's length in records: the drain phase would add what is planned far ahead.
        long records = (long) (recordsPerSecond * duration.toSeconds()) + USERS;
        return new StampedAtSend(new UpTo(Generator.create(settings.build()), records));
    }

    /** The first {@code limit} records of a run. */
    private static final class UpTo implements Iterator<GeneratedRecord> {
        private final Iterator<GeneratedRecord> records;
        private long left;

        UpTo(Iterator<GeneratedRecord> records, long limit) {
            this.records = records;
            this.left = limit;
        }

        @Override
        public boolean hasNext() {
            return left > 0 && records.hasNext();
        }

        @Override
        public GeneratedRecord next() {
            left--;
            return records.next();
        }
    }

    /**
     * Stamps each record's {@code event_time} with the wall clock as the writer takes it (right before its rate
     * wait and send), keeping how far the value lies from its stream position (as the LIVE clock does: only
     * future-timestamp bad records, which latency runs do not send, lie elsewhere).
     */
    private static final class StampedAtSend implements Iterator<GeneratedRecord> {
        private final Iterator<GeneratedRecord> records;

        StampedAtSend(Iterator<GeneratedRecord> records) {
            this.records = records;
        }

        @Override
        public boolean hasNext() {
            return records.hasNext();
        }

        @Override
        public GeneratedRecord next() {
            GeneratedRecord record = records.next();
            SpecificRecord value = record.value();
            Schema.Field field = value == null ? null : value.getSchema().getField("event_time");
            if (field != null) {
                long offset = ((Instant) value.get(field.pos())).toEpochMilli() - record.eventTime();
                value.put(field.pos(), Instant.ofEpochMilli(System.currentTimeMillis() + offset));
            }
            return record;
        }
    }

    /** Waits until the job's readers hold every partition of its input topics: from then on it is live. */
    static void awaitSources(MiniClusterJob job, Map<String, String> topics, List<TopicSpec> inputs)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline) {
            if (inputs.stream().allMatch(t -> SourceProgress.partitions(topics.get(t.name())) >= t.partitions())) {
                return;
            }
            if (!job.isRunning()) {
                throw new IllegalStateException("the job failed to start", job.failure());
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the job's sources did not start within 2 minutes");
    }
}
