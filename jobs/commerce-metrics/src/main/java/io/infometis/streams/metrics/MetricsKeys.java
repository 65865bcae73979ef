package io.infometis.streams.metrics;

import io.infometis.streams.common.config.CommonKeys;
import io.infometis.streams.common.config.ConfigKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The commerce-metrics job's own configuration keys ({@code metrics.*}); the shared ones are in CommonKeys. */
public final class MetricsKeys {

    public static final ConfigKey<Duration> WINDOW = ConfigKey.duration("metrics.window", Duration.ofMinutes(1),
            "Size of the tumbling event-time windows").positive();
    public static final ConfigKey<Duration> ALLOWED_LATENESS = ConfigKey.duration("metrics.allowed-lateness",
            Duration.ofMinutes(1),
            "How long after a window's end (in event time) a late event still updates it; later ones go to dlq");
    public static final ConfigKey<Integer> TOP_FAILURE_REASONS = ConfigKey.integer("metrics.top-failure-reasons", 3,
            "How many failure reasons the payments metric lists, most frequent first").positive();
    public static final ConfigKey<Duration> MAX_FUTURE_SKEW = ConfigKey.duration("metrics.max-future-skew",
            Duration.ofHours(1),
            "Events stamped further than this ahead of the job's clock go to the dead-letter topic");
    public static final ConfigKey<String> INDEX_PREFIX = ConfigKey.string("metrics.index-prefix", "metrics-",
            "Elasticsearch daily indices are <prefix>yyyy.MM.dd of the window start (UTC)");
    public static final ConfigKey<Duration> CHECKPOINT_INTERVAL = ConfigKey.duration(
            "metrics.checkpoint-interval", Duration.ofSeconds(10),
            "Checkpoint interval when the cluster configuration sets none (exactly-once Kafka output commits on "
                    + "checkpoints)").positive();

    private MetricsKeys() {}

    public static List<ConfigKey<?>> own() {
        return List.of(WINDOW, ALLOWED_LATENESS, TOP_FAILURE_REASONS, MAX_FUTURE_SKEW, INDEX_PREFIX,
                CHECKPOINT_INTERVAL);
    }

    public static List<ConfigKey<?>> all() {
        List<ConfigKey<?>> all = new ArrayList<>(CommonKeys.all());
        all.addAll(own());
        return List.copyOf(all);
    }
}
