package io.infometis.streams.bench.latency;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.Configuration;

/**
 * The latency-oriented configuration the fraud job runs with in a latency run (its throughput runs keep the
 * defaults). Its CEP patterns run in event time, so an alert can only leave once the watermark passes the event
 * that completed it: the watermark trails the newest event time by {@code watermark.out-of-orderness} (default
 * 5 s) and is emitted every {@code pipeline.auto-watermark-interval} (Flink's default 200 ms), which with the
 * defaults alone puts every alert at least 5 s behind. Hence a small out-of-orderness, a short watermark interval,
 * network buffers flushed every 10 ms instead of 100 ms (an alert crosses three operator boundaries: source to
 * pattern, pattern to sink, and the rules' path), a short checkpoint interval (read_committed consumers see an alert when the checkpoint after it completes) and a
 * short bulk interval (Elasticsearch). The price: an event arriving more than the out-of-orderness behind the newest
 * event of its partition is late and goes to {@code dlq} instead of into the patterns and rules; the run counts
 * those.
 */
public final class FraudLatencySettings {

    /** Job arguments ({@code --key value}), as {@code flink run} would pass them. */
    public static final Map<String, String> JOB_ARGUMENTS = ordered(
            "watermark.out-of-orderness", "100 ms",
            "elasticsearch.bulk.interval", "200 ms");

    /**
     * The job's Flink configuration ({@code flink run -D key=value}); the checkpoint interval is here, not in the
     * job's {@code fraud.checkpoint.interval}, because that key applies only where the cluster sets no interval
     * and the deployed one sets 10 s.
     */
    public static final Map<String, String> FLINK_SETTINGS = ordered(
            "execution.checkpointing.interval", "1 s",
            "pipeline.auto-watermark-interval", "50 ms",
            "execution.buffer-timeout.interval", "10 ms");

    /**
     * The alerts whose latency is measured: the patterns completed by an event (the alert's
     * {@code last_event_time} is that event's). Unpaid orders (a timeout) and rule windows (closed at the window
     * end) are emitted by event-time timers, not by an event: they are counted, not timed. The names are the
     * fraud job's pattern names ({@code FraudDetectionJob.PATTERN_NAMES}).
     */
    public static final List<String> TIMED_PATTERNS = List.of("card-testing", "account-takeover");

    private FraudLatencySettings() {}

    static Configuration flinkConfiguration() {
        return Configuration.fromMap(FLINK_SETTINGS);
    }

    private static Map<String, String> ordered(String... keysAndValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(map);
    }
}
