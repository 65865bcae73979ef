package io.infometis.streams.generator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What one run injected, so tests and benchmarks can check detections exactly. Times are epoch milliseconds of
 * event time; topics are catalogue names (before any renaming by the writer).
 *
 * @param seed the run's seed
 * @param firstEventTime event time of the first record
 * @param lastEventTime event time of the last record
 * @param scenarios injected scenarios, in injection order
 * @param badRecords injected bad records, in send order
 * @param recordsPerTopic every record sent per topic, good and bad
 */
public record GroundTruth(long seed, long firstEventTime, long lastEventTime, List<InjectedScenario> scenarios,
        List<InjectedBadRecord> badRecords, Map<String, Long> recordsPerTopic) {

    /** Unknown fields are ignored, so older readers accept ground truths that gained fields. */
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .disable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public GroundTruth {
        scenarios = List.copyOf(scenarios);
        badRecords = List.copyOf(badRecords);
        recordsPerTopic = java.util.Collections.unmodifiableMap(new TreeMap<>(recordsPerTopic));
    }

    /**
     * One injected scenario.
     *
     * @param kind what was injected
     * @param key what a detection is keyed by: card fingerprint, user id or order id (see {@link ScenarioKind})
     * @param eventIds the event ids a detection matches, in event-time order
     * @param firstEventTime event time of the first of them
     * @param lastEventTime event time of the last of them
     * @param details human-readable facts (user, order, amount, countries...)
     */
    public record InjectedScenario(ScenarioKind kind, String key, List<String> eventIds, long firstEventTime,
            long lastEventTime, Map<String, String> details) {
        public InjectedScenario {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(key, "key");
            eventIds = List.copyOf(eventIds);
            details = java.util.Collections.unmodifiableMap(new TreeMap<>(details));
        }
    }

    /**
     * One injected bad record.
     *
     * @param topic catalogue topic it was sent to
     * @param kind what is wrong with it
     * @param key its Kafka key
     * @param eventId its event_id when it has a decodable value, else null
     * @param eventTime its position in event time
     */
    public record InjectedBadRecord(String topic, BadRecordKind kind, String key, String eventId, long eventTime) {
        public InjectedBadRecord {
            Objects.requireNonNull(topic, "topic");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(key, "key");
        }
    }

    public List<InjectedScenario> scenarios(ScenarioKind kind) {
        return scenarios.stream().filter(s -> s.kind() == kind).toList();
    }

    public List<InjectedBadRecord> badRecords(BadRecordKind kind) {
        return badRecords.stream().filter(b -> b.kind() == kind).toList();
    }

    /** Records sent to a catalogue topic, good and bad. */
    public long records(String topic) {
        return recordsPerTopic.getOrDefault(topic, 0L);
    }

    public long totalRecords() {
        return recordsPerTopic.values().stream().mapToLong(Long::longValue).sum();
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static GroundTruth fromJson(String json) {
        try {
            return JSON.readValue(json, GroundTruth.class);
        } catch (IOException e) {
            throw new UncheckedIOException("not a ground-truth JSON document: " + e.getMessage(), e);
        }
    }

    public void write(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, toJson() + System.lineSeparator());
    }

    public static GroundTruth read(Path file) throws IOException {
        return fromJson(Files.readString(file));
    }
}
