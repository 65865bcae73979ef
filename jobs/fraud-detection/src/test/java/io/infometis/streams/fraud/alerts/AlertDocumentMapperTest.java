package io.infometis.streams.fraud.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.infometis.streams.events.Alert;
import io.infometis.streams.events.Severity;
import io.infometis.streams.fraud.FraudDetectionJob;
import io.infometis.streams.sinks.elasticsearch.ElasticsearchDocument;
import io.infometis.streams.sinks.elasticsearch.IndexTemplates;
import io.infometis.streams.sinks.elasticsearch.WriteMode;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AlertDocumentMapperTest {

    private static Alert alert(String ruleId, Instant first, Instant detected) {
        return PatternAlerts.alert(ruleId, Severity.HIGH, "card-1", List.of("e1", "e2"), first.toEpochMilli(),
                first.plusSeconds(60).toEpochMilli(), detected.toEpochMilli(), "summary");
    }

    @Test
    void theIndexIsTheMonthOfTheFirstEventSoAReplayInAnotherMonthHitsTheSameDocument() {
        AlertDocumentMapper mapper = new AlertDocumentMapper(FraudDetectionJob.PATTERN_NAMES);
        Instant first = Instant.parse("2026-01-31T23:59:00Z");
        ElasticsearchDocument detectedInJanuary = mapper.toDocument(alert("card-testing", first,
                Instant.parse("2026-01-31T23:59:30Z")));
        ElasticsearchDocument replayedInFebruary = mapper.toDocument(alert("card-testing", first,
                Instant.parse("2026-02-02T08:00:00Z")));

        assertThat(detectedInJanuary.index()).isEqualTo("alerts-2026.01").isEqualTo(replayedInFebruary.index());
        assertThat(detectedInJanuary.id()).isEqualTo(replayedInFebruary.id());
        assertThat(detectedInJanuary.mode()).isEqualTo(WriteMode.UPSERT);
    }

    @Test
    void theDocumentHasEveryFieldTheTemplateMapsAndNoOther() throws Exception {
        ElasticsearchDocument doc = new AlertDocumentMapper(Set.of("card-testing"))
                .toDocument(alert("card-testing", Instant.parse("2026-03-01T10:00:00Z"), Instant.now()));
        JsonNode json = new ObjectMapper().readTree(doc.json());
        JsonNode mapped = IndexTemplates.load().get("alerts").path("template").path("mappings").path("properties");

        assertThat(json.get("alert_id").asText()).isEqualTo(doc.id());
        assertThat(json.get("kind").asText()).isEqualTo("pattern");
        assertThat(json.get("first_event_time").asText()).isEqualTo("2026-03-01T10:00:00Z");
        List<String> fields = iterable(json.fieldNames());
        assertThat(fields).allSatisfy(f -> assertThat(mapped.has(f)).as(f + " is mapped").isTrue());
        assertThat(iterable(mapped.fieldNames())).containsExactlyInAnyOrderElementsOf(fields);
    }

    @Test
    void ruleAlertsAreOfKindRule() throws Exception {
        ElasticsearchDocument doc = new AlertDocumentMapper(FraudDetectionJob.PATTERN_NAMES)
                .toDocument(alert("my-rule", Instant.parse("2026-03-01T10:00:00Z"), Instant.now()));
        assertThat(new ObjectMapper().readTree(doc.json()).get("kind").asText()).isEqualTo("rule");
    }

    private static List<String> iterable(java.util.Iterator<String> it) {
        List<String> all = new java.util.ArrayList<>();
        it.forEachRemaining(all::add);
        return all;
    }
}
