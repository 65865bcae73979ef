package io.infometis.streams.bench.ceiling;

import io.infometis.streams.bench.measure.ThroughputProbe;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;

/** Discards every element after counting it on the in-JVM {@link ThroughputProbe} of the given id. */
public final class ProbeSink<T> implements Sink<T> {

    private static final long serialVersionUID = 1L;

    private final String probeId;

    public ProbeSink(String probeId) {
        this.probeId = probeId;
    }

    @Override
    @SuppressWarnings("deprecation") // Flink 1.20's Sink still requires this variant; the new one delegates to it.
    public SinkWriter<T> createWriter(InitContext context) {
        ThroughputProbe probe = ThroughputProbe.get(probeId);
        return new SinkWriter<>() {
            @Override
            public void write(T element, Context ctx) {
                probe.record();
            }

            @Override
            public void flush(boolean endOfInput) {}

            @Override
            public void close() {}
        };
    }
}
