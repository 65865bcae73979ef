package io.infometis.streams.stack.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PortRangeTest {

    @Test
    void parsesFlinksRangeNotationAndASinglePort() {
        assertThat(PortRange.parse("9249-9250")).isEqualTo(new PortRange(9249, 9250));
        assertThat(PortRange.parse(" 9249 - 9251 ").size()).isEqualTo(3);
        assertThat(PortRange.parse("9249")).isEqualTo(new PortRange(9249, 9249));
        assertThat(new PortRange(9249, 9250)).hasToString("9249-9250");
    }

    @Test
    void rejectsWhatIsNotARangeSayingTheExpectedForm() {
        assertThatThrownBy(() -> PortRange.parse("9249:9250")).hasMessageContaining("'first-last'")
                .hasMessageContaining("got '9249:9250'");
        assertThatThrownBy(() -> PortRange.parse("9250-9249")).hasMessageContaining("first <= last");
        assertThatThrownBy(() -> PortRange.parse("0-10")).hasMessageContaining("1..65535");
    }

    @Test
    void aRangeTooSmallForBothProcessesNamesWhoNeedsThePort() {
        assertThatThrownBy(() -> new PortRange(9249, 9249).port(1, "the TaskManager's Prometheus endpoint"))
                .hasMessageContaining("9249-9249 is too small")
                .hasMessageContaining("the TaskManager's Prometheus endpoint");
    }
}
