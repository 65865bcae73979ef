package io.infometis.streams.sinks.elasticsearch;

import java.io.Serializable;

/** Turns one element into the document to write. Must be deterministic (ids above all) and serializable. */
@FunctionalInterface
public interface DocumentMapper<T> extends Serializable {
    ElasticsearchDocument toDocument(T element);
}
