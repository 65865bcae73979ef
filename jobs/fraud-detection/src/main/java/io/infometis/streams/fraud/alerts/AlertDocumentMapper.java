package io.infometis.streams.fraud.alerts;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.infometis.streams.events.Alert;
import io.infometis.streams.sinks.elasticsearch.DocumentMapper;
import io.infometis.streams.sinks.elasticsearch.ElasticsearchDocument;
import io.infometis.streams.sinks.elasticsearch.PiiMasking;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Set;

/**
 * An alert as an Elasticsearch document in {@code alerts-yyyy.MM}, id = alert id, written as an upsert.
 *
 * <p>The month comes from the alert's <em>first event time</em>, not its detection time: a replay after a failure
 * detects the same alert again later (perhaps in the next month), and a detection-time index would then hold a
 * second copy; the first event time is part of the detection itself, so the replay lands on the same document.
 *
 * <p>PII: the texts a rule author or an event controls ({@code rule_id}, {@code key}, {@code summary}) have their
 * e-mail and IP addresses masked ({@link PiiMasking}), always: a rule grouped by {@code ip} (user-events) puts the
 * raw address in the alert's key and summary, and a rule's description is free text. The alert on the Kafka topic
 * keeps them, for the consumers allowed to read it. Ids are not masked (the document id must equal the alert id).
 */
public final class AlertDocumentMapper implements DocumentMapper<Alert> {

    private static final long serialVersionUID = 1L;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("yyyy.MM").withZone(ZoneOffset.UTC);

    private final Set<String> patternNames;

    /** @param patternNames the built-in patterns' names (their alerts get kind "pattern", the others "rule") */
    public AlertDocumentMapper(Set<String> patternNames) {
        this.patternNames = Set.copyOf(patternNames);
    }

    public static String index(Alert alert) {
        return "alerts-" + MONTH.format(alert.getFirstEventTime());
    }

    @Override
    public ElasticsearchDocument toDocument(Alert alert) {
        ObjectNode doc = JSON.createObjectNode();
        doc.put("alert_id", alert.getAlertId());
        doc.put("rule_id", PiiMasking.mask(alert.getRuleId()));
        doc.put("rule_version", alert.getRuleVersion());
        doc.put("kind", patternNames.contains(alert.getRuleId()) ? "pattern" : "rule");
        doc.put("severity", alert.getSeverity().name());
        doc.put("key", PiiMasking.mask(alert.getKey()));
        ArrayNode ids = doc.putArray("matched_event_ids");
        alert.getMatchedEventIds().forEach(ids::add);
        doc.put("matched_event_count", alert.getMatchedEventIds().size());
        doc.put("first_event_time", alert.getFirstEventTime().toString());
        doc.put("last_event_time", alert.getLastEventTime().toString());
        doc.put("detection_time", alert.getDetectionTime().toString());
        doc.put("detection_delay_ms",
                alert.getDetectionTime().toEpochMilli() - alert.getLastEventTime().toEpochMilli());
        doc.put("summary", PiiMasking.mask(alert.getSummary()));
        return ElasticsearchDocument.upsert(index(alert), alert.getAlertId(), doc.toString());
    }
}
