package io.infometis.streams.stack.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FlinkPortsTest {

    @Test
    void defaultsAreFlinksPortsWithTheUiOn8083() {
        assertThat(FlinkPorts.DEFAULTS.byRole()).containsEntry("rest", 8083).containsEntry("rpc", 6123)
                .containsEntry("blob", 6124).containsEntry("taskmanager-rpc", 6122).containsEntry("data", 6121)
                .containsEntry("jobmanager-prometheus", 9249).containsEntry("taskmanager-prometheus", 9250);
    }

    @Test
    void twoRolesOnOnePortAreRefusedNamingBoth() {
        assertThatThrownBy(() -> new FlinkPorts(8083, 6123, 6123, 6122, 6121, new PortRange(9249, 9250),
                new PortRange(50100, 50101)))
                .hasMessage("flink: blob and rpc ports are both 6123");
        assertThatThrownBy(() -> new FlinkPorts(8083, 6123, 6124, 6122, 6121, new PortRange(9249, 9250),
                new PortRange(9250, 9251)))
                .hasMessageContaining("ports are both 9250");
    }
}
