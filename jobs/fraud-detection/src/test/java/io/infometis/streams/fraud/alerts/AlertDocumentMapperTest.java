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

    @Test
    void aRuleGroupedByIpHasTheAddressesAndEMailsOfItsKeyAndSummaryMaskedInTheDocument() throws Exception {
        // What a rule with "group_by": "ip" over user-events emits (RuleWindowEvaluator.alert), plus a description
        // naming an address and an e-mail.
        Alert alert = Alert.newBuilder().setAlertId(AlertIds.forRuleWindow("logins-per-ip", 1, "203.0.113.77", 0, 60_000))
                .setRuleId("logins-per-ip").setRuleVersion(1).setSeverity(Severity.MEDIUM).setKey("203.0.113.77")
                .setMatchedEventIds(List.of("e1", "e2"))
                .setFirstEventTime(Instant.parse("2026-03-01T10:00:00Z"))
                .setLastEventTime(Instant.parse("2026-03-01T10:00:30Z"))
                .setDetectionTime(Instant.parse("2026-03-01T10:01:00Z"))
                .setSummary("rule logins-per-ip v1: count = 2 >= 2 for ip=203.0.113.77 over 2 user-events events in "
                        + "[2026-03-01T10:00:00Z, 2026-03-01T10:01:00Z) (also seen: 2001:db8:85a3::7, ask soc@example.com)")
                .build();

        JsonNode json = new ObjectMapper().readTree(new AlertDocumentMapper(FraudDetectionJob.PATTERN_NAMES)
                .toDocument(alert).json());

        assertThat(json.get("key").asText()).isEqualTo("203.0.113.0/24");
        assertThat(json.get("summary").asText()).isEqualTo("rule logins-per-ip v1: count = 2 >= 2 for "
                + "ip=203.0.113.0/24 over 2 user-events events in [2026-03-01T10:00:00Z, 2026-03-01T10:01:00Z) "
                + "(also seen: 2001:db8:85a3:0:0:0:0:0/48, ask [email])");
        assertThat(json.toString()).doesNotContain("203.0.113.77", "85a3::7", "soc@example.com");
        assertThat(json.get("alert_id").asText()).as("ids stay as in Kafka").isEqualTo(alert.getAlertId());
    }

    @Test
    void patternAlertsWithoutAddressesAreIndexedUnchanged() throws Exception {
        Alert alert = PatternAlerts.alert("account-takeover", Severity.CRITICAL, "u-7", List.of("e1", "e2", "e3"),
                1_000, 2_000, 3_000, "user u-7 logged in from new country BR, then EMAIL_CHANGED, then order o-9 "
                        + "of 90000 EUR (over 50000) within 30 min");

        JsonNode json = new ObjectMapper().readTree(new AlertDocumentMapper(FraudDetectionJob.PATTERN_NAMES)
                .toDocument(alert).json());

        assertThat(json.get("key").asText()).isEqualTo("u-7");
        assertThat(json.get("summary").asText()).isEqualTo(alert.getSummary());
        assertThat(json.get("rule_id").asText()).isEqualTo("account-takeover");
    }

    private static List<String> iterable(java.util.Iterator<String> it) {
        List<String> all = new java.util.ArrayList<>();
        it.forEachRemaining(all::add);
        return all;
    }
}
