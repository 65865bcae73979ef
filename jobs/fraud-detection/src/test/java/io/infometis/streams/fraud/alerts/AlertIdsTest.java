package io.infometis.streams.fraud.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class AlertIdsTest {

    @Test
    void theSameDetectionAlwaysGetsTheSameId() {
        assertThat(AlertIds.forPattern("card-testing", "card-1", List.of("a", "b")))
                .isEqualTo(AlertIds.forPattern("card-testing", "card-1", List.of("a", "b")))
                .hasSize(32).matches("[0-9a-f]{32}");
        assertThat(AlertIds.forRuleWindow("r", 2, "user-1", 0, 60_000))
                .isEqualTo(AlertIds.forRuleWindow("r", 2, "user-1", 0, 60_000));
    }

    @Test
    void anyDifferenceInPatternKeyEventsVersionOrWindowChangesTheId() {
        String base = AlertIds.forPattern("card-testing", "card-1", List.of("a", "b"));
        assertThat(AlertIds.forPattern("unpaid-order", "card-1", List.of("a", "b"))).isNotEqualTo(base);
        assertThat(AlertIds.forPattern("card-testing", "card-2", List.of("a", "b"))).isNotEqualTo(base);
        assertThat(AlertIds.forPattern("card-testing", "card-1", List.of("b", "a"))).isNotEqualTo(base);
        // Length-prefixed parts: moving a character between parts is a different detection.
        assertThat(AlertIds.forPattern("card-testing", "card-1", List.of("ab"))).isNotEqualTo(
                AlertIds.forPattern("card-testing", "card-1a", List.of("b")));

        String window = AlertIds.forRuleWindow("r", 1, "u", 0, 60_000);
        assertThat(AlertIds.forRuleWindow("r", 2, "u", 0, 60_000)).isNotEqualTo(window);
        assertThat(AlertIds.forRuleWindow("r", 1, "u", 60_000, 120_000)).isNotEqualTo(window);
    }

    @Test
    void badInputIsRefused() {
        assertThatThrownBy(() -> AlertIds.forPattern("p", "k", List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AlertIds.forRuleWindow("r", 1, "u", 10, 10)).isInstanceOf(IllegalArgumentException.class);
    }
}
