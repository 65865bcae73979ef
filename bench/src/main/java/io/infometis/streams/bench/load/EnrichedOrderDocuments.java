package io.infometis.streams.bench.load;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.infometis.streams.events.EnrichedOrder;
import io.infometis.streams.sinks.elasticsearch.DocumentMapper;
import io.infometis.streams.sinks.elasticsearch.ElasticsearchDocument;
import io.infometis.streams.sinks.elasticsearch.WriteMode;

/**
 * The documents of the {@code orders} index: the enrichment job's own mapper when its module is on the class path
 * (so the bulk-loop ceiling and the serialization microbenchmark build exactly the job's documents), otherwise a
 * stand-in of the same shape (the EnrichedOrder fields, external version = event time) written with Jackson.
 */
public final class EnrichedOrderDocuments implements DocumentMapper<EnrichedOrder> {

    private static final long serialVersionUID = 1L;
    public static final String JOB_MAPPER = "io.infometis.streams.enrichment.elasticsearch.OrderDocumentMapper";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String index;

    private EnrichedOrderDocuments(String index) {
        this.index = index;
    }

    /** The job's mapper for {@code index}, or the stand-in when the enrichment module is not there. */
    @SuppressWarnings("unchecked")
    public static DocumentMapper<EnrichedOrder> mapper(String index) {
        try {
            return (DocumentMapper<EnrichedOrder>) Class.forName(JOB_MAPPER).getConstructor(String.class)
                    .newInstance(index);
        } catch (ReflectiveOperationException | ClassCastException e) {
            return new EnrichedOrderDocuments(index);
        }
    }

    /** Whether {@link #mapper} gives the enrichment job's own mapper. */
    public static boolean usesJobMapper() {
        return !(mapper("probe") instanceof EnrichedOrderDocuments);
    }

    @Override
    public ElasticsearchDocument toDocument(EnrichedOrder order) {
        ObjectNode doc = JSON.createObjectNode();
        doc.put("order_id", order.getOrderId());
        doc.put("user_id", order.getUserId());
        doc.put("last_event_id", order.getLastEventId());
        doc.put("event_time", order.getEventTime().toEpochMilli());
        if (order.getCreatedTime() != null) {
            doc.put("created_time", order.getCreatedTime().toEpochMilli());
        }
        doc.put("status", order.getStatus().name());
        doc.put("item_count", order.getItemCount());
        order.getCategories().forEach(doc.putArray("categories")::add);
        doc.put("amount", order.getAmount());
        doc.put("amount_major", order.getAmountMajor());
        doc.put("currency", order.getCurrency());
        doc.put("shipping_country", order.getShippingCountry());
        doc.put("enriched", order.getEnriched());
        doc.put("customer_country", order.getCustomerCountry());
        doc.put("customer_tier", order.getCustomerTier());
        doc.put("customer_segment", order.getCustomerSegment());
        doc.put("payment_status", order.getPaymentStatus());
        doc.put("failed_payment_count", order.getFailedPaymentCount());
        if (order.getPaidTime() != null) {
            doc.put("paid_time", order.getPaidTime().toEpochMilli());
        }
        doc.put("risk_level", order.getRiskLevel());
        return new ElasticsearchDocument(index, order.getOrderId(), doc.toString(), WriteMode.EXTERNAL_VERSION,
                order.getEventTime().toEpochMilli());
    }
}
