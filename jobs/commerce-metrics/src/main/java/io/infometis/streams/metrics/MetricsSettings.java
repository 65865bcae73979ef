package io.infometis.streams.metrics;

import java.io.Serializable;
import java.time.Clock;
import java.time.Duration;

/**
 * The job's own settings, validated on construction.
 *
 * @param window tumbling window size (event time)
 * @param allowedLateness how long after the window end a late event still updates the window
 * @param topFailureReasons how many failure reasons the payments metric lists
 * @param clock for {@code emitted_time} (tests pin it)
 */
public record MetricsSettings(Duration window, Duration allowedLateness, int topFailureReasons, Clock clock)
        implements Serializable {

    public MetricsSettings {
        if (window == null || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("window must be > 0, got " + window);
        }
        if (allowedLateness == null || allowedLateness.isNegative()) {
            throw new IllegalArgumentException("allowedLateness must be >= 0, got " + allowedLateness);
        }
        if (topFailureReasons < 1) {
            throw new IllegalArgumentException("topFailureReasons must be >= 1, got " + topFailureReasons);
        }
        if (clock == null) {
            throw new IllegalArgumentException("clock is required");
        }
    }
}
