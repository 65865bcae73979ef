package io.infometis.streams.sinks.elasticsearch;

import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.connector.elasticsearch.sink.ElasticsearchEmitter;
import org.apache.flink.connector.elasticsearch.sink.RequestIndexer;
import org.elasticsearch.action.index.IndexRequest;
import org.elasticsearch.action.update.UpdateRequest;
import org.elasticsearch.common.xcontent.XContentType;
import org.elasticsearch.index.VersionType;

/** Turns each element into the request its {@link WriteMode} calls for. */
final class DocumentEmitter<T> implements ElasticsearchEmitter<T> {

    private static final long serialVersionUID = 1L;
    /** Concurrent partial updates of one document (two subtasks, or a retry) are retried, not failed. */
    private static final int RETRY_ON_CONFLICT = 3;

    private final DocumentMapper<T> mapper;

    DocumentEmitter(DocumentMapper<T> mapper) {
        this.mapper = mapper;
    }

    @Override
    public void emit(T element, SinkWriter.Context context, RequestIndexer indexer) {
        ElasticsearchDocument doc = mapper.toDocument(element);
        switch (doc.mode()) {
            case UPSERT -> indexer.add(new UpdateRequest(doc.index(), doc.id())
                    .doc(doc.json(), XContentType.JSON).docAsUpsert(true).retryOnConflict(RETRY_ON_CONFLICT));
            case REPLACE -> indexer.add(new IndexRequest(doc.index()).id(doc.id())
                    .source(doc.json(), XContentType.JSON));
            case EXTERNAL_VERSION -> indexer.add(new IndexRequest(doc.index()).id(doc.id())
                    .source(doc.json(), XContentType.JSON)
                    // _gte: replaying the same version is a no-op success, not a conflict.
                    .versionType(VersionType.EXTERNAL_GTE).version(doc.version()));
        }
    }
}
