package io.infometis.streams.sinks.elasticsearch;

import org.apache.flink.connector.elasticsearch.sink.RequestIndexer;
import org.elasticsearch.action.bulk.BulkRequest;
import org.elasticsearch.action.delete.DeleteRequest;
import org.elasticsearch.action.index.IndexRequest;
import org.elasticsearch.action.update.UpdateRequest;

/**
 * The benchmark's door to the sink's package-private {@link DocumentEmitter}: the bulk-loop ceiling and the
 * serialization microbenchmark build exactly the requests the Flink sink sends, through the same code, instead of
 * a copy that could drift. Lives in the sinks' package inside the bench module only for that access.
 */
public final class BenchEmitters {

    private BenchEmitters() {}

    /** Adds the request(s) the sink would send for {@code element} to {@code bulk}. */
    public static <T> void emitInto(DocumentMapper<T> mapper, T element, BulkRequest bulk) {
        new DocumentEmitter<>(mapper).emit(element, null, new BulkIndexer(bulk));
    }

    /** An emitter bound to a bulk request, for loops that reuse one emitter. */
    public static <T> Emitter<T> emitter(DocumentMapper<T> mapper) {
        DocumentEmitter<T> emitter = new DocumentEmitter<>(mapper);
        return (element, bulk) -> emitter.emit(element, null, new BulkIndexer(bulk));
    }

    @FunctionalInterface
    public interface Emitter<T> {
        void emit(T element, BulkRequest bulk);
    }

    private record BulkIndexer(BulkRequest bulk) implements RequestIndexer {
        @Override
        public void add(DeleteRequest... requests) {
            bulk.add(requests);
        }

        @Override
        public void add(IndexRequest... requests) {
            bulk.add(requests);
        }

        @Override
        public void add(UpdateRequest... requests) {
            bulk.add(requests);
        }
    }
}
