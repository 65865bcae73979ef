package io.infometis.streams.bench.measure;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * CPU time and memory of a process from Linux's /proc. Read by hand: no maintained Java library reads another
 * process's CPU time (OSHI does, but is a large dependency for two files). For this JVM the
 * {@link com.sun.management.OperatingSystemMXBean} gives the same figure in nanoseconds.
 */
public final class ProcFs {

    /** USER_HZ: the unit of utime/stime in /proc/pid/stat; 100 on every Linux architecture Java runs on. */
    private static final long CLOCK_TICKS_PER_SECOND = 100;

    private ProcFs() {}

    public static long ownPid() {
        return ProcessHandle.current().pid();
    }

    /** User + system CPU time of a process (all its threads) in nanoseconds; empty when it is gone. */
    public static OptionalLong cpuNanos(long pid) {
        if (pid == ownPid()) {
            var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            return OptionalLong.of(os.getProcessCpuTime());
        }
        try {
            return OptionalLong.of(cpuNanosFromStat(Files.readString(Path.of("/proc", Long.toString(pid), "stat"))));
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    /** utime + stime of a /proc/pid/stat line, in nanoseconds. */
    static long cpuNanosFromStat(String stat) {
        // Field 2 (comm) may hold spaces and parentheses: count fields after its last closing parenthesis.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime (fields 14, 15)
        return ticks * 1_000_000_000L / CLOCK_TICKS_PER_SECOND;
    }

    /** Resident set size (VmRSS) in bytes; empty when the process is gone. */
    public static OptionalLong residentBytes(long pid) {
        return statusKilobytes(pid, "VmRSS:");
    }

    /** Peak resident set size (VmHWM) in bytes; empty when the process is gone. */
    public static OptionalLong peakResidentBytes(long pid) {
        return statusKilobytes(pid, "VmHWM:");
    }

    private static OptionalLong statusKilobytes(long pid, String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith(field)) {
                    String kb = line.substring(field.length()).trim().split("\\s+")[0];
                    return OptionalLong.of(Long.parseLong(kb) * 1024);
                }
            }
            return OptionalLong.empty();
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    /** The 1-minute load average, or -1 when /proc/loadavg cannot be read. */
    public static double loadAverage() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
