package io.infometis.streams.bench.micro;

/** One JMH benchmark's score: average time per operation (one event) with its 99.9% error. */
public record MicroResult(String benchmark, double score, double error, String unit) {

    /** Events per second of one core at this cost per event (1e9 / ns per op). */
    public double eventsPerSecondPerCore() {
        return unit.startsWith("ns") ? 1e9 / score : Double.NaN;
    }
}
