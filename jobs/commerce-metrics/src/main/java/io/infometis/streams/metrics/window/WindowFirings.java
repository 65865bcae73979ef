package io.infometis.streams.metrics.window;

import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;

/**
 * Counts how often a window has fired, in per-window state: 1 for the on-time result, +1 for each late update
 * within the allowed lateness ({@code update_count}). Flink drops the state with the window.
 */
public final class WindowFirings {

    private static final ValueStateDescriptor<Integer> FIRINGS = new ValueStateDescriptor<>("window-firings", Integer.class);

    private WindowFirings() {}

    public static int next(ProcessWindowFunction<?, ?, ?, ?>.Context context) throws Exception {
        ValueState<Integer> firings = context.windowState().getState(FIRINGS);
        int next = firings.value() == null ? 1 : firings.value() + 1;
        firings.update(next);
        return next;
    }

    public static void clear(ProcessWindowFunction<?, ?, ?, ?>.Context context) {
        context.windowState().getState(FIRINGS).clear();
    }
}
