package io.infometis.streams.fraud.late;

import io.infometis.streams.fraud.events.EventAccess;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Splits off, right after a source, the events that arrive behind the watermark (more out of order than
 * watermark.out-of-orderness allows): counted in the {@code lateEvents} metric and sent to {@link LateEvents#TAG},
 * never silently dropped. Done once per stream, before the stream fans out, so one late event is reported once
 * (not by each pattern and rule that would have seen it), and every downstream operator, whose watermark is never
 * ahead of this one, only sees events it can still place.
 */
public final class LateEventFilter<T extends SpecificRecord> extends ProcessFunction<T, T> {

    private static final long serialVersionUID = 1L;

    private final String jobName;
    private final String topic;
    private final EventAccess<T> access;
    private transient Counter lateEvents;

    public LateEventFilter(String jobName, String topic, EventAccess<T> access) {
        this.jobName = jobName;
        this.topic = topic;
        this.access = access;
    }

    @Override
    public void open(OpenContext openContext) {
        lateEvents = getRuntimeContext().getMetricGroup().counter("lateEvents");
    }

    @Override
    public void processElement(T event, Context ctx, Collector<T> out) {
        long watermark = ctx.timerService().currentWatermark();
        // Flink's contract: after watermark W no element has a timestamp <= W; CEP drops exactly those as late.
        if (access.eventTime(event) <= watermark) {
            lateEvents.inc();
            ctx.output(LateEvents.TAG, LateEvents.deadLetter(jobName, topic, access, event, watermark));
        } else {
            out.collect(event);
        }
    }
}
