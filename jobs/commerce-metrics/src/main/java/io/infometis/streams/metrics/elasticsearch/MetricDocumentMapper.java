package io.infometis.streams.metrics.elasticsearch;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.infometis.streams.events.CommerceMetric;
import io.infometis.streams.sinks.elasticsearch.DocumentMapper;
import io.infometis.streams.sinks.elasticsearch.ElasticsearchDocument;
import io.infometis.streams.sinks.elasticsearch.PiiMasking;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * A metric replaces its document (same id: metric, window, dimensions) in the daily index of its window start,
 * {@code <prefix>yyyy.MM.dd} (UTC): a late update carries the window's complete figures, so REPLACE is right and
 * needs no merge. Fields are the Avro names; times ISO-8601 UTC; fields that do not apply are left out.
 *
 * <p>PII: metrics are aggregates and carry no user, e-mail or IP; the dimension values and failure reasons come
 * from producers' free text, so any e-mail or IP address in them is masked ({@link PiiMasking}), always. The id is
 * not masked: it must match the Kafka record.
 */
public final class MetricDocumentMapper implements DocumentMapper<CommerceMetric> {

    private static final long serialVersionUID = 1L;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy.MM.dd").withZone(ZoneOffset.UTC);

    private final String indexPrefix;

    public MetricDocumentMapper(String indexPrefix) {
        if (indexPrefix == null || indexPrefix.isBlank()) {
            throw new IllegalArgumentException("index prefix must not be blank");
        }
        this.indexPrefix = indexPrefix;
    }

    public String index(CommerceMetric metric) {
        return indexPrefix + DAY.format(metric.getWindowStart());
    }

    @Override
    public ElasticsearchDocument toDocument(CommerceMetric metric) {
        return ElasticsearchDocument.replace(index(metric), metric.getMetricId(), json(metric));
    }

    public static String json(CommerceMetric m) {
        ObjectNode doc = JSON.createObjectNode();
        doc.put("metric_id", m.getMetricId());
        doc.put("metric", m.getMetric());
        doc.put("window_start", iso(m.getWindowStart()));
        doc.put("window_end", iso(m.getWindowEnd()));
        putIfSet(doc, "country", PiiMasking.mask(m.getCountry()));
        putIfSet(doc, "category", PiiMasking.mask(m.getCategory()));
        putIfSet(doc, "currency", PiiMasking.mask(m.getCurrency()));
        putIfSet(doc, "order_count", m.getOrderCount());
        putIfSet(doc, "revenue", m.getRevenue());
        putIfSet(doc, "avg_basket", m.getAvgBasket());
        putIfSet(doc, "payments_authorized", m.getPaymentsAuthorized());
        putIfSet(doc, "payments_failed", m.getPaymentsFailed());
        putIfSet(doc, "authorization_rate", m.getAuthorizationRate());
        putIfSet(doc, "failure_rate", m.getFailureRate());
        if (!m.getTopFailureReasons().isEmpty()) {
            ArrayNode reasons = doc.putArray("top_failure_reasons");
            PiiMasking.mask(m.getTopFailureReasons()).forEach(reasons::add);
        }
        putIfSet(doc, "active_users", m.getActiveUsers());
        putIfSet(doc, "amount_p50", m.getAmountP50());
        putIfSet(doc, "amount_p95", m.getAmountP95());
        doc.put("update_count", m.getUpdateCount());
        doc.put("emitted_time", iso(m.getEmittedTime()));
        return doc.toString();
    }

    private static void putIfSet(ObjectNode doc, String field, Object value) {
        if (value instanceof String s) {
            doc.put(field, s);
        } else if (value instanceof Long l) {
            doc.put(field, l);
        } else if (value instanceof Double d) {
            doc.put(field, d);
        }
    }

    private static String iso(Instant instant) {
        return instant.toString();
    }
}
