package io.infometis.streams.generator.kafka;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Counts what was sent and prints a line (rate, totals per topic) every interval, and a summary at the end. */
final class Progress {

    private final PrintStream out;
    private final long intervalNanos;
    private final long startNanos;
    private final Map<String, Long> perTopic = new TreeMap<>();
    private long total;
    private long nextReportNanos;
    private long lastReportTotal;
    private long lastReportNanos;

    Progress(PrintStream out, Duration interval) {
        this.out = out;
        this.intervalNanos = interval.toNanos();
        this.startNanos = System.nanoTime();
        this.lastReportNanos = startNanos;
        this.nextReportNanos = startNanos + intervalNanos;
    }

    void sent(String topic) {
        total++;
        perTopic.merge(topic, 1L, Long::sum);
        if (out != null && intervalNanos > 0) {
            long nowNanos = System.nanoTime();
            if (nowNanos >= nextReportNanos) {
                double rate = (total - lastReportTotal) * 1e9 / Math.max(1, nowNanos - lastReportNanos);
                out.println(line("progress", rate));
                lastReportTotal = total;
                lastReportNanos = nowNanos;
                nextReportNanos = nowNanos + intervalNanos;
            }
        }
    }

    Map<String, Long> perTopic() {
        return Map.copyOf(perTopic);
    }

    long total() {
        return total;
    }

    Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    void finish() {
        if (out != null) {
            double rate = total * 1e9 / Math.max(1, System.nanoTime() - startNanos);
            out.println(line("done", rate));
        }
    }

    private String line(String label, double rate) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "generator %s: %d records in %.1f s (%.0f/s)",
                label, total, elapsed().toMillis() / 1000.0, rate));
        perTopic.forEach((topic, n) -> sb.append(' ').append(topic).append('=').append(n));
        return sb.toString();
    }
}
