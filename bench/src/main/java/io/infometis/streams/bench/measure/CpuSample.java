package io.infometis.streams.bench.measure;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CPU time of a set of processes at one instant; the difference of two samples is what each process spent
 * in between. Wall time is taken with the same sample so a measurement has one clock.
 */
public record CpuSample(long wallNanos, Map<String, Long> cpuNanosByProcess) {

    public static CpuSample take(Map<String, Long> pids) {
        Map<String, Long> cpu = new LinkedHashMap<>();
        long wall = System.nanoTime();
        pids.forEach((name, pid) -> ProcFs.cpuNanos(pid).ifPresent(nanos -> cpu.put(name, nanos)));
        return new CpuSample(wall, cpu);
    }

    /** CPU nanoseconds each process spent since {@code earlier}. */
    public Map<String, Long> cpuSince(CpuSample earlier) {
        Map<String, Long> spent = new LinkedHashMap<>();
        cpuNanosByProcess.forEach((name, nanos) -> {
            Long before = earlier.cpuNanosByProcess.get(name);
            if (before != null) {
                spent.put(name, nanos - before);
            }
        });
        return spent;
    }
}
