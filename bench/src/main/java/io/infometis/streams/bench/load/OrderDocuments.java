package io.infometis.streams.bench.load;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.infometis.streams.events.Order;
import io.infometis.streams.events.OrderItem;
import io.infometis.streams.sinks.elasticsearch.DocumentMapper;
import io.infometis.streams.sinks.elasticsearch.ElasticsearchDocument;
import io.infometis.streams.sinks.elasticsearch.WriteMode;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * An order as an {@code orders}-index document shaped like the enrichment job's (the EnrichedOrder fields a
 * dashboard reads), written with Jackson. The bulk-loop ceiling and the serialization microbenchmark use the same
 * documents, so the two figures compare; replaced by the enrichment job's own mapper once that job exists.
 */
public final class OrderDocuments implements DocumentMapper<Order> {

    private static final long serialVersionUID = 1L;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String index;

    public OrderDocuments(String index) {
        this.index = index;
    }

    @Override
    public ElasticsearchDocument toDocument(Order order) {
        ObjectNode doc = JSON.createObjectNode();
        doc.put("order_id", order.getOrderId());
        doc.put("user_id", order.getUserId());
        doc.put("last_event_id", order.getEventId());
        doc.put("event_time", order.getEventTime().toEpochMilli());
        doc.put("status", order.getStatus().name());
        int itemCount = 0;
        Set<String> categories = new LinkedHashSet<>();
        for (OrderItem item : order.getItems()) {
            itemCount += item.getQuantity();
            categories.add(item.getCategory());
        }
        doc.put("item_count", itemCount);
        ArrayNode categoryArray = doc.putArray("categories");
        categories.forEach(categoryArray::add);
        doc.put("amount", order.getAmount());
        doc.put("amount_major", order.getAmount() / 100.0);
        doc.put("currency", order.getCurrency());
        doc.put("shipping_country", order.getShippingCountry());
        doc.put("enriched", false);
        doc.put("risk_level", "LOW");
        return new ElasticsearchDocument(index, order.getOrderId(), doc.toString(), WriteMode.EXTERNAL_VERSION,
                order.getEventTime().toEpochMilli());
    }
}
