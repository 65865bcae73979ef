package io.infometis.streams.metrics.it;

import static io.infometis.streams.metrics.MetricsTestEvents.created;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.infometis.streams.common.deadletter.DeadLetterHeaders;
import io.infometis.streams.events.Order;
import io.infometis.streams.events.Topics;
import io.infometis.streams.testing.RealStackExtension;
import io.infometis.streams.testing.clients.ElasticsearchTestClient;
import io.infometis.streams.testing.clients.KafkaTestIo;
import io.infometis.streams.testing.clients.TopicReader;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Allowed lateness on the real job: a late event within the lateness updates the same document (same id, update
 * count 2, new figures); an event after it goes to the dlq with the reason and leaves the document alone. Events
 * are sent step by step, each step waiting for the job's visible reaction, so the watermark is where the test
 * says it is (one partition, parallelism 1, out-of-orderness 5 s, lateness 30 s).
 */
class LateEventsTest {

    @RegisterExtension
    static final RealStackExtension STACK = RealStackExtension.builder().kafka().registry().elasticsearch().build();

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(1).build());

    private static final String PREFIX = "itlate";
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void aLateEventUpdatesTheSameDocumentAndOneBeyondTheLatenessGoesToTheDlq() throws Exception {
        MetricsJobRunner.createTopics(STACK, PREFIX, 1);
        // Event times an hour ago, on a whole minute T; the orders carry MetricsTestEvents offsets from its T0.
        long shift = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofHours(1)).toEpochMilli()
                - io.infometis.streams.metrics.MetricsTestEvents.T0.toEpochMilli();
        Instant t = Instant.ofEpochMilli(io.infometis.streams.metrics.MetricsTestEvents.T0.toEpochMilli() + shift);
        String index = "metrics-" + PREFIX + "-" + DateTimeFormatter.ofPattern("yyyy.MM.dd").withZone(ZoneOffset.UTC).format(t);
        String firstWindow = "orders:" + t + ":NL:books:EUR";
        String secondWindow = "orders:" + t.plusSeconds(60) + ":NL:books:EUR";

        ElasticsearchTestClient es = new ElasticsearchTestClient(STACK.elasticsearchUrl());
        try (KafkaTestIo kafka = new KafkaTestIo(STACK)) {
            JobClient job = MetricsJobRunner.start(STACK, PREFIX, 1,
                    Map.of("metrics.allowed-lateness", "30 s", "watermark.out-of-orderness", "5 s"));
            try {
                send(kafka, shifted(created("o-1", "NL", "EUR", 10_000, "books", 1000), shift));
                send(kafka, shifted(created("o-2", "NL", "EUR", 20_000, "books", 3000), shift));
                send(kafka, shifted(created("o-3", "NL", "EUR", 70_000, "books", 500), shift));
                JsonNode onTime = es.awaitDocument(index, firstWindow, s -> s.path("update_count").asInt() == 1, WAIT)
                        .path("_source");
                assertThat(onTime.path("order_count").asLong()).isEqualTo(2);
                assertThat(onTime.path("revenue").asLong()).isEqualTo(4000);

                // Watermark ~T+65 s: window [T, T+60 s) is closed but within its 30 s of lateness.
                send(kafka, shifted(created("o-4", "NL", "EUR", 30_000, "books", 2000), shift));
                JsonNode updated = es.awaitDocument(index, firstWindow, s -> s.path("update_count").asInt() == 2, WAIT)
                        .path("_source");
                assertThat(updated.path("order_count").asLong()).isEqualTo(3);
                assertThat(updated.path("revenue").asLong()).isEqualTo(6000);
                assertThat(updated.path("avg_basket").asDouble()).isEqualTo(2000.0);

                // Watermark past T+120 s (the second window fires): the first window takes no more updates.
                send(kafka, shifted(created("o-5", "NL", "EUR", 130_000, "books", 700), shift));
                es.awaitDocument(index, secondWindow, s -> s.path("update_count").asInt() == 1, WAIT);
                Order tooLate = shifted(created("o-6", "NL", "EUR", 40_000, "books", 9999), shift);
                send(kafka, tooLate);

                List<ConsumerRecord<byte[], byte[]>> letters = kafka.read(PREFIX + "-dlq", 1, WAIT);
                assertThat(letters).as("exactly one dead letter: the too-late order").hasSize(1);
                ConsumerRecord<byte[], byte[]> letter = letters.get(0);
                assertThat(TopicReader.key(letter)).isEqualTo("o-6");
                assertThat(TopicReader.header(letter, DeadLetterHeaders.REASON))
                        .startsWith("late beyond allowed lateness: event_time " + tooLate.getEventTime())
                        .contains("window [" + t + ", " + t.plusSeconds(60) + ")");
                assertThat(TopicReader.header(letter, DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo(PREFIX + "-orders");
                DeserializationSchema<Order> decoder = kafka.serdes().deserializer(Order.class);
                decoder.open(null);
                assertThat(decoder.deserialize(letter.value())).as("replayable as it was").isEqualTo(tooLate);

                JsonNode after = es.document(index, firstWindow).orElseThrow().path("_source");
                assertThat(after.path("update_count").asInt()).isEqualTo(2);
                assertThat(after.path("revenue").asLong()).isEqualTo(6000);
            } finally {
                job.cancel().get();
            }
        }
    }

    private static void send(KafkaTestIo kafka, Order order) throws Exception {
        kafka.send(PREFIX + "-orders", Topics.ORDERS, order.getOrderId(), order);
    }

    private static Order shifted(Order order, long shiftMs) {
        order.setEventTime(order.getEventTime().plusMillis(shiftMs));
        return order;
    }
}
