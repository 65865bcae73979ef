package io.infometis.streams.enrichment.elasticsearch;

import static io.infometis.streams.enrichment.TestEvents.customer;
import static io.infometis.streams.enrichment.TestEvents.order;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.infometis.streams.enrichment.compute.EnrichedOrders;
import io.infometis.streams.enrichment.compute.RiskPolicy;
import io.infometis.streams.enrichment.customer.CustomerProfile;
import io.infometis.streams.enrichment.order.OrderFacts;
import io.infometis.streams.events.CustomerTier;
import io.infometis.streams.events.EnrichedOrder;
import io.infometis.streams.events.OrderStatus;
import io.infometis.streams.sinks.elasticsearch.ElasticsearchDocument;
import io.infometis.streams.sinks.elasticsearch.WriteMode;
import java.time.Duration;
import java.util.Iterator;
import org.junit.jupiter.api.Test;

class OrderDocumentMapperTest {

    private final EnrichedOrders enriched = new EnrichedOrders(new RiskPolicy(500, Duration.ofDays(30)));

    @Test
    void documentByOrderIdVersionedOnEventTimeWithEnrichedWinningTies() throws Exception {
        OrderFacts facts = OrderFacts.forOrder("o-1");
        facts.apply(order("o-1", "u-1", OrderStatus.CREATED, 1_000));
        EnrichedOrder bare = enriched.build(facts, null);
        EnrichedOrder full = enriched.build(facts, CustomerProfile.of(customer("u-1", CustomerTier.GOLD, "NL", 0)));

        ElasticsearchDocument doc = new OrderDocumentMapper("orders").toDocument(full);

        assertThat(doc.index()).isEqualTo("orders");
        assertThat(doc.id()).isEqualTo("o-1");
        assertThat(doc.mode()).isEqualTo(WriteMode.EXTERNAL_VERSION);
        assertThat(doc.version()).isEqualTo(full.getEventTime().toEpochMilli() * 2 + 1)
                .isGreaterThan(OrderDocuments.version(bare));
        JsonNode json = new ObjectMapper().readTree(doc.json());
        assertThat(json.path("customer_tier").asText()).isEqualTo("GOLD");
        assertThat(json.path("customer_signup_date").asText()).isEqualTo("2024-01-15");
        assertThat(json.path("event_time").asText()).isEqualTo(full.getEventTime().toString());
        assertThat(json.path("categories").toString()).isEqualTo("[\"books\",\"games\"]");
    }

    @Test
    void everyFieldOfTheDocumentIsMappedInTheOrdersTemplate() throws Exception {
        OrderFacts facts = OrderFacts.forOrder("o-1");
        facts.apply(order("o-1", "u-1", OrderStatus.CREATED, 1_000));
        JsonNode json = new ObjectMapper().readTree(OrderDocuments.json(enriched.build(facts, null)));
        JsonNode template;
        try (var in = getClass().getResourceAsStream("/elasticsearch/index-templates/orders.json")) {
            template = new ObjectMapper().readTree(in).path("template").path("mappings").path("properties");
        }

        for (Iterator<String> fields = json.fieldNames(); fields.hasNext(); ) {
            String field = fields.next();
            assertThat(template.has(field)).as("orders.json maps " + field).isTrue();
        }
        assertThat(json.size()).isEqualTo(template.size());
    }

    @Test
    void eMailAndIpAddressesInFreeTextFieldsAreMaskedAndTheIdIsKept() throws Exception {
        OrderFacts facts = OrderFacts.forOrder("o-1");
        facts.apply(order("o-1", "jan@shop.example", OrderStatus.CREATED, 1_000));
        EnrichedOrder leaky = EnrichedOrder.newBuilder(enriched.build(facts, null))
                .setPaymentFailureReason("BLOCKED 2001:db8:85a3::7").build();

        ElasticsearchDocument doc = new OrderDocumentMapper("orders").toDocument(leaky);

        JsonNode json = new ObjectMapper().readTree(doc.json());
        assertThat(json.path("user_id").asText()).isEqualTo("[email]");
        assertThat(json.path("payment_failure_reason").asText()).isEqualTo("BLOCKED 2001:db8:85a3:0:0:0:0:0/48");
        assertThat(json.path("categories").toString()).isEqualTo("[\"books\",\"games\"]");
        assertThat(doc.json()).doesNotContain("jan@shop.example", "85a3::7");
        assertThat(doc.id()).isEqualTo("o-1");
    }
}
