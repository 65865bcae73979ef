package io.infometis.streams.generator;

/** Where event times come from. */
public enum ClockMode {
    /**
     * Event times start at {@link GeneratorSettings#start()} and advance by {@link GeneratorSettings#eventRate()}
     * background events per second of event time, however fast the records are sent: fully deterministic.
     */
    SIMULATED,
    /**
     * Event times follow the wall clock: the generator plans from "now" and the {@code KafkaEventWriter} sends each
     * record when its time comes, stamping {@code event_time} with the wall clock at send. For the live stack.
     */
    LIVE
}
