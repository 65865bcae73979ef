package io.infometis.streams.metrics.users;

import io.infometis.streams.events.CommerceMetric;
import io.infometis.streams.metrics.window.MetricRecords;
import io.infometis.streams.metrics.window.WindowFirings;
import java.time.Clock;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/** One {@code active_users} metric per window. */
public class ActiveUsersFunction extends ProcessWindowFunction<DistinctUsers, CommerceMetric, String, TimeWindow> {

    private static final long serialVersionUID = 1L;

    private final Clock clock;

    public ActiveUsersFunction(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void process(String key, Context context, Iterable<DistinctUsers> results, Collector<CommerceMetric> out)
            throws Exception {
        out.collect(MetricRecords.base("active_users", context.window(), WindowFirings.next(context), clock.instant())
                .setActiveUsers((long) results.iterator().next().count())
                .build());
    }

    @Override
    public void clear(Context context) {
        WindowFirings.clear(context);
    }
}
