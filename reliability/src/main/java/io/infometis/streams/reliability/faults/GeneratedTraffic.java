package io.infometis.streams.reliability.faults;

import io.infometis.streams.events.TopicSpec;
import io.infometis.streams.events.Topics;
import io.infometis.streams.generator.BadRecordKind;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Traffic of known ground truth for the fraud-detection and commerce-metrics jobs: one generator run (simulated
 * clock, injected card-testing, account-takeover and unpaid-order scenarios, injected bad records), made up front
 * and sent in slices, one per phase of the suite. Both jobs read copies of the catalogue topics under
 * {@value #PREFIX} (through their {@code topic.*} keys), so this traffic and the enrichment job's never meet; each
 * writes dead letters to its own dlq.
 *
 * <p>An alert fires, and a window closes, only when the watermark passes its end (unpaid order: 15 min after the
 * order), and the watermark is the slowest partition's. So after a slice only what ended {@link #DUE_AFTER}
 * before the newest event time sent is due; output of later event times may be there already (it must be right,
 * never twice), and is due after a later slice.
 */
final class GeneratedTraffic {

    static final String PREFIX = "faults-gen-";
    /** Background events per second of event time: sparse enough that a slice spans over an hour of it. */
    static final double EVENT_RATE = 0.1;
    static final String FRAUD_DLQ = PREFIX + "fraud-dlq";
    static final String METRICS_DLQ = PREFIX + "metrics-dlq";
    static final String METRICS_OUTPUT = PREFIX + "commerce-metrics";
    /** Longest pattern span (account takeover: 30 min) plus room for the slowest partition's watermark (windows
     *  of the metrics job are 1 min, their allowed lateness 1 min). */
    static final Duration DUE_AFTER = Duration.ofMinutes(45);
    /** The patterns' names, as the job writes them into rule_id (FraudDetectionJob.PATTERN_NAMES). */
    static final Map<ScenarioKind, String> PATTERN = Map.of(ScenarioKind.CARD_TESTING, "card-testing",
            ScenarioKind.ACCOUNT_TAKEOVER, "account-takeover", ScenarioKind.UNPAID_ORDER, "unpaid-order");
    /** The topics both jobs read; bad records of the generator's fourth topic (customers) are nobody's here. */
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
    GeneratedTraffic(String bootstrapServers, String registryUrl, int backgroundEvents, int slices) {
        this.bootstrapServers = bootstrapServers;
        this.registryUrl = registryUrl;
        this.slices = slices;
        // The whole run must lie in the past (the jobs send events more than 1 h ahead of their clock to the dlq):
        // it spans backgroundEvents / EVENT_RATE seconds plus the generator's tail; 3 h of room.
        Instant start = Instant.now().minusSeconds((long) (backgroundEvents / EVENT_RATE))
                .minus(3, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MINUTES);
        GeneratorSettings.Builder settings = GeneratorSettings.builder()
                .seed(7).users(30).cards(60).count(backgroundEvents).eventRate(EVENT_RATE).start(start)
                .every(ScenarioKind.CARD_TESTING, 120)
                .every(ScenarioKind.ACCOUNT_TAKEOVER, 100)
                .every(ScenarioKind.UNPAID_ORDER, 100);
        // Every kind of bad record in every slice, so each fault meets some.
        for (BadRecordKind kind : BadRecordKind.values()) {
            settings.every(kind, 250);
        }
        Generator.Run run = Generator.run(settings.build());
        this.records = run.records();
        this.truth = run.groundTruth();
    }

    /**
     * The jobs' own topics: copies of the catalogue's four generated topics under {@value #PREFIX}, a dlq each,
     * and the metrics job's output (the catalogue's commerce-metrics stays empty).
     */
    static List<TopicSpec> topics() {
        List<TopicSpec> specs = new ArrayList<>();
        for (String name : TopicNames.generatedTopics()) {
            specs.add(copy(Topics.byName(name).orElseThrow(), PREFIX + name));
        }
        specs.add(copy(Topics.DLQ, FRAUD_DLQ));
        specs.add(copy(Topics.DLQ, METRICS_DLQ));
        specs.add(copy(Topics.COMMERCE_METRICS, METRICS_OUTPUT));
        return specs;
    }

    private static TopicSpec copy(TopicSpec t, String name) {
        return new TopicSpec(name, t.partitions(), t.compacted(), t.retention(), t.valueSchema(), t.keyDescription(),
                t.description());
    }

    /** A job's {@code topic.*} arguments: the generated copies of what it reads, and its own dlq. */
    static List<String> topicArgs(String dlq) {
        List<String> args = new ArrayList<>();
        for (String name : READ.stream().sorted().toList()) {
            args.addAll(List.of("--topic." + name, PREFIX + name));
        }
        args.addAll(List.of("--topic.dlq", dlq));
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
        long before = dueBefore();
        return truth.scenarios().stream().filter(s -> s.lastEventTime() <= before)
                .map(s -> new Detection(PATTERN.get(s.kind()), s.key(), s.eventIds())).toList();
    }

    /** Keys of the bad records sent so far on the topics the jobs read: each must be in each job's dlq once. */
    List<String> badKeysSent() {
        // From the records sent, not by key from the ground truth: missing-id records all share the empty key.
        return records.subList(0, sent).stream().filter(r -> r.badKind() != null && READ.contains(r.topic()))
                .map(GeneratedRecord::key).toList();
    }

    /** Every bad record key of the run on the topics the job reads. */
    /** Dead letters against the bad records sent: per key, how many are missing, seen twice, or not bad at all. */
    record Letters(int lost, int duplicates, int unexpected) {}

    Letters letters(Map<String, Integer> lettersPerKey) {
        Map<String, Integer> expected = new HashMap<>();
        badKeysSent().forEach(k -> expected.merge(k, 1, Integer::sum));
        int lost = 0;
        int duplicates = 0;
        for (Map.Entry<String, Integer> e : expected.entrySet()) {
            int seen = lettersPerKey.getOrDefault(e.getKey(), 0);
            lost += Math.max(0, e.getValue() - seen);
            duplicates += Math.max(0, seen - e.getValue());
        }
        Set<String> allBad = allBadKeys();
        int unexpected = lettersPerKey.entrySet().stream().filter(e -> !allBad.contains(e.getKey()))
                .mapToInt(Map.Entry::getValue).sum();
        return new Letters(lost, duplicates, unexpected);
    }

    Set<String> allBadKeys() {
        Set<String> keys = new java.util.HashSet<>();
        truth.badRecords().stream().filter(b -> READ.contains(b.topic())).forEach(b -> keys.add(b.key()));
        return keys;
    }

    /** The good records of the whole run, and the event time by which their output is due. */
    List<GeneratedRecord> goodRecords() {
        return records.stream().filter(r -> r.badKind() == null).toList();
    }

    long dueBefore() {
        return newestSent - DUE_AFTER.toMillis();
    }
}
