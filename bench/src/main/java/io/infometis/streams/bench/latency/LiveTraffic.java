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

/**
 * The generator's traffic at a fixed rate for a latency run. Not the LIVE clock: a LIVE run spreads each
 * activity's events over minutes, so a one-minute run would send a fraction of the rate. Instead the SIMULATED
 * clock (starting now, event time running {@value #EVENT_TIME_SPEEDUP}x faster than wall time so activities
 * overlap as in a busy shop) with the writer held to the rate, for rate x duration records; latency is measured
 * from each record's Kafka CreateTime (when it was sent).
 */
final class LiveTraffic {

    record Sent(long records, double recordsPerSecond) {}

    static final int EVENT_TIME_SPEEDUP = 10;
    private static final int USERS = 1_000;

    private LiveTraffic() {}

    static Sent send(String bootstrapServers, String registryUrl, Map<String, String> topics, double recordsPerSecond,
                     double recordsPerBackgroundEvent, Duration duration, List<TopicSpec> inputs) {
        // Few users: the generator sends every user's customers profile up front, which is not the rate's traffic.
        GeneratorSettings.Builder settings = GeneratorSettings.builder().seed(11).clock(ClockMode.SIMULATED)
                .users(USERS).cards(USERS)
                .start(Instant.now())
                .eventRate(Math.max(1, EVENT_TIME_SPEEDUP * recordsPerSecond / recordsPerBackgroundEvent))
                .count(Math.max(1, (long) (recordsPerSecond * duration.toSeconds() / recordsPerBackgroundEvent)))
                .tail(Duration.ZERO);
        for (BadRecordKind kind : BadRecordKind.values()) {
            settings.every(kind, 0);
        }
        long begin = System.nanoTime();
        try (KafkaEventWriter writer = KafkaEventWriter.builder().bootstrapServers(bootstrapServers)
                .registryUrl(registryUrl).clock(ClockMode.SIMULATED).rate(recordsPerSecond)
                .topicNames(TopicNames.of(topics)).build()) {
            Generator generator = Generator.create(settings.build());
            // Cut at the run's length in records: the drain phase would add what is planned far ahead.
            long records = (long) (recordsPerSecond * duration.toSeconds()) + USERS;
            KafkaEventWriter.Summary summary = writer.write(new UpTo(generator, records));
            long sent = inputs.stream().mapToLong(t -> summary.recordsPerTopic().getOrDefault(
                    topics.get(t.name()), 0L)).sum();
            return new Sent(sent, sent / ((System.nanoTime() - begin) / 1e9));
        }
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
