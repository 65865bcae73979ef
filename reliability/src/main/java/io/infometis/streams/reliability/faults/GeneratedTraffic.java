package io.infometis.streams.reliability.faults;

import io.infometis.streams.events.TopicSpec;
import io.infometis.streams.events.Topics;
import io.infometis.streams.generator.GeneratedRecord;
import io.infometis.streams.generator.Generator;
import io.infometis.streams.generator.GeneratorSettings;
import io.infometis.streams.generator.GroundTruth;
import io.infometis.streams.generator.ScenarioKind;
import io.infometis.streams.generator.kafka.KafkaEventWriter;
import io.infometis.streams.generator.kafka.TopicNames;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Traffic of known ground truth for the fraud-detection job: one generator run (simulated clock, injected
 * card-testing, account-takeover and unpaid-order scenarios, injected bad records), made up front and sent in
 * slices, one per phase of the suite. The fraud job reads its own copies of the topics ({@value #PREFIX}*, through
 * its {@code topic.*} keys), so its traffic and the enrichment job's never meet, and writes dead letters to its
 * own {@value #DLQ}.
 *
 * <p>An alert fires only when the watermark passes its pattern's end (unpaid order: 15 min after the order), and
 * the watermark is the slowest partition's. So after a slice only the scenarios that ended {@link #DUE_AFTER}
 * before the newest event time sent are due; an alert of a later scenario may be there already (it must be
 * right, never twice), and is due after a later slice.
 */
final class FraudTraffic {

    static final String PREFIX = "faults-fraud-";
    static final String DLQ = PREFIX + "dlq";
    /** Longest pattern span (account takeover: 30 min) plus room for the slowest partition's watermark. */
    static final Duration DUE_AFTER = Duration.ofMinutes(45);
    /** The patterns' names, as the job writes them into rule_id (FraudDetectionJob.PATTERN_NAMES). */
    static final Map<ScenarioKind, String> PATTERN = Map.of(ScenarioKind.CARD_TESTING, "card-testing",
            ScenarioKind.ACCOUNT_TAKEOVER, "account-takeover", ScenarioKind.UNPAID_ORDER, "unpaid-order");
    /** The topics the job reads; bad records of the generator's fourth topic (customers) are nobody's here. */
    private static final Set<String> READ = Set.of(Topics.PAYMENTS.name(), Topics.ORDERS.name(),
            Topics.USER_EVENTS.name());

    /** What the job must detect: pattern, key and the matched events (alert ids are the job's own hash of it). */
    record Detection(String rule, String key, List<String> eventIds) {}

    private final String bootstrapServers;
    private final String registryUrl;
    private final List<GeneratedRecord> records;
    private final GroundTruth truth;
    private final int slices;
    private int sent;
    private long newestSent = Long.MIN_VALUE;

    /** @param slices how many {@link #sendSlice} calls the run is cut into */
    FraudTraffic(String bootstrapServers, String registryUrl, int backgroundEvents, int slices) {
        this.bootstrapServers = bootstrapServers;
        this.registryUrl = registryUrl;
        this.slices = slices;
        // A day ago: inside the job's future-skew check, in this month's or last month's alerts-* index.
        Instant start = Instant.now().minus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MINUTES);
        Generator.Run run = Generator.run(GeneratorSettings.builder()
                .seed(7).users(30).cards(60).count(backgroundEvents).eventRate(0.1).start(start)
                .every(ScenarioKind.CARD_TESTING, 120)
                .every(ScenarioKind.ACCOUNT_TAKEOVER, 100)
                .every(ScenarioKind.UNPAID_ORDER, 100)
                .build());
        this.records = run.records();
        this.truth = run.groundTruth();
    }

    /** The job's own topics: copies of the catalogue's four generated topics and of dlq, under {@value #PREFIX}. */
    static List<TopicSpec> topics() {
        List<TopicSpec> specs = new ArrayList<>();
        for (String name : TopicNames.generatedTopics()) {
            TopicSpec t = Topics.byName(name).orElseThrow();
            specs.add(new TopicSpec(PREFIX + name, t.partitions(), t.compacted(), t.retention(), t.valueSchema(),
                    t.keyDescription(), t.description()));
        }
        TopicSpec dlq = Topics.DLQ;
        specs.add(new TopicSpec(DLQ, dlq.partitions(), dlq.compacted(), dlq.retention(), dlq.valueSchema(),
                dlq.keyDescription(), dlq.description()));
        return specs;
    }

    /** The job's {@code topic.*} arguments. */
    static List<String> topicArgs() {
        List<String> args = new ArrayList<>();
        for (String name : List.of(Topics.PAYMENTS.name(), Topics.ORDERS.name(), Topics.USER_EVENTS.name())) {
            args.addAll(List.of("--topic." + name, PREFIX + name));
        }
        args.addAll(List.of("--topic.dlq", DLQ));
        return args;
    }

    /** The next slice (the last one takes the rest), {@code part} of {@code parts} of it. */
    void sendSlice(int slice, int part, int parts) {
        int sliceSize = (records.size() + slices - 1) / slices;
        int sliceStart = Math.min(records.size(), slice * sliceSize);
        int sliceEnd = slice == slices - 1 ? records.size() : Math.min(records.size(), sliceStart + sliceSize);
        int from = sliceStart + (sliceEnd - sliceStart) * part / parts;
        int to = part == parts - 1 ? sliceEnd : sliceStart + (sliceEnd - sliceStart) * (part + 1) / parts;
        if (from != sent) {
            throw new IllegalStateException("slices must be sent in order: at " + sent + ", asked from " + from);
        }
        List<GeneratedRecord> batch = records.subList(from, to);
        try (KafkaEventWriter writer = KafkaEventWriter.builder().bootstrapServers(bootstrapServers)
                .registryUrl(registryUrl).topicNames(TopicNames.withPrefix(PREFIX))
                // Survives a broker restart in the middle of a slice.
                .kafkaProperties(Map.of("delivery.timeout.ms", "180000", "max.block.ms", "180000"))
                .startupCheckTimeout(Duration.ofMinutes(2))
                .build()) {
            writer.write(batch.iterator());
        }
        for (GeneratedRecord r : batch) {
            if (r.badKind() == null) {
                newestSent = Math.max(newestSent, r.eventTime());
            }
        }
        sent = to;
    }

    /** Every detection of the whole run: an alert that is none of these is wrong. */
    List<Detection> all() {
        return truth.scenarios().stream()
                .map(s -> new Detection(PATTERN.get(s.kind()), s.key(), s.eventIds())).toList();
    }

    /** The detections that must be there by now (see the class comment). */
    List<Detection> due() {
        long before = newestSent - DUE_AFTER.toMillis();
        return truth.scenarios().stream().filter(s -> s.lastEventTime() <= before)
                .map(s -> new Detection(PATTERN.get(s.kind()), s.key(), s.eventIds())).toList();
    }

    /** Keys of the bad records sent so far on the topics the job reads: each must be in {@value #DLQ} once. */
    List<String> badKeysSent() {
        Set<String> sentKeys = new java.util.HashSet<>();
        records.subList(0, sent).stream().filter(r -> r.badKind() != null && READ.contains(r.topic()))
                .forEach(r -> sentKeys.add(r.key()));
        return truth.badRecords().stream().filter(b -> READ.contains(b.topic()) && sentKeys.contains(b.key()))
                .map(GroundTruth.InjectedBadRecord::key).toList();
    }

    /** Every bad record key of the run on the topics the job reads. */
    Set<String> allBadKeys() {
        Set<String> keys = new java.util.HashSet<>();
        truth.badRecords().stream().filter(b -> READ.contains(b.topic())).forEach(b -> keys.add(b.key()));
        return keys;
    }

    int goodRecordsSent() {
        return (int) records.subList(0, sent).stream().filter(r -> r.badKind() == null).count();
    }
}
