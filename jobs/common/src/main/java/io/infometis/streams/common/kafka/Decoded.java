package io.infometis.streams.common.kafka;

import io.infometis.streams.common.deadletter.DeadLetter;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/** A decoded topic: the valid events, with event-time watermarks, and the records that went to dead letters. */
public record Decoded<T>(SingleOutputStreamOperator<T> events, DataStream<DeadLetter> deadLetters) {}
