package io.infometis.streams.fraud.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.infometis.streams.events.Severity;
import io.infometis.streams.fraud.support.Rules;
import org.junit.jupiter.api.Test;

class RuleParserTest {

    private static final String SUM_PER_COUNTRY = """
            {"id": "big-spend-per-country", "version": 3, "stream": "orders",
             "description": "sum of order amounts per shipping country over 1 million in 10 minutes",
             "filter": [{"field": "status", "op": "equals", "value": "CREATED"},
                        {"field": "currency", "op": "in", "values": ["EUR", "USD"]},
                        {"field": "amount", "op": "range", "min": 100}],
             "group_by": "shipping_country",
             "aggregate": {"function": "sum", "field": "amount"},
             "window": {"size": "10 min", "slide": "1 min"},
             "threshold": {"comparison": ">", "value": 1000000},
             "severity": "CRITICAL"}
            """;

    @Test
    void aValidRuleIsParsedWithEveryPart() throws Exception {
        Rule rule = RuleParser.parse("big-spend-per-country", SUM_PER_COUNTRY);

        assertThat(rule.id()).isEqualTo("big-spend-per-country");
        assertThat(rule.version()).isEqualTo(3);
        assertThat(rule.enabled()).isTrue();
        assertThat(rule.stream()).isEqualTo(RuleStream.ORDERS);
        assertThat(rule.filters()).extracting(FieldFilter::op)
                .containsExactly(FieldFilter.Op.EQUALS, FieldFilter.Op.IN, FieldFilter.Op.RANGE);
        assertThat(rule.groupBy()).isEqualTo("shipping_country");
        assertThat(rule.aggregate().function()).isEqualTo(Aggregate.Function.SUM);
        assertThat(rule.windowSizeMillis()).isEqualTo(600_000);
        assertThat(rule.slideMillis()).isEqualTo(60_000);
        assertThat(rule.threshold()).isEqualTo(new Threshold(Threshold.Comparison.GT, 1_000_000));
        assertThat(rule.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(rule.describe()).contains("sum(amount)", "orders", "shipping_country", "> 1000000");
    }

    @Test
    void theSlideDefaultsToTheSizeAndEnabledToTrue() throws Exception {
        Rule rule = RuleParser.parse("r", Rules.failedPaymentsPerUser("r", 1, true, 5, "2 min", "2 min")
                .replace(", \"slide\": \"2 min\"", "").replace("\"enabled\": true, ", ""));

        assertThat(rule.slideMillis()).isEqualTo(rule.windowSizeMillis());
        assertThat(rule.enabled()).isTrue();
    }

    @Test
    void everyProblemIsReportedAtOnceNamingTheField() {
        String bad = """
                {"id": "bad rule!", "version": 0, "stream": "clicks",
                 "group_by": "user_id", "aggregate": {"function": "median", "field": "amount"},
                 "window": {"size": "10 min", "slide": "3 min"},
                 "threshold": {"comparison": "~", "value": 5}, "severity": "URGENT"}
                """;

        assertThatThrownBy(() -> RuleParser.parse("bad rule!", bad))
                .isInstanceOfSatisfying(InvalidRuleException.class, e -> assertThat(e.problems()).anySatisfy(p ->
                        assertThat(p).startsWith("id:")).anySatisfy(p -> assertThat(p).startsWith("version:"))
                        .anySatisfy(p -> assertThat(p).startsWith("stream: expected one of payments|orders|user-events"))
                        .anySatisfy(p -> assertThat(p).startsWith("aggregate.function:"))
                        .anySatisfy(p -> assertThat(p).startsWith("window.size: must be a whole multiple"))
                        .anySatisfy(p -> assertThat(p).startsWith("threshold.comparison:"))
                        .anySatisfy(p -> assertThat(p).startsWith("severity:")));
    }

    @Test
    void fieldsMustExistInTheStreamAndHaveTheRightKind() {
        String rule = SUM_PER_COUNTRY
                .replace("\"field\": \"currency\", \"op\": \"in\"", "\"field\": \"amount\", \"op\": \"in\"")
                .replace("\"group_by\": \"shipping_country\"", "\"group_by\": \"items\"")
                .replace("\"function\": \"sum\", \"field\": \"amount\"", "\"function\": \"sum\", \"field\": \"currency\"");

        assertThatThrownBy(() -> RuleParser.parse("big-spend-per-country", rule))
                .isInstanceOfSatisfying(InvalidRuleException.class, e -> assertThat(e.problems())
                        .anySatisfy(p -> assertThat(p).contains("filter[1].op: 'in' needs a text field"))
                        .anySatisfy(p -> assertThat(p).contains("group_by: expected a text or number field of orders"))
                        .anySatisfy(p -> assertThat(p).contains("aggregate.field: sum needs a number field")));
    }

    @Test
    void unknownPropertiesAreRejectedSoATypoNeverSilentlyDropsAFilter() {
        String typo = SUM_PER_COUNTRY.replace("\"filter\"", "\"filters\"");

        assertThatThrownBy(() -> RuleParser.parse("big-spend-per-country", typo))
                .isInstanceOf(InvalidRuleException.class).hasMessageContaining("Unrecognized field \"filters\"");
    }

    @Test
    void notJsonAndKeyMismatchAreRejected() {
        assertThatThrownBy(() -> RuleParser.parse("r", "{not json")).isInstanceOf(InvalidRuleException.class)
                .hasMessageContaining("not a rule in JSON");
        assertThatThrownBy(() -> RuleParser.parse("r", "")).hasMessageContaining("empty rule");
        assertThatThrownBy(() -> RuleParser.parse("other-key", SUM_PER_COUNTRY))
                .hasMessageContaining("the record key 'other-key' must be the rule id 'big-spend-per-country'");
    }

    @Test
    void windowsAreBoundedInSlidesAndDurations() {
        String tooManySlides = Rules.failedPaymentsPerUser("r", 1, true, 5, "2 h", "1 min");
        String notADuration = Rules.failedPaymentsPerUser("r", 1, true, 5, "soon", "1 min");

        assertThatThrownBy(() -> RuleParser.parse("r", tooManySlides)).hasMessageContaining("at most 100 slides");
        assertThatThrownBy(() -> RuleParser.parse("r", notADuration))
                .hasMessageContaining("window.size: expected a duration like '30 s', '10 min', '2 h', got 'soon'");
    }
}
