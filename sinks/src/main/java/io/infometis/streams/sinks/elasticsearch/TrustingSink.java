package io.infometis.streams.sinks.elasticsearch;

import java.io.IOException;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * The connector's sink, with the configured Elasticsearch CA added to the JVM's default trust before its writer
 * builds its REST client (see {@link TlsTrust} for why). Otherwise it is the connector's sink unchanged.
 */
final class TrustingSink<T> implements Sink<T> {

    private static final long serialVersionUID = 1L;

    private final Sink<T> delegate;
    private final TlsTrust trust;

    TrustingSink(Sink<T> delegate, TlsTrust trust) {
        this.delegate = delegate;
        this.trust = trust;
    }

    @Override
    @SuppressWarnings("deprecation")
    public SinkWriter<T> createWriter(InitContext context) throws IOException {
        trust.addToJvmDefault();
        return delegate.createWriter(context);
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) throws IOException {
        trust.addToJvmDefault();
        return delegate.createWriter(context);
    }
}
