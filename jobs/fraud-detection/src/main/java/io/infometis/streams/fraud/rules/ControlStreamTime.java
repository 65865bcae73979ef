package io.infometis.streams.fraud.rules;

import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;

/**
 * Takes the rules stream out of event time: passes its records on, drops its watermarks, and declares it idle.
 * An idle input is left out of a connected operator's watermark, so the rule operators follow the events' event
 * time alone.
 *
 * <p>Why not the source's "+infinity" watermark: when every event partition goes quiet (idle), a two-input
 * operator's watermark is the minimum of its <em>active</em> inputs, i.e. +infinity from the rules; the rule
 * windows would all fire early and the next events would count as late. Flink has no per-input "ignore this
 * input's time" switch, so this small operator does it.
 */
public final class ControlStreamTime<T> extends AbstractStreamOperator<T> implements OneInputStreamOperator<T, T> {

    private static final long serialVersionUID = 1L;

    @Override
    public void open() throws Exception {
        super.open();
        output.emitWatermarkStatus(WatermarkStatus.IDLE);
    }

    @Override
    public void processElement(StreamRecord<T> element) {
        output.collect(element);
    }

    @Override
    public void processWatermark(Watermark mark) {
        // dropped on purpose
    }

    @Override
    public void processWatermarkStatus(WatermarkStatus status) {
        // always idle
    }
}
