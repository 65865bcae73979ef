package io.infometis.streams.metrics.orders;

import static io.infometis.streams.metrics.MetricsTestEvents.T0;
import static io.infometis.streams.metrics.MetricsTestEvents.created;
import static org.assertj.core.api.Assertions.assertThat;

import io.infometis.streams.events.CommerceMetric;
import io.infometis.streams.events.Order;
import io.infometis.streams.metrics.CommerceMetricsPipeline;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.streaming.api.windowing.triggers.EventTimeTrigger;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.streaming.runtime.operators.windowing.WindowOperatorBuilder;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/** The real window operator (as the job configures it) in Flink's test harness, driven by explicit watermarks. */
class OrderWindowHarnessTest {

    private static final long MINUTE = 60_000;
    private static final long LATENESS = 30_000;
    private static final long T = T0.toEpochMilli();

    @Test
    void onTimeResultThenLateUpdateOfTheSameDocumentThenTooLateToTheSideOutput() throws Exception {
        try (var harness = harness()) {
            harness.processElement(record(created("o-1", "NL", "EUR", 1_000, "books", 1000)));
            harness.processElement(record(created("o-2", "DE", "EUR", 2_000, "books", 3000)));
            harness.processWatermark(T + MINUTE);

            List<CommerceMetric> onTime = metrics(harness);
            assertThat(onTime).extracting(CommerceMetric::getMetricId).containsExactly(
                    "orders:2026-06-01T10:00:00Z:DE:_all:EUR", "orders:2026-06-01T10:00:00Z:DE:books:EUR",
                    "orders:2026-06-01T10:00:00Z:NL:_all:EUR", "orders:2026-06-01T10:00:00Z:NL:books:EUR",
                    "order_amount_percentiles:2026-06-01T10:00:00Z:EUR");
            assertThat(onTime).allSatisfy(m -> assertThat(m.getUpdateCount()).isEqualTo(1));

            harness.getOutput().clear();
            // Flink: late while window end - 1 ms + lateness > watermark
            harness.processWatermark(T + MINUTE + LATENESS - 2);
            harness.processElement(record(created("o-3", "NL", "EUR", 3_000, "books", 500)));
            CommerceMetric nlBooks = metrics(harness).stream()
                    .filter(m -> m.getMetricId().equals("orders:2026-06-01T10:00:00Z:NL:books:EUR")).findFirst().orElseThrow();
            assertThat(nlBooks.getUpdateCount()).isEqualTo(2);
            assertThat(nlBooks.getOrderCount()).isEqualTo(2);
            assertThat(nlBooks.getRevenue()).isEqualTo(1500);
            assertThat(nlBooks.getAvgBasket()).isEqualTo(750.0);

            harness.getOutput().clear();
            harness.processWatermark(T + MINUTE + LATENESS - 1);
            Order tooLate = created("o-4", "NL", "EUR", 4_000, "books", 700);
            harness.processElement(record(tooLate));
            assertThat(metrics(harness)).isEmpty();
            assertThat(harness.getSideOutput(CommerceMetricsPipeline.LATE_ORDERS))
                    .extracting(StreamRecord::getValue).containsExactly(tooLate);
        }
    }

    @Test
    void windowContentsAndFiringCountSurviveASnapshotAndRestore() throws Exception {
        OperatorSubtaskState snapshot;
        try (var harness = harness()) {
            harness.processElement(record(created("o-1", "NL", "EUR", 1_000, "books", 1000)));
            harness.processWatermark(T + MINUTE);
            snapshot = harness.snapshot(1, 1);
        }
        try (var restored = unopenedHarness()) {
            restored.initializeState(snapshot);
            restored.open();
            restored.processElement(record(created("o-2", "NL", "EUR", 2_000, "books", 500)));
            // Watermarks are not state: after a restore they start again from the sources.
            restored.processWatermark(T + MINUTE);

            CommerceMetric nlBooks = metrics(restored).stream()
                    .filter(m -> m.getMetricId().equals("orders:2026-06-01T10:00:00Z:NL:books:EUR")).findFirst()
                    .orElseThrow();
            assertThat(nlBooks.getUpdateCount()).as("second firing, counted across the restore").isEqualTo(2);
            assertThat(nlBooks.getRevenue()).isEqualTo(1500);
        }
    }

    @Test
    void percentilesAreExactPerCurrency() throws Exception {
        try (var harness = harness()) {
            for (int i = 1; i <= 20; i++) {
                harness.processElement(record(created("o-" + i, "NL", "EUR", i, "books", i * 100L)));
            }
            harness.processElement(record(created("y-1", "JP", "JPY", 5, "games", 99_999)));
            harness.processWatermark(T + MINUTE);

            CommerceMetric eur = metrics(harness).stream()
                    .filter(m -> m.getMetricId().equals("order_amount_percentiles:2026-06-01T10:00:00Z:EUR")).findFirst()
                    .orElseThrow();
            assertThat(eur.getOrderCount()).isEqualTo(20);
            assertThat(eur.getAmountP50()).isEqualTo(1000.0);
            assertThat(eur.getAmountP95()).isEqualTo(1900.0);
        }
    }

    @SuppressWarnings("unchecked")
    private static List<CommerceMetric> metrics(KeyedOneInputStreamOperatorTestHarness<String, Order, CommerceMetric> h) {
        return h.getOutput().stream().filter(o -> o instanceof StreamRecord)
                .map(o -> ((StreamRecord<CommerceMetric>) o).getValue()).toList();
    }

    private static StreamRecord<Order> record(Order order) {
        return new StreamRecord<>(order, order.getEventTime().toEpochMilli());
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, Order, CommerceMetric> harness() throws Exception {
        var harness = unopenedHarness();
        harness.open();
        return harness;
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, Order, CommerceMetric> unopenedHarness()
            throws Exception {
        WindowOperatorBuilder<Order, String, TimeWindow> builder = new WindowOperatorBuilder<>(
                TumblingEventTimeWindows.of(Duration.ofMillis(MINUTE)), EventTimeTrigger.create(), new ExecutionConfig(),
                TypeInformation.of(Order.class), Order::getCurrency, Types.STRING);
        builder.allowedLateness(Duration.ofMillis(LATENESS));
        builder.sideOutputLateData(CommerceMetricsPipeline.LATE_ORDERS);
        var operator = builder.aggregate(new OrderWindowAggregate(),
                new OrderMetricsFunction(Clock.fixed(T0, ZoneOffset.UTC)), TypeInformation.of(OrderWindowAccumulator.class));
        return new KeyedOneInputStreamOperatorTestHarness<>(operator, Order::getCurrency, Types.STRING);
    }
}
