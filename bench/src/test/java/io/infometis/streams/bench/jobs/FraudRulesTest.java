package io.infometis.streams.bench.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashSet;
import java.util.Set;
import io.infometis.streams.fraud.rules.RuleParser;
import io.infometis.streams.fraud.rules.WindowFamily;
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

    @Test
    void theJobParsesEveryRuleAndTheirWindowFamiliesAreTheDocumentedShapes() throws Exception {
        Set<String> families = new HashSet<>();
        for (int n = 0; n < 1000; n++) {
            String id = String.format("bench-rule-%04d", n);
            families.add(WindowFamily.of(RuleParser.parse(id, FraudRules.rule(id, n))));
            if (n == 9 || n == 99 || n == 999) {
                assertThat(families).as("families of %d rules", n + 1).hasSize(FraudRules.shapes(n + 1));
            }
        }
        assertThat(FraudRules.shapes(1000)).isEqualTo(54);
    }
}
