package io.infometis.streams.bench.measure;

import java.util.Map;
import java.util.Objects;

/**
 * One throughput measurement: how many events a step handled in how much wall time, and the CPU time each
 * process involved spent on it.
 *
 * @param name        what was measured, e.g. "Plain Kafka consumer + Avro decode"
 * @param parallelism threads / Flink subtasks doing the work
 * @param events      events handled between the two samples
 * @param wallNanos   wall time between the two samples
 * @param cpuNanos    CPU time per process between the two samples ("bench" is the harness JVM)
 * @param worker      the process that does the measured work (its CPU is the "CPU s per million events")
 */
public record Throughput(String name, int parallelism, long events, long wallNanos, Map<String, Long> cpuNanos,
                         String worker) implements java.io.Serializable {

    public Throughput {
        Objects.requireNonNull(name, "name");
        if (events < 0 || wallNanos <= 0) {
            throw new IllegalArgumentException(name + ": events must be >= 0 and wall time > 0");
        }
        cpuNanos = Map.copyOf(cpuNanos);
    }

    public static Throughput between(String name, int parallelism, long events, CpuSample start, CpuSample end,
                                     String worker) {
        return new Throughput(name, parallelism, events, Math.max(1, end.wallNanos() - start.wallNanos()),
                end.cpuSince(start), worker);
    }

    public double eventsPerSecond() {
        return events / (wallNanos / 1e9);
    }

    /** Events per second divided by the machine's cores (the "per core"). */
    public double eventsPerSecondPerCore(int cores) {
        return eventsPerSecond() / cores;
    }

    public double workerCpuSeconds() {
        return cpuNanos.getOrDefault(worker, 0L) / 1e9;
    }

    /** CPU seconds the worker process spent per million events; NaN when nothing was handled. */
    public double workerCpuSecondsPerMillion() {
        return events == 0 ? Double.NaN : workerCpuSeconds() / (events / 1e6);
    }

    /** CPU seconds a supporting process (the broker, Elasticsearch) spent per million events. */
    public double cpuSecondsPerMillion(String process) {
        Long nanos = cpuNanos.get(process);
        return nanos == null || events == 0 ? Double.NaN : nanos / 1e9 / (events / 1e6);
    }

    public double seconds() {
        return wallNanos / 1e9;
    }
}
