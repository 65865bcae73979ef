package io.infometis.streams.ksql.parse;

/**
 * A WINDOW clause. Durations in milliseconds; {@code advanceMillis} only for HOPPING, null otherwise;
 * retention and grace null when not written.
 */
public record WindowSpec(Type type, long sizeMillis, Long advanceMillis, Long retentionMillis, Long graceMillis) {

    public enum Type { TUMBLING, HOPPING, SESSION }

    /** The step between window starts: the advance for hopping windows, the size for tumbling ones. */
    public long stepMillis() {
        return advanceMillis != null ? advanceMillis : sizeMillis;
    }
}
