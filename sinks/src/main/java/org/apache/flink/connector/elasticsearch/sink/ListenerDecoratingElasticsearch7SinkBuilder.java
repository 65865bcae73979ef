package org.apache.flink.connector.elasticsearch.sink;

import java.util.Objects;

/**
 * Elasticsearch7SinkBuilder whose sink lets a {@link BulkListenerDecorator} see each bulk response first.
 *
 * <p>Why this class sits in the connector's package: connector 3.0.1 (the newest for Flink 1.20) fails the job on
 * any rejected document and has no failure handler; its only hook, {@code BulkProcessorBuilderFactory}, is
 * package-private. Decorating the listener there is the smallest change that lets us send rejected documents to
 * the dead-letter topic while the connector keeps doing the bulk buffering, flush-on-checkpoint and backoff.
 * The class is shaded into the same jar as the connector, so both load in the same runtime package.
 */
public class ListenerDecoratingElasticsearch7SinkBuilder<IN> extends Elasticsearch7SinkBuilder<IN> {

    private final BulkListenerDecorator decorator;

    public ListenerDecoratingElasticsearch7SinkBuilder(BulkListenerDecorator decorator) {
        this.decorator = Objects.requireNonNull(decorator, "decorator");
    }

    @Override
    protected BulkProcessorBuilderFactory getBulkProcessorBuilderFactory() {
        // The connector's factory is an inner class of its builder (not serializable): make a fresh one where the
        // writer runs, and capture only the decorator.
        BulkListenerDecorator listenerDecorator = decorator;
        return (client, config, listener) -> new Elasticsearch7SinkBuilder<>().getBulkProcessorBuilderFactory()
                .apply(client, config, listenerDecorator.decorate(listener));
    }
}
