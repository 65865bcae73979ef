package io.infometis.streams.metrics.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.infometis.streams.events.CommerceMetric;
import io.infometis.streams.sinks.elasticsearch.ElasticsearchDocument;
import io.infometis.streams.sinks.elasticsearch.WriteMode;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

class MetricDocumentMapperTest {

    private static CommerceMetric payments() {
        return CommerceMetric.newBuilder().setMetricId("payments:2026-06-01T23:59:00Z").setMetric("payments")
                .setWindowStart(Instant.parse("2026-06-01T23:59:00Z")).setWindowEnd(Instant.parse("2026-06-02T00:00:00Z"))
                .setPaymentsAuthorized(8L).setPaymentsFailed(2L).setAuthorizationRate(0.8).setFailureRate(0.2)
                .setTopFailureReasons(List.of("INSUFFICIENT_FUNDS")).setUpdateCount(1)
                .setEmittedTime(Instant.parse("2026-06-02T00:00:07Z")).build();
    }

    @Test
    void replacesByMetricIdInTheDailyIndexOfTheWindowStart() throws Exception {
        ElasticsearchDocument doc = new MetricDocumentMapper("metrics-").toDocument(payments());

        assertThat(doc.index()).isEqualTo("metrics-2026.06.01");
        assertThat(doc.id()).isEqualTo("payments:2026-06-01T23:59:00Z");
        assertThat(doc.mode()).isEqualTo(WriteMode.REPLACE);
        JsonNode json = new ObjectMapper().readTree(doc.json());
        assertThat(json.path("failure_rate").asDouble()).isEqualTo(0.2);
        assertThat(json.has("country")).as("fields that do not apply are left out").isFalse();
        assertThat(json.path("top_failure_reasons").get(0).asText()).isEqualTo("INSUFFICIENT_FUNDS");
    }

    @Test
    void everyFieldOfTheAvroRecordIsMappedInTheMetricsTemplate() throws Exception {
        JsonNode template;
        try (var in = getClass().getResourceAsStream("/elasticsearch/index-templates/metrics.json")) {
            template = new ObjectMapper().readTree(in).path("template").path("mappings").path("properties");
        }
        for (var field : CommerceMetric.getClassSchema().getFields()) {
            assertThat(template.has(field.name())).as("metrics.json maps " + field.name()).isTrue();
        }
        JsonNode json = new ObjectMapper().readTree(MetricDocumentMapper.json(payments()));
        for (Iterator<String> fields = json.fieldNames(); fields.hasNext(); ) {
            assertThat(template.has(fields.next())).isTrue();
        }
    }

    @Test
    void eMailAndIpAddressesInDimensionsAndFailureReasonsAreMaskedAndTheIdIsKept() throws Exception {
        CommerceMetric leaky = CommerceMetric.newBuilder(payments()).setCountry("NL").setCategory("gifts (ask a@b.example)")
                .setTopFailureReasons(List.of("INSUFFICIENT_FUNDS", "BLOCKED_IP_198.51.100.23")).build();

        ElasticsearchDocument doc = new MetricDocumentMapper("metrics-").toDocument(leaky);

        JsonNode json = new ObjectMapper().readTree(doc.json());
        assertThat(json.path("country").asText()).isEqualTo("NL");
        assertThat(json.path("category").asText()).isEqualTo("gifts (ask [email])");
        assertThat(json.path("top_failure_reasons").toString())
                .isEqualTo("[\"INSUFFICIENT_FUNDS\",\"BLOCKED_IP_198.51.100.0/24\"]");
        assertThat(doc.json()).doesNotContain("a@b.example", "198.51.100.23");
        assertThat(doc.id()).isEqualTo(leaky.getMetricId());
        assertThat(MetricDocumentMapper.json(payments())).as("nothing to mask: unchanged")
                .contains("\"top_failure_reasons\":[\"INSUFFICIENT_FUNDS\"]");
    }
}
