package io.infometis.streams.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.infometis.streams.events.Customer;
import io.infometis.streams.events.Order;
import io.infometis.streams.events.Payment;
import io.infometis.streams.events.RegistrySerdes;
import io.infometis.streams.events.Topics;
import io.infometis.streams.events.UserEvent;
import io.infometis.streams.generator.kafka.KafkaEventWriter;
import io.infometis.streams.generator.kafka.TopicNames;
import io.infometis.streams.testing.RealStackExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A run written to the real broker through the real registry, read back and decoded the way jobs decode it
 * (Flink's Confluent registry deserializer): every good record decodes to what was generated, every bad record
 * fails exactly as the ground truth says.
 */
class KafkaEventWriterRealStackTest {

    @RegisterExtension
    static final RealStackExtension STACK = RealStackExtension.builder().kafka().registry().build();

    private static final Map<String, Class<? extends SpecificRecord>> TYPES = Map.of(
            Topics.USER_EVENTS.name(), UserEvent.class, Topics.ORDERS.name(), Order.class,
            Topics.PAYMENTS.name(), Payment.class, Topics.CUSTOMERS.name(), Customer.class);

    private static GroundTruth truth;
    private static List<GeneratedRecord> generated;
    private static KafkaEventWriter.Summary summary;
    private static List<ConsumerRecord<byte[], byte[]>> consumed;
    private static TopicNames names;

    @BeforeAll
    static void writeARun() {
        names = renamed("writer-it");
        GeneratorSettings.Builder settings = GeneratorSettings.builder().seed(77).users(80).cards(100).count(3_000)
                .tail(Duration.ofMinutes(1)).every(ScenarioKind.CARD_TESTING, 300)
                .every(ScenarioKind.ACCOUNT_TAKEOVER, 400).every(ScenarioKind.UNPAID_ORDER, 250);
        for (BadRecordKind kind : BadRecordKind.values()) {
            settings.every(kind, 150);
        }
        Generator.Run inMemory = Generator.run(settings.build());
        generated = inMemory.records();

        Generator generator = Generator.create(settings.build());
        try (KafkaEventWriter writer = KafkaEventWriter.builder().bootstrapServers(STACK.kafkaBootstrapServers())
                .registryUrl(STACK.registryUrl()).topicNames(names).build()) {
            summary = writer.write(generator);
        }
        truth = generator.groundTruth();
        assertThat(truth).isEqualTo(inMemory.groundTruth());
        consumed = readAll(names, truth.totalRecords(), "writer-it-reader");
    }

    @Test
    void everyRecordArrivesAndCountsPerTopicMatchTheGroundTruth() {
        assertThat(summary.complete()).isTrue();
        assertThat(summary.records()).isEqualTo(truth.totalRecords());
        assertThat(consumed).hasSize((int) truth.totalRecords());
        Map<String, Long> perTopic = consumed.stream()
                .collect(Collectors.groupingBy(ConsumerRecord::topic, Collectors.counting()));
        for (String topic : TYPES.keySet()) {
            assertThat(perTopic.get(names.actual(topic))).as(topic).isEqualTo(truth.records(topic));
            assertThat(summary.recordsPerTopic().get(names.actual(topic))).as(topic).isEqualTo(truth.records(topic));
        }
    }

    @Test
    void goodRecordsDecodeWithTheRegistryToExactlyWhatWasGenerated() throws Exception {
        Map<String, SpecificRecord> expectedByEventId = new HashMap<>();
        for (GeneratedRecord r : generated) {
            if (!r.isBad()) {
                expectedByEventId.put(eventId(r.value()), r.value());
            }
        }
        Map<String, SpecificRecord> decodedByEventId = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : consumed) {
            SpecificRecord value = tryDecode(record);
            if (value != null && DeadLetterChecks.problem(value, truth.lastEventTime()).isEmpty()) {
                decodedByEventId.put(eventId(value), value);
                assertThat(record.value()[0]).as("Confluent magic byte").isZero();
                assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo(keyOf(value));
            }
        }
        assertThat(decodedByEventId).isEqualTo(expectedByEventId);
        // The scenarios' events are really there.
        truth.scenarios().forEach(s -> assertThat(decodedByEventId).containsKeys(s.eventIds().toArray(String[]::new)));
    }

    @Test
    void undecodableBadRecordsReallyFailToDecode() {
        Set<String> failed = new HashSet<>();
        for (ConsumerRecord<byte[], byte[]> record : consumed) {
            if (tryDecode(record) == null) {
                failed.add(topicOf(record) + "/" + new String(record.key(), StandardCharsets.UTF_8));
            }
        }
        Set<String> expected = truth.badRecords().stream().filter(b -> !b.kind().decodable())
                .map(b -> b.topic() + "/" + b.key()).collect(Collectors.toSet());
        assertThat(expected).hasSize(3 * 20);
        assertThat(failed).isEqualTo(expected);
    }

    @Test
    void decodableBadRecordsFailValidationForTheirKind() {
        Map<String, BadRecordKind> found = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : consumed) {
            SpecificRecord value = tryDecode(record);
            if (value != null) {
                DeadLetterChecks.problem(value, truth.lastEventTime()).ifPresent(kind -> found.put(eventId(value), kind));
            }
        }
        Map<String, BadRecordKind> expected = new HashMap<>();
        truth.badRecords().stream().filter(b -> b.kind().decodable()).forEach(b -> expected.put(b.eventId(), b.kind()));
        assertThat(expected).hasSize(4 * 20);
        assertThat(found).isEqualTo(expected);
    }

    @Test
    void liveClockStampsTheWallClockAtSendAndKeepsFutureRecordsInTheFuture() {
        TopicNames live = renamed("writer-live");
        long base = 1_000_000L;
        UserEvent login = UserEvent.newBuilder().setEventId("live-1").setEventTime(Instant.ofEpochMilli(base))
                .setUserId("u-live").setType(io.infometis.streams.events.UserEventType.LOGIN).setIp("192.0.2.1")
                .setCountry("NL").setDeviceId("d").build();
        UserEvent later = UserEvent.newBuilder(login).setEventId("live-2").setEventTime(Instant.ofEpochMilli(base + 300))
                .build();
        UserEvent future = UserEvent.newBuilder(login).setEventId("live-3")
                .setEventTime(Instant.ofEpochMilli(base + 300 + Duration.ofDays(2).toMillis())).build();
        List<GeneratedRecord> records = List.of(
                new GeneratedRecord(Topics.USER_EVENTS.name(), "u-live", login, base),
                new GeneratedRecord(Topics.USER_EVENTS.name(), "u-live", later, base + 300),
                new GeneratedRecord(Topics.USER_EVENTS.name(), "u-live", future, null, base + 300,
                        BadRecordKind.FUTURE_TIMESTAMP));

        long before = System.currentTimeMillis();
        try (KafkaEventWriter writer = KafkaEventWriter.builder().bootstrapServers(STACK.kafkaBootstrapServers())
                .registryUrl(STACK.registryUrl()).topicNames(live).clock(ClockMode.LIVE).build()) {
            writer.write(records.iterator());
        }
        long after = System.currentTimeMillis();

        Map<String, Long> times = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : readAll(live, 3, "writer-live-reader")) {
            UserEvent e = (UserEvent) tryDecode(r);
            times.put(e.getEventId(), e.getEventTime().toEpochMilli());
        }
        assertThat(times.get("live-1")).isBetween(before, after);
        // Paced by event time: the second is sent (and stamped) at least 300 ms after the first.
        assertThat(times.get("live-2")).isBetween(times.get("live-1") + 300, after);
        assertThat(times.get("live-3") - Duration.ofDays(2).toMillis()).isBetween(before, after);
    }

    @Test
    void stopEndsALiveWriteWhileItWaitsAndFlushesWhatWasSent() throws Exception {
        TopicNames stopped = renamed("writer-stop");
        UserEvent now = UserEvent.newBuilder().setEventId("stop-1").setEventTime(Instant.ofEpochMilli(0))
                .setUserId("u-stop").setType(io.infometis.streams.events.UserEventType.LOGIN).setIp("192.0.2.1")
                .setCountry("NL").setDeviceId("d").build();
        UserEvent inAnHour = UserEvent.newBuilder(now).setEventId("stop-2")
                .setEventTime(Instant.ofEpochMilli(Duration.ofHours(1).toMillis())).build();
        List<GeneratedRecord> records = List.of(
                new GeneratedRecord(Topics.USER_EVENTS.name(), "u-stop", now, 0),
                new GeneratedRecord(Topics.USER_EVENTS.name(), "u-stop", inAnHour, Duration.ofHours(1).toMillis()));

        try (KafkaEventWriter writer = KafkaEventWriter.builder().bootstrapServers(STACK.kafkaBootstrapServers())
                .registryUrl(STACK.registryUrl()).topicNames(stopped).clock(ClockMode.LIVE).build()) {
            java.util.concurrent.CompletableFuture<KafkaEventWriter.Summary> write =
                    java.util.concurrent.CompletableFuture.supplyAsync(() -> writer.write(records.iterator()));
            // The first record arrives; the writer now waits an hour for the second.
            assertThat(readAll(stopped, 1, "writer-stop-reader-1")).hasSize(1);
            writer.stop();
            KafkaEventWriter.Summary summary = write.get();

            assertThat(summary.complete()).isFalse();
            assertThat(summary.records()).isEqualTo(1);
        }
        // Nothing else was sent: the summary says so, and the topic holds the one record (a short look suffices).
        assertThat(readAll(stopped, 2, "writer-stop-reader-2", Duration.ofSeconds(5))).hasSize(1);
    }

    @Test
    void missingTopicsStopTheWriteBeforeAnythingIsSentAndAreNamed() {
        TopicNames partly = TopicNames.of(Map.of("orders", "writer-it-no-such-orders",
                "payments", "writer-it-no-such-payments"));
        try (KafkaEventWriter writer = KafkaEventWriter.builder().bootstrapServers(STACK.kafkaBootstrapServers())
                .registryUrl(STACK.registryUrl()).topicNames(partly).startupCheckTimeout(Duration.ofSeconds(2)).build()) {
            assertThatThrownBy(() -> writer.write(generated.iterator()))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("topics missing on " + STACK.kafkaBootstrapServers()
                            + ": writer-it-no-such-orders, writer-it-no-such-payments");
        }
    }

    @Test
    void aSendThatFailsFailsTheWriteInsteadOfLosingRecords() {
        // The broker refuses records over 1 KiB for this topic: the send fails after the topic check passed.
        STACK.createTopic("writer-it-small-user-events", 1);
        try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(STACK.adminProperties())) {
            admin.incrementalAlterConfigs(Map.of(
                    new org.apache.kafka.common.config.ConfigResource(
                            org.apache.kafka.common.config.ConfigResource.Type.TOPIC, "writer-it-small-user-events"),
                    List.of(new org.apache.kafka.clients.admin.AlterConfigOp(
                            new org.apache.kafka.clients.admin.ConfigEntry("max.message.bytes", "1024"),
                            org.apache.kafka.clients.admin.AlterConfigOp.OpType.SET)))).all().get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        UserEvent big = UserEvent.newBuilder().setEventId("big-1").setEventTime(Instant.ofEpochMilli(0))
                .setUserId("u-big").setType(io.infometis.streams.events.UserEventType.LOGIN).setIp("192.0.2.1")
                .setCountry("NL").setDeviceId("d".repeat(4096)).build();
        Map<String, String> renames = new HashMap<>(Map.of("user-events", "writer-it-small-user-events"));
        for (String other : List.of("orders", "payments", "customers")) {
            renames.put(other, "writer-it-" + other);
        }
        try (KafkaEventWriter writer = KafkaEventWriter.builder().bootstrapServers(STACK.kafkaBootstrapServers())
                .registryUrl(STACK.registryUrl()).topicNames(TopicNames.of(renames))
                .kafkaProperties(Map.of("compression.type", "none")).build()) {
            assertThatThrownBy(() -> writer.write(List.of(
                    new GeneratedRecord(Topics.USER_EVENTS.name(), "u-big", big, 0)).iterator()))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("sending to Kafka failed");
        }
    }

    private static TopicNames renamed(String prefix) {
        Map<String, String> renames = new HashMap<>();
        for (String topic : TYPES.keySet()) {
            renames.put(topic, prefix + "-" + topic);
            STACK.createTopic(prefix + "-" + topic, 2);
        }
        return TopicNames.of(renames);
    }

    private static List<ConsumerRecord<byte[], byte[]>> readAll(TopicNames topics, long expected, String group) {
        return readAll(topics, expected, group, Duration.ofSeconds(90));
    }

    /** Reads until {@code expected} records arrived or {@code patience} ran out. */
    private static List<ConsumerRecord<byte[], byte[]>> readAll(TopicNames topics, long expected, String group,
            Duration patience) {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(STACK.consumerProperties(group))) {
            consumer.subscribe(TYPES.keySet().stream().map(topics::actual).toList());
            long deadline = System.nanoTime() + patience.toNanos();
            while (records.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
            }
        }
        return records;
    }

    private static String topicOf(ConsumerRecord<byte[], byte[]> record) {
        return TYPES.keySet().stream().filter(t -> names.actual(t).equals(record.topic())).findFirst().orElseThrow();
    }

    /** The decoded value, or null when the registry deserializer rejects the bytes. */
    private static SpecificRecord tryDecode(ConsumerRecord<byte[], byte[]> record) {
        String catalogue = TYPES.keySet().stream()
                .filter(t -> record.topic().endsWith("-" + t)).findFirst().orElseThrow();
        try {
            return deserializer(TYPES.get(catalogue)).deserialize(record.value());
        } catch (Exception e) {
            return null;
        }
    }

    private static final Map<Class<?>, DeserializationSchema<?>> DESERIALIZERS = new HashMap<>();

    @SuppressWarnings("unchecked")
    private static <T extends SpecificRecord> DeserializationSchema<T> deserializer(Class<T> type) {
        return (DeserializationSchema<T>) DESERIALIZERS.computeIfAbsent(type,
                t -> new RegistrySerdes(STACK.registryUrl(), Map.of()).deserializer(type));
    }

    private static String eventId(SpecificRecord value) {
        return String.valueOf(value.get(value.getSchema().getField("event_id").pos()));
    }

    private static String keyOf(SpecificRecord value) {
        if (value instanceof Order o) {
            return o.getOrderId();
        } else if (value instanceof Payment p) {
            return p.getPaymentId();
        } else if (value instanceof UserEvent u) {
            return u.getUserId();
        }
        return ((Customer) value).getUserId();
    }
}
