package io.infometis.streams.stack.flink;

/**
 * A contiguous port range written {@code first-last} (Flink's own notation for port ranges, e.g. the Prometheus
 * reporter's {@code port: 9249-9250}). The local cluster gives the JobManager the first port and the TaskManager
 * the second, so each scrape endpoint is known in advance.
 */
public record PortRange(int first, int last) {

    public PortRange {
        if (first < 1 || last > 65535 || first > last) {
            throw new IllegalArgumentException("port range must be 'first-last' within 1..65535 with first <= last, got "
                    + first + "-" + last);
        }
    }

    /** Parses {@code 9249-9250} (or a single port {@code 9249}). */
    public static PortRange parse(String text) {
        String[] parts = text == null ? new String[0] : text.trim().split("\\s*-\\s*");
        try {
            if (parts.length == 1) {
                int port = Integer.parseInt(parts[0]);
                return new PortRange(port, port);
            }
            if (parts.length == 2) {
                return new PortRange(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
            }
        } catch (NumberFormatException e) {
            // falls through to the message below
        }
        throw new IllegalArgumentException("port range must be written 'first-last', e.g. 9249-9250, got '" + text + "'");
    }

    public int size() {
        return last - first + 1;
    }

    /** The n-th port of the range (0-based); fails naming what needed it when the range is too small. */
    public int port(int index, String what) {
        if (index >= size()) {
            throw new IllegalArgumentException("port range " + this + " is too small: " + what + " needs port #"
                    + (index + 1) + " of it (give at least " + (index + 1) + " ports)");
        }
        return first + index;
    }

    @Override
    public String toString() {
        return first + "-" + last;
    }
}
