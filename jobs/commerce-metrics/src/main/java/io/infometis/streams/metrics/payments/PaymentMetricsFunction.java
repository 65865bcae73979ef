package io.infometis.streams.metrics.payments;

import io.infometis.streams.events.CommerceMetric;
import io.infometis.streams.metrics.window.MetricRecords;
import io.infometis.streams.metrics.window.WindowFirings;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/**
 * One {@code payments} metric per window: authorized and failed counts, the rates over authorized + failed
 * attempts (refunds are not attempts), and the most frequent failure reasons (most first, ties by name).
 */
public class PaymentMetricsFunction extends ProcessWindowFunction<PaymentAccumulator, CommerceMetric, String, TimeWindow> {

    private static final long serialVersionUID = 1L;

    private final Clock clock;
    private final int topReasons;

    public PaymentMetricsFunction(Clock clock, int topReasons) {
        if (topReasons < 1) {
            throw new IllegalArgumentException("topReasons must be >= 1, got " + topReasons);
        }
        this.clock = clock;
        this.topReasons = topReasons;
    }

    @Override
    public void process(String key, Context context, Iterable<PaymentAccumulator> results,
            Collector<CommerceMetric> out) throws Exception {
        PaymentAccumulator acc = results.iterator().next();
        long attempts = acc.authorized + acc.failed;
        out.collect(MetricRecords.base("payments", context.window(), WindowFirings.next(context), clock.instant())
                .setPaymentsAuthorized(acc.authorized)
                .setPaymentsFailed(acc.failed)
                .setAuthorizationRate(attempts == 0 ? null : (double) acc.authorized / attempts)
                .setFailureRate(attempts == 0 ? null : (double) acc.failed / attempts)
                .setTopFailureReasons(top(acc.failureReasons, topReasons))
                .build());
    }

    @Override
    public void clear(Context context) {
        WindowFirings.clear(context);
    }

    static List<String> top(Map<String, Long> counts, int n) {
        return counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                        .thenComparing(Map.Entry.comparingByKey()))
                .limit(n)
                .map(Map.Entry::getKey)
                .toList();
    }
}
