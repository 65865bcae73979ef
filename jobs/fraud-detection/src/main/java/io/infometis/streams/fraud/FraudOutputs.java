package io.infometis.streams.fraud;

import io.infometis.streams.common.deadletter.DeadLetter;
import io.infometis.streams.events.Alert;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * What the topology produces: every alert (patterns and rules), late events and rejected rules as dead letters.
 */
public record FraudOutputs(DataStream<Alert> alerts, DataStream<DeadLetter> lateEvents,
        DataStream<DeadLetter> rejectedRules) {

    /** Both kinds of dead letter, for the one dlq sink. */
    public DataStream<DeadLetter> deadLetters() {
        return lateEvents.union(rejectedRules);
    }
}
