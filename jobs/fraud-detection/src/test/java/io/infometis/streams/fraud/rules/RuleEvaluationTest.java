package io.infometis.streams.fraud.rules;

import static io.infometis.streams.events.OrderStatus.CREATED;
import static io.infometis.streams.events.OrderStatus.PAID;
import static io.infometis.streams.fraud.support.TestEvents.min;
import static io.infometis.streams.fraud.support.TestEvents.order;
import static org.assertj.core.api.Assertions.assertThat;

import io.infometis.streams.events.Order;
import org.junit.jupiter.api.Test;

/** Filters, group values, aggregate inputs, aggregates and thresholds as pure functions. */
class RuleEvaluationTest {

    private static Rule rule(String filter, String aggregate) throws Exception {
        return RuleParser.parse("r", """
                {"id": "r", "version": 1, "stream": "orders", "filter": [%s], "group_by": "shipping_country",
                 "aggregate": %s, "window": {"size": "1 min"},
                 "threshold": {"comparison": ">=", "value": 2}, "severity": "LOW"}
                """.formatted(filter, aggregate));
    }

    private static final Order CREATED_EUR_5000 = order("e1", min(0), "o1", "u1", CREATED, 5_000);
    private static final Order PAID_EUR_5000 = order("e2", min(0), "o1", "u1", PAID, 5_000);

    @Test
    void equalsAndNotEqualsCompareTextAndEnumSymbols() throws Exception {
        Rule created = rule("{\"field\": \"status\", \"op\": \"equals\", \"value\": \"CREATED\"}", "{\"function\": \"count\"}");
        Rule notCreated = rule("{\"field\": \"status\", \"op\": \"not_equals\", \"value\": \"CREATED\"}", "{\"function\": \"count\"}");

        assertThat(created.matches(CREATED_EUR_5000)).isTrue();
        assertThat(created.matches(PAID_EUR_5000)).isFalse();
        assertThat(notCreated.matches(CREATED_EUR_5000)).isFalse();
        assertThat(notCreated.matches(PAID_EUR_5000)).isTrue();
    }

    @Test
    void inAndRangeAndNumericEquals() throws Exception {
        Rule in = rule("{\"field\": \"currency\", \"op\": \"in\", \"values\": [\"USD\", \"EUR\"]}", "{\"function\": \"count\"}");
        Rule notIn = rule("{\"field\": \"currency\", \"op\": \"in\", \"values\": [\"USD\"]}", "{\"function\": \"count\"}");
        Rule range = rule("{\"field\": \"amount\", \"op\": \"range\", \"min\": 5000, \"max\": 5000}", "{\"function\": \"count\"}");
        Rule above = rule("{\"field\": \"amount\", \"op\": \"range\", \"min\": 5001}", "{\"function\": \"count\"}");
        Rule equals = rule("{\"field\": \"amount\", \"op\": \"equals\", \"value\": 5000}", "{\"function\": \"count\"}");

        assertThat(in.matches(CREATED_EUR_5000)).isTrue();
        assertThat(notIn.matches(CREATED_EUR_5000)).isFalse();
        assertThat(range.matches(CREATED_EUR_5000)).as("bounds are inclusive").isTrue();
        assertThat(above.matches(CREATED_EUR_5000)).isFalse();
        assertThat(equals.matches(CREATED_EUR_5000)).isTrue();
    }

    @Test
    void groupValueAndAggregateInputComeFromTheNamedFields() throws Exception {
        Rule count = rule("", "{\"function\": \"count\"}");
        Rule sum = rule("", "{\"function\": \"sum\", \"field\": \"amount\"}");

        assertThat(count.groupValue(CREATED_EUR_5000)).isEqualTo("FR");
        assertThat(count.aggregateInput(CREATED_EUR_5000)).isEqualTo(1.0);
        assertThat(sum.aggregateInput(CREATED_EUR_5000)).isEqualTo(5000.0);
    }

    @Test
    void aggregatesAndThresholds() {
        assertThat(Aggregate.count().result(4, 100, 10, 50)).isEqualTo(4);
        assertThat(new Aggregate(Aggregate.Function.SUM, "amount", 0).result(4, 100, 10, 50)).isEqualTo(100);
        assertThat(new Aggregate(Aggregate.Function.MIN, "amount", 0).result(4, 100, 10, 50)).isEqualTo(10);
        assertThat(new Aggregate(Aggregate.Function.MAX, "amount", 0).result(4, 100, 10, 50)).isEqualTo(50);
        assertThat(new Aggregate(Aggregate.Function.AVG, "amount", 0).result(4, 100, 10, 50)).isEqualTo(25);

        assertThat(new Threshold(Threshold.Comparison.GT, 5).breachedBy(5)).isFalse();
        assertThat(new Threshold(Threshold.Comparison.GE, 5).breachedBy(5)).isTrue();
        assertThat(new Threshold(Threshold.Comparison.LT, 5).breachedBy(4.9)).isTrue();
        assertThat(new Threshold(Threshold.Comparison.LE, 5).breachedBy(5.1)).isFalse();
    }
}
