package io.infometis.streams.bench.load;

import java.time.Duration;
import java.util.Map;

/**
 * The watermark alignment every job run of the harness reads the backlog with: the jobs and their SQL peer. The
 * read-decode-discard ceiling runs without it (what reading costs) and with it (what the alignment holds back).
 *
 * <p>Why not the jobs' deployed 10 min per 1 s: the backlog is sparse in event time (the generator's simulated
 * clock), so a run reading tens of thousands of records per second moves event time by thousands of seconds per
 * second, and alignment moves it by at most one max drift per update interval (FLINK-37399). With the deployed
 * pair, the read-decode-discard ceiling read {@code payments} at 45,686 records/s with a third of a core busy
 * (7.8 CPU s per million): held back, not working. 1 h per 200 ms allows 18 times as much in event time.
 */
public final class BacklogAlignment {

    public static final Duration MAX_DRIFT = Duration.ofHours(1);
    public static final Duration UPDATE_INTERVAL = Duration.ofMillis(200);

    private BacklogAlignment() {}

    /** The jobs' {@code source.watermark-alignment.*} keys with these values. */
    public static Map<String, String> jobArguments() {
        return Map.of("source.watermark-alignment.max-drift", MAX_DRIFT.toMillis() + " ms",
                "source.watermark-alignment.update-interval", UPDATE_INTERVAL.toMillis() + " ms");
    }
}
