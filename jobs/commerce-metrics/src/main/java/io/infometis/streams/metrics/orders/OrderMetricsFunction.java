package io.infometis.streams.metrics.orders;

import io.infometis.streams.events.CommerceMetric;
import io.infometis.streams.metrics.window.MetricRecords;
import io.infometis.streams.metrics.window.Percentiles;
import io.infometis.streams.metrics.window.WindowFirings;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/**
 * Keyed by currency (sums of different currencies mean nothing): one {@code orders} metric per (country, category)
 * and per country over all categories, and one {@code order_amount_percentiles} metric (p50/p95, exact) per
 * currency. Amounts in minor units.
 */
public class OrderMetricsFunction
        extends ProcessWindowFunction<OrderWindowAccumulator, CommerceMetric, String, TimeWindow> {

    private static final long serialVersionUID = 1L;

    private final Clock clock;

    public OrderMetricsFunction(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void process(String currency, Context context, Iterable<OrderWindowAccumulator> results,
            Collector<CommerceMetric> out) throws Exception {
        OrderWindowAccumulator acc = results.iterator().next();
        int firing = WindowFirings.next(context);
        TimeWindow window = context.window();
        Instant emitted = clock.instant();
        List<OrderCell> cells = acc.cells.values().stream()
                .sorted(Comparator.comparing((OrderCell c) -> c.country).thenComparing(c -> c.category))
                .toList();
        for (OrderCell cell : cells) {
            out.collect(MetricRecords.base("orders", window, firing, emitted, cell.country, cell.category, currency)
                    .setCountry(cell.country)
                    .setCategory(cell.category)
                    .setCurrency(currency)
                    .setOrderCount(cell.orders)
                    .setRevenue(cell.revenue)
                    .setAvgBasket((double) cell.revenue / cell.orders)
                    .build());
        }
        if (!acc.amounts.isEmpty()) {
            Percentiles percentiles = Percentiles.of(acc.amounts);
            out.collect(MetricRecords.base("order_amount_percentiles", window, firing, emitted, currency)
                    .setCurrency(currency)
                    .setOrderCount((long) acc.amounts.size())
                    .setAmountP50(percentiles.nearestRank(50))
                    .setAmountP95(percentiles.nearestRank(95))
                    .build());
        }
    }

    @Override
    public void clear(Context context) {
        WindowFirings.clear(context);
    }
}
