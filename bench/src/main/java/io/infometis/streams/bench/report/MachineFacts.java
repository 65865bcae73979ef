package io.infometis.streams.bench.report;

import io.infometis.streams.bench.measure.ProcFs;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** What the figures were taken on: printed at the top of the report, since numbers mean nothing without it. */
public record MachineFacts(int cores, String cpuModel, long memoryBytes, String java, String os, double loadAtStart,
                           Instant takenAt) {

    public static MachineFacts collect() {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        return new MachineFacts(
                Runtime.getRuntime().availableProcessors(),
                readCpuModel(),
                os.getTotalMemorySize(),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " ("
                        + System.getProperty("os.arch") + ")",
                ProcFs.loadAverage(),
                Instant.now());
    }

    private static String readCpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim())
                    .findFirst().orElse("unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    public Map<String, String> asTable() {
        Map<String, String> rows = new LinkedHashMap<>();
        rows.put("cores (available to the JVM)", Integer.toString(cores));
        rows.put("CPU", cpuModel);
        rows.put("memory", String.format("%.1f GiB", memoryBytes / (1024.0 * 1024 * 1024)));
        rows.put("Java", java);
        rows.put("OS", os);
        rows.put("load average (1 min) at start", String.format("%.2f", loadAtStart));
        rows.put("taken at (UTC)", takenAt.toString());
        return rows;
    }
}
