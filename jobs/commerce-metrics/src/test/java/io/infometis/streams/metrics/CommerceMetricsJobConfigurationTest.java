package io.infometis.streams.metrics;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.infometis.streams.common.config.InvalidConfigurationException;
import org.junit.jupiter.api.Test;

/** A bad configuration stops main() before anything connects, naming every bad key and the expected form. */
class CommerceMetricsJobConfigurationTest {

    @Test
    void badValuesStopTheJobAtStartNamingTheKeys() {
        assertThatThrownBy(() -> CommerceMetricsJob.main(new String[] {
                "--kafka.bootstrap.servers", "127.0.0.1:1",
                "--schema.registry.url", "http://127.0.0.1:1",
                "--metrics.window", "0 s",
                "--metrics.allowed-lateness", "a while",
                "--metrics.top-failure-reasons", "three"}))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("metrics.window: expected a positive duration")
                .hasMessageContaining("metrics.allowed-lateness: expected a duration such as '30 s', '10 min' or '2 h', got 'a while'")
                .hasMessageContaining("metrics.top-failure-reasons: expected a whole number > 0, got 'three'");
    }

    @Test
    void missingRequiredKeysStopTheJobAtStart() {
        assertThatThrownBy(() -> CommerceMetricsJob.main(new String[0]))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("kafka.bootstrap.servers: is required");
    }
}
