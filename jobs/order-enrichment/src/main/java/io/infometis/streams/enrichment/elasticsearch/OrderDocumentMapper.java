package io.infometis.streams.enrichment.elasticsearch;

import io.infometis.streams.events.EnrichedOrder;
import io.infometis.streams.sinks.elasticsearch.DocumentMapper;
import io.infometis.streams.sinks.elasticsearch.ElasticsearchDocument;

/** Order documents by order id, externally versioned (see {@link OrderDocuments#version}). */
public final class OrderDocumentMapper implements DocumentMapper<EnrichedOrder> {

    private static final long serialVersionUID = 1L;

    private final String index;

    public OrderDocumentMapper(String index) {
        if (index == null || index.isBlank()) {
            throw new IllegalArgumentException("index must not be blank");
        }
        this.index = index;
    }

    @Override
    public ElasticsearchDocument toDocument(EnrichedOrder order) {
        return ElasticsearchDocument.versioned(index, order.getOrderId(), OrderDocuments.json(order),
                OrderDocuments.version(order));
    }
}
