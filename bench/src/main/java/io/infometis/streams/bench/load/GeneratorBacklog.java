package io.infometis.streams.bench.load;

import io.infometis.streams.generator.BadRecordKind;
import io.infometis.streams.generator.ClockMode;
import io.infometis.streams.generator.Generator;
import io.infometis.streams.generator.GeneratorSettings;
import io.infometis.streams.events.Topics;
import io.infometis.streams.generator.kafka.KafkaEventWriter;
import io.infometis.streams.generator.kafka.TopicNames;
import io.infometis.streams.events.TopicSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The backlog every measurement reads: the generator's own traffic (SIMULATED clock, as fast as Kafka takes it,
 * with its fraud scenarios) written by its own Kafka writer, so the jobs see what they see in production.
 * Bad records are off: the ceilings measure decoding, and a poison pill there is a test's concern, not a benchmark's.
 */
public final class GeneratorBacklog {

    /** What was loaded: records per topic and how long the load took. */
    public record Loaded(long records, Map<String, Long> recordsPerTopic, double seconds) {
        public long on(String topic) {
            return recordsPerTopic.getOrDefault(topic, 0L);
        }

        /** Records per topic of the given topics: what a job reading them must get through. */
        public Map<String, Long> of(List<TopicSpec> topics) {
            Map<String, Long> counts = new LinkedHashMap<>();
            topics.forEach(t -> counts.put(t.name(), on(t.name())));
            return counts;
        }
    }

    private final String bootstrapServers;
    private final String registryUrl;

    public GeneratorBacklog(String bootstrapServers, String registryUrl) {
        this.bootstrapServers = Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        this.registryUrl = Objects.requireNonNull(registryUrl, "registryUrl");
    }

    /**
     * @param backgroundEvents the generator's count (main-phase background events; scenarios and the tail add a few)
     * @param users            distinct users (state size of the keyed jobs)
     * @param cards            distinct cards
     */
    public Loaded load(long seed, long backgroundEvents, int users, int cards) {
        return load(seed, backgroundEvents, users, cards, TopicNames.catalogue());
    }

    /** The same onto renamed topics (which must exist); counts are by catalogue topic name. */
    public Loaded load(long seed, long backgroundEvents, int users, int cards, TopicNames topics) {
        GeneratorSettings.Builder settings = GeneratorSettings.builder()
                .seed(seed).count(backgroundEvents).users(users).cards(cards).clock(ClockMode.SIMULATED);
        for (BadRecordKind kind : BadRecordKind.values()) {
            settings.every(kind, 0);
        }
        long begin = System.nanoTime();
        try (KafkaEventWriter writer = KafkaEventWriter.builder()
                .bootstrapServers(bootstrapServers).registryUrl(registryUrl).clock(ClockMode.SIMULATED)
                .topicNames(topics).build()) {
            KafkaEventWriter.Summary summary = writer.write(Generator.create(settings.build()));
            Map<String, Long> byCatalogueName = new LinkedHashMap<>();
            for (TopicSpec spec : Topics.all()) {
                Long n = summary.recordsPerTopic().get(topics.actual(spec.name()));
                if (n != null) {
                    byCatalogueName.put(spec.name(), n);
                }
            }
            return new Loaded(summary.records(), byCatalogueName, (System.nanoTime() - begin) / 1e9);
        }
    }
}
