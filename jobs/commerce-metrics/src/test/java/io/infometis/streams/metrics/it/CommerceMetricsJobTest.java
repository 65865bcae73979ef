package io.infometis.streams.metrics.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.infometis.streams.common.deadletter.DeadLetterHeaders;
import io.infometis.streams.events.Topics;
import io.infometis.streams.generator.BadRecordKind;
import io.infometis.streams.generator.GeneratedRecord;
import io.infometis.streams.generator.Generator;
import io.infometis.streams.generator.GeneratorSettings;
import io.infometis.streams.generator.GroundTruth;
import io.infometis.streams.sinks.elasticsearch.PiiMasking;
import io.infometis.streams.testing.RealStackExtension;
import io.infometis.streams.testing.clients.ElasticsearchTestClient;
import io.infometis.streams.testing.clients.KafkaTestIo;
import io.infometis.streams.testing.clients.TopicReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The job on the generator's seeded traffic (with its injected bad records) through real Kafka, registry and
 * Elasticsearch: every closed window's documents equal the figures {@link ExpectedMetrics} computes from the same
 * records, the Kafka output carries the same metric ids, and every injected bad record on the job's topics is in
 * the dlq with its reason, no more, no fewer.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CommerceMetricsJobTest {

    @RegisterExtension
    static final RealStackExtension STACK = RealStackExtension.builder().kafka().registry().elasticsearch().build();

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    private static final String PREFIX = "itgen";
    private static final long WINDOW_MS = 60_000;
    private static final Set<String> JOB_TOPICS =
            Set.of(Topics.ORDERS.name(), Topics.PAYMENTS.name(), Topics.USER_EVENTS.name());

    private final ExpectedMetrics expected = new ExpectedMetrics(WINDOW_MS);
    private final Map<String, Long> lastEventTime = new HashMap<>();
    private GroundTruth truth;
    private KafkaTestIo kafka;
    private JobClient job;

    @BeforeAll
    void generateSendAndStart() throws Exception {
        MetricsJobRunner.createTopics(STACK, PREFIX, 2);
        GeneratorSettings.Builder settings = GeneratorSettings.builder().seed(7).users(150).count(1_500)
                .eventRate(25).tail(Duration.ofMinutes(3))
                .start(Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(3)))
                .backgroundOnly();
        for (BadRecordKind kind : BadRecordKind.values()) {
            settings.every(kind, 120);
        }
        Generator.Run run = Generator.run(settings.build());
        truth = run.groundTruth();

        kafka = new KafkaTestIo(STACK);
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (GeneratedRecord r : run.records()) {
            if (!JOB_TOPICS.contains(r.topic())) {
                continue;
            }
            byte[] value = r.valueBytes((topic, v) -> kafka.encode(Topics.byName(topic).orElseThrow(), v));
            records.add(new ProducerRecord<>(PREFIX + "-" + r.topic(), r.key().getBytes(StandardCharsets.UTF_8), value));
            if (!r.isBad()) {
                expected.add(r.value());
                lastEventTime.merge(r.topic(), r.eventTime(), Math::max);
            }
        }
        kafka.sendAll(records);
        job = MetricsJobRunner.start(STACK, PREFIX, 2, Map.of());
    }

    @AfterAll
    void stop() throws Exception {
        if (job != null) {
            job.cancel().get();
        }
        kafka.close();
    }

    @Test
    void everyClosedWindowMatchesTheFiguresComputedFromTheGeneratorsRecords() throws Exception {
        // Windows that end two minutes before the last event of every topic have certainly fired.
        long closedBefore = lastEventTime.values().stream().mapToLong(Long::longValue).min().orElseThrow() - 120_000;
        Map<String, Map<String, Object>> want = expected.documents(closedBefore, 3);
        assertThat(want).as("the run spans several windows of every metric").hasSizeGreaterThan(20);

        ElasticsearchTestClient es = new ElasticsearchTestClient(STACK.elasticsearchUrl());
        Map<String, JsonNode> got = new TreeMap<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (got.size() < want.size() && System.nanoTime() < deadline) {
            got.clear();
            JsonNode hits = es.search("metrics-" + PREFIX + "-*", "{\"size\":10000}").path("hits").path("hits");
            for (JsonNode hit : hits) {
                if (want.containsKey(hit.path("_id").asText())) {
                    got.put(hit.path("_id").asText(), hit.path("_source"));
                }
            }
            Thread.sleep(500);
        }
        assertThat(got.keySet()).containsExactlyInAnyOrderElementsOf(want.keySet());
        // The job reads user events, which carry IPs: no e-mail or IP address reaches a metric document.
        assertThat(got.values()).allSatisfy(doc -> assertThat(PiiMasking.containsPii(doc.toString()))
                .as("raw e-mail/IP in " + doc).isFalse());
        want.forEach((id, fields) -> {
            JsonNode doc = got.get(id);
            fields.forEach((field, value) -> {
                JsonNode actual = doc.path(field);
                if (value instanceof List<?> list) {
                    List<String> values = new ArrayList<>();
                    actual.forEach(v -> values.add(v.asText()));
                    assertThat(values).as(id + " " + field).isEqualTo(list);
                } else if (value instanceof Double d) {
                    assertThat(actual.asDouble()).as(id + " " + field).isCloseTo(d, org.assertj.core.data.Offset.offset(1e-9));
                } else if (value instanceof Long l) {
                    assertThat(actual.asLong()).as(id + " " + field).isEqualTo(l);
                } else {
                    assertThat(actual.asText()).as(id + " " + field).isEqualTo(value);
                }
            });
            assertThat(doc.path("update_count").asInt()).as(id + " on time, no late updates").isEqualTo(1);
        });

        List<ConsumerRecord<byte[], byte[]>> published = kafka.read(PREFIX + "-commerce-metrics", want.size(),
                Duration.ofSeconds(30));
        assertThat(published.stream().map(TopicReader::key).toList()).containsAll(want.keySet());
    }

    @Test
    void everyInjectedBadRecordOnTheJobsTopicsIsInTheDlqWithItsReason() {
        List<GroundTruth.InjectedBadRecord> injected = truth.badRecords().stream()
                .filter(b -> JOB_TOPICS.contains(b.topic())).toList();
        assertThat(injected).extracting(GroundTruth.InjectedBadRecord::kind)
                .as("the run injected every kind").containsAll(Set.of(BadRecordKind.values()));

        List<ConsumerRecord<byte[], byte[]>> letters = kafka.read(PREFIX + "-dlq", injected.size(), Duration.ofSeconds(90));

        Map<String, Long> wantedPerReason = new TreeMap<>();
        for (GroundTruth.InjectedBadRecord bad : injected) {
            wantedPerReason.merge(PREFIX + "-" + bad.topic() + " " + reasonStart(bad), 1L, Long::sum);
        }
        Map<String, Long> gotPerReason = new TreeMap<>();
        for (ConsumerRecord<byte[], byte[]> letter : letters) {
            String reason = TopicReader.header(letter, DeadLetterHeaders.REASON);
            String topic = TopicReader.header(letter, DeadLetterHeaders.SOURCE_TOPIC);
            String matched = wantedPerReason.keySet().stream()
                    .filter(k -> k.startsWith(topic + " ") && reason.startsWith(k.substring(topic.length() + 1)))
                    .findFirst().orElse(topic + " UNEXPECTED " + reason);
            gotPerReason.merge(matched, 1L, Long::sum);
        }
        assertThat(gotPerReason).isEqualTo(wantedPerReason);
    }

    private static String reasonStart(GroundTruth.InjectedBadRecord bad) {
        String type = switch (bad.topic()) {
            case "orders" -> "Order";
            case "payments" -> "Payment";
            default -> "UserEvent";
        };
        return switch (bad.kind()) {
            case GARBAGE, UNKNOWN_SCHEMA_ID, TRUNCATED_AVRO -> "cannot decode Avro";
            case MISSING_ID -> "invalid " + type + ": missing " + switch (bad.topic()) {
                case "orders" -> "order_id";
                case "payments" -> "payment_id";
                default -> "user_id";
            };
            case NEGATIVE_AMOUNT -> "invalid " + type + ": negative amount";
            case UNKNOWN_CURRENCY -> "invalid " + type + ": unknown currency";
            case FUTURE_TIMESTAMP -> "invalid " + type + ": event_time";
        };
    }
}
