package io.infometis.streams.bench.measure;

/**
 * Checkpoints of one job run, from Flink's REST API ({@code /jobs/:id/checkpoints}): how many completed, the
 * state size of the last one and the largest, and how long they took end to end.
 */
public record CheckpointStats(long completed, long lastStateBytes, long maxStateBytes, double avgDurationMillis,
                              double maxDurationMillis) implements java.io.Serializable {

    public static final CheckpointStats NONE = new CheckpointStats(0, 0, 0, Double.NaN, Double.NaN);

    public String lastStateMiB() {
        return completed == 0 ? "n/a" : String.format("%.1f", lastStateBytes / (1024.0 * 1024));
    }
}
