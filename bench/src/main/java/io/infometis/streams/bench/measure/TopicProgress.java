package io.infometis.streams.bench.measure;

import java.io.Serializable;

/**
 * How far a job run had read one of its input topics when its measurement began (after the warm-up) and when it
 * ended: whether the measured phase saw the topics' events in their backlog's mix, or mostly one topic left over.
 *
 * @param backlog records of the topic the run had to read
 */
public record TopicProgress(String topic, long backlog, long readAtStart, long readAtEnd) implements Serializable {

    public TopicProgress {
        if (backlog < 0 || readAtStart < 0 || readAtEnd < readAtStart) {
            throw new IllegalArgumentException(topic + ": need 0 <= readAtStart <= readAtEnd and backlog >= 0, got "
                    + readAtStart + ", " + readAtEnd + " of " + backlog);
        }
    }

    /** Share of the backlog read before the measurement, 0..1. */
    public double shareAtStart() {
        return backlog == 0 ? 1 : (double) readAtStart / backlog;
    }

    /** Share of the backlog read by the end of the measurement, 0..1. */
    public double shareAtEnd() {
        return backlog == 0 ? 1 : (double) readAtEnd / backlog;
    }

    /** Records of this topic in the measured phase. */
    public long measured() {
        return readAtEnd - readAtStart;
    }
}
