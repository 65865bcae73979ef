package io.infometis.streams.enrichment.elasticsearch;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.infometis.streams.events.EnrichedOrder;
import io.infometis.streams.sinks.elasticsearch.PiiMasking;
import java.io.Serializable;
import java.time.Instant;

/**
 * The {@code orders} document of an enriched order: the Avro fields under the same snake_case names (the index
 * template maps each), times as ISO-8601 UTC. The e-mail is not part of {@link EnrichedOrder}, so it cannot leak;
 * the free-text fields producers fill (user id, categories, countries, segment, failure reason) have any e-mail or
 * IP address in them masked ({@link PiiMasking}), always, so that a producer writing e-mails as user ids, say, does
 * not put them in a searchable index. The document id (order id) is not masked: it must match the Kafka record.
 *
 * <p>Version (external, {@code external_gte}): {@code event_time * 2 + (enriched ? 1 : 0)}. A document of an
 * older event is ignored by Elasticsearch; for the same event, the enriched form wins over the unenriched one
 * (a replay where the wait ran out before the profile was read never takes the customer back out), and an
 * equal version (profile change) replaces it.
 */
public final class OrderDocuments implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final ObjectMapper JSON = new ObjectMapper();

    private OrderDocuments() {}

    public static long version(EnrichedOrder order) {
        return order.getEventTime().toEpochMilli() * 2 + (order.getEnriched() ? 1 : 0);
    }

    public static String json(EnrichedOrder o) {
        ObjectNode doc = JSON.createObjectNode();
        doc.put("order_id", o.getOrderId());
        doc.put("user_id", PiiMasking.mask(o.getUserId()));
        doc.put("last_event_id", o.getLastEventId());
        doc.put("event_time", iso(o.getEventTime()));
        doc.put("created_time", iso(o.getCreatedTime()));
        doc.put("status", o.getStatus().name());
        doc.put("item_count", o.getItemCount());
        ArrayNode categories = doc.putArray("categories");
        PiiMasking.mask(o.getCategories()).forEach(categories::add);
        doc.put("amount", o.getAmount());
        doc.put("amount_major", o.getAmountMajor());
        doc.put("currency", o.getCurrency());
        doc.put("shipping_country", PiiMasking.mask(o.getShippingCountry()));
        doc.put("enriched", o.getEnriched());
        doc.put("customer_country", PiiMasking.mask(o.getCustomerCountry()));
        doc.put("customer_tier", o.getCustomerTier());
        doc.put("customer_segment", PiiMasking.mask(o.getCustomerSegment()));
        doc.put("customer_signup_date", o.getCustomerSignupDate() == null ? null : o.getCustomerSignupDate().toString());
        doc.put("payment_status", o.getPaymentStatus());
        doc.put("payment_failure_reason", PiiMasking.mask(o.getPaymentFailureReason()));
        doc.put("failed_payment_count", o.getFailedPaymentCount());
        doc.put("paid_time", iso(o.getPaidTime()));
        doc.put("time_to_payment_ms", o.getTimeToPaymentMs());
        doc.put("risk_level", o.getRiskLevel());
        return doc.toString();
    }

    private static String iso(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
