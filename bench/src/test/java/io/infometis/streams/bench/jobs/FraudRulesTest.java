package io.infometis.streams.bench.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FraudRulesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyRuleIsJsonWithItsIdAndTheDocumentedFields() throws Exception {
        Set<String> shapes = new HashSet<>();
        for (int n = 0; n < 12; n++) {
            JsonNode rule = JSON.readTree(FraudRules.rule("bench-rule-" + n, n));

            assertThat(rule.get("id").asText()).isEqualTo("bench-rule-" + n);
            assertThat(rule.get("stream").asText()).isEqualTo("payments");
            assertThat(rule.fieldNames()).toIterable().contains("filter", "group_by", "aggregate", "window",
                    "threshold", "severity");
            shapes.add(rule.get("group_by").asText() + rule.get("window") + rule.get("aggregate"));
        }
        assertThat(shapes).as("rules differ as a real rule set does").hasSizeGreaterThan(3);
    }
}
