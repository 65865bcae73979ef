package io.infometis.streams.sinks.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.infometis.streams.common.config.JobConfig;
import io.infometis.streams.common.deadletter.DeadLetterHeaders;
import io.infometis.streams.testing.RealStackExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The sink factory against the real Elasticsearch and Kafka, in a real Flink job: documents land and are found by
 * search, writes are idempotent, an older version never overwrites a newer one, and a document Elasticsearch
 * rejects goes to the dead-letter topic while the job finishes normally.
 */
class ElasticsearchSinkTest {

    @RegisterExtension
    static final RealStackExtension STACK = RealStackExtension.builder().kafka().elasticsearch().build();

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(1).build());

    private static final String DLQ = "es-sink-dlq";

    /** A test element: public fields make it a Flink POJO. */
    public static class Widget {
        public String index;
        public String id;
        public String json;
        public WriteMode mode;
        public long version;

        public Widget() {}

        Widget(String index, String id, String json, WriteMode mode, long version) {
            this.index = index;
            this.id = id;
            this.json = json;
            this.mode = mode;
            this.version = version;
        }
    }

    @BeforeAll
    static void templatesAndTopic() {
        STACK.createTopic(DLQ, 1);
        IndexTemplates.installAll(settings());
    }

    @Test
    void documentsAreBulkWrittenAndFoundBySearch() throws Exception {
        String index = "widgets-search";
        run(new Widget(index, "w-1", doc("w-1", "bolt", 3, 1), WriteMode.UPSERT, 0),
                new Widget(index, "w-2", doc("w-2", "nut", 5, 1), WriteMode.REPLACE, 0),
                new Widget(index, "w-3", doc("w-3", "gear", 7, 1), WriteMode.EXTERNAL_VERSION, 1));

        JsonNode hits = EsHttp.search(STACK.elasticsearchUrl(), index).path("hits").path("hits");
        assertThat(hits).hasSize(3);
        assertThat(hits.get(0).path("_source").path("name").asText()).isEqualTo("bolt");
        assertThat(hits.get(2).path("_source").path("count").asInt()).isEqualTo(7);
    }

    @Test
    void writingTheSameIdsAgainLeavesOneDocumentPerId() throws Exception {
        String index = "widgets-replay";
        Widget first = new Widget(index, "w-1", doc("w-1", "bolt", 3, 1), WriteMode.UPSERT, 0);
        Widget partial = new Widget(index, "w-1", "{\"count\":4}", WriteMode.UPSERT, 0);
        run(first, partial);
        run(first, partial); // a replay after a failure

        JsonNode hits = EsHttp.search(STACK.elasticsearchUrl(), index).path("hits").path("hits");
        assertThat(hits).hasSize(1);
        assertThat(hits.get(0).path("_source").path("name").asText()).as("upsert merges").isEqualTo("bolt");
        assertThat(hits.get(0).path("_source").path("count").asInt()).isEqualTo(4);
    }

    @Test
    void anOlderVersionNeverOverwritesANewerOne() throws Exception {
        String index = "widgets-versions";
        run(new Widget(index, "w-1", doc("w-1", "new", 2, 20), WriteMode.EXTERNAL_VERSION, 20),
                new Widget(index, "w-1", doc("w-1", "old", 1, 10), WriteMode.EXTERNAL_VERSION, 10),
                new Widget(index, "w-1", doc("w-1", "new", 2, 20), WriteMode.EXTERNAL_VERSION, 20));

        assertThat(EsHttp.search(STACK.elasticsearchUrl(), index).path("hits").path("hits")).hasSize(1);
        JsonNode hit = EsHttp.get(STACK.elasticsearchUrl() + "/" + index + "/_doc/w-1");
        assertThat(hit.path("_source").path("name").asText()).isEqualTo("new");
        assertThat(hit.path("_version").asLong()).isEqualTo(20);
    }

    @Test
    void aDocumentElasticsearchRejectsGoesToTheDeadLetterTopicAndTheJobGoesOn() throws Exception {
        String index = "widgets-rejects";
        run(new Widget(index, "w-good", doc("w-good", "ok", 1, 1), WriteMode.REPLACE, 0),
                new Widget(index, "w-bad", "{\"id\":\"w-bad\",\"count\":\"many\"}", WriteMode.REPLACE, 0),
                new Widget(index, "w-unknown", "{\"id\":\"w-unknown\",\"colour\":\"red\"}", WriteMode.UPSERT, 0),
                new Widget(index, "w-good-2", doc("w-good-2", "ok", 2, 1), WriteMode.REPLACE, 0));

        JsonNode hits = EsHttp.search(STACK.elasticsearchUrl(), index).path("hits").path("hits");
        assertThat(hits).hasSize(2);
        List<ConsumerRecord<byte[], byte[]>> letters = readDeadLetters(2);
        assertThat(letters).extracting(r -> new String(r.key(), StandardCharsets.UTF_8))
                .containsExactlyInAnyOrder("w-bad", "w-unknown");
        for (ConsumerRecord<byte[], byte[]> letter : letters) {
            assertThat(header(letter, DeadLetterHeaders.REASON))
                    .startsWith("Elasticsearch rejected the document (BAD_REQUEST)");
            assertThat(header(letter, DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo("elasticsearch:" + index);
            assertThat(header(letter, DeadLetterHeaders.JOB)).isEqualTo("es-sink-test");
        }
        ConsumerRecord<byte[], byte[]> bad = letters.stream()
                .filter(r -> new String(r.key(), StandardCharsets.UTF_8).equals("w-bad")).findFirst().orElseThrow();
        assertThat(header(bad, DeadLetterHeaders.REASON)).contains("mapper_parsing_exception");
        assertThat(new String(bad.value(), StandardCharsets.UTF_8)).isEqualTo("{\"id\":\"w-bad\",\"count\":\"many\"}");
    }

    private static void run(Widget... widgets) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        JobConfig config = JobConfig.of(Map.of("kafka.bootstrap.servers", STACK.kafkaBootstrapServers(),
                "topic.dlq", DLQ));
        DocumentMapper<Widget> mapper = w -> new ElasticsearchDocument(w.index, w.id, w.json, w.mode, w.version);
        env.fromData(widgets).sinkTo(ElasticsearchSinks.sink(settings(), mapper, config, "es-sink-test"))
                .uid("es-sink");
        env.execute("es-sink-test");
    }

    private static ElasticsearchSettings settings() {
        return ElasticsearchSettings.builder().hosts(STACK.elasticsearchUrl()).bulkMaxActions(100)
                .bulkInterval(Duration.ofMillis(200)).build();
    }

    private static String doc(String id, String name, int count, long version) {
        return "{\"id\":\"" + id + "\",\"name\":\"" + name + "\",\"count\":" + count + ",\"version\":" + version + "}";
    }

    private static List<ConsumerRecord<byte[], byte[]>> readDeadLetters(int expected) {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(STACK.consumerProperties("es-dlq-reader"))) {
            consumer.subscribe(List.of(DLQ));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (records.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            consumer.poll(Duration.ofSeconds(1)).forEach(records::add);
        }
        return records;
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
