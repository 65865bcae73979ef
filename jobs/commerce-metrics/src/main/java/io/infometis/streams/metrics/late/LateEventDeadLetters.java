package io.infometis.streams.metrics.late;

import io.infometis.streams.common.deadletter.DeadLetter;
import io.infometis.streams.events.RegistrySerdes;
import io.infometis.streams.events.TopicSpec;
import java.time.Duration;
import java.time.Instant;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.serialization.RuntimeContextInitializationContextAdapters;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;

/**
 * An event that arrived after its window's allowed lateness becomes a dead letter: the event encoded again in the
 * topic's wire format (Confluent, through the registry, so it can be replayed into its topic as it is), under its
 * key, with a reason naming its window. Counted in the {@code lateEventsDeadLettered} metric.
 */
public class LateEventDeadLetters<T extends SpecificRecord> extends RichMapFunction<T, DeadLetter> {

    private static final long serialVersionUID = 1L;

    private final String jobName;
    private final String topicName;
    /** Built here, opened in open(): TopicSpec and RegistrySerdes are not serializable, the schema is. */
    private final SerializationSchema<T> serializer;
    private final KeySelector<T, String> key;
    private final EventTimes<T> eventTime;
    private final Duration window;
    private final Duration allowedLateness;

    private transient Counter late;

    /** Event time in epoch millis; serializable. */
    @FunctionalInterface
    public interface EventTimes<T> extends java.io.Serializable {
        long of(T event);
    }

    public LateEventDeadLetters(String jobName, String topicName, TopicSpec topic, Class<T> type,
            RegistrySerdes registry, KeySelector<T, String> key, EventTimes<T> eventTime, Duration window,
            Duration allowedLateness) {
        this.jobName = jobName;
        this.topicName = topicName;
        this.serializer = registry.serializer(type, topic);
        this.key = key;
        this.eventTime = eventTime;
        this.window = window;
        this.allowedLateness = allowedLateness;
    }

    @Override
    public void open(OpenContext openContext) throws Exception {
        serializer.open(RuntimeContextInitializationContextAdapters.serializationAdapter(getRuntimeContext()));
        late = getRuntimeContext().getMetricGroup().counter("lateEventsDeadLettered");
    }

    @Override
    public DeadLetter map(T event) throws Exception {
        late.inc();
        return DeadLetter.of(jobName, topicName, key.getKey(event), serializer.serialize(event),
                reason(eventTime.of(event), window, allowedLateness));
    }

    /** E.g. "late beyond allowed lateness: event_time ... belongs to window [10:00, 10:01) closed at 10:02 + ...". */
    public static String reason(long eventTimeMs, Duration window, Duration allowedLateness) {
        long start = TimeWindow.getWindowStartWithOffset(eventTimeMs, 0, window.toMillis());
        long end = start + window.toMillis();
        return "late beyond allowed lateness: event_time " + Instant.ofEpochMilli(eventTimeMs) + " belongs to window ["
                + Instant.ofEpochMilli(start) + ", " + Instant.ofEpochMilli(end) + "), which took updates until the "
                + "watermark passed " + Instant.ofEpochMilli(end).plus(allowedLateness) + " (allowed lateness "
                + allowedLateness + ")";
    }
}
