package io.infometis.streams.enrichment;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.infometis.streams.common.config.InvalidConfigurationException;
import org.junit.jupiter.api.Test;

/** A bad configuration stops main() before anything connects, naming every bad key and the expected form. */
class OrderEnrichmentJobConfigurationTest {

    @Test
    void badValuesStopTheJobAtStartNamingTheKeys() {
        assertThatThrownBy(() -> OrderEnrichmentJob.main(new String[] {
                "--kafka.bootstrap.servers", "127.0.0.1:1",
                "--schema.registry.url", "http://127.0.0.1:1",
                "--enrichment.profile-wait", "soon",
                "--enrichment.risk.high-amount", "-3",
                "--enrichment.order-retention", "0 s"}))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("enrichment.profile-wait: expected a duration such as '30 s', '10 min' or '2 h', got 'soon'")
                .hasMessageContaining("enrichment.risk.high-amount: expected a number > 0, got '-3'")
                .hasMessageContaining("enrichment.order-retention: expected a positive duration");
    }

    @Test
    void perCurrencyRiskThresholdsAreCheckedToo() {
        assertThatThrownBy(() -> OrderEnrichmentJob.main(new String[] {
                "--kafka.bootstrap.servers", "127.0.0.1:1",
                "--schema.registry.url", "http://127.0.0.1:1",
                "--enrichment.risk.high-amount.JPY", "lots",
                "--enrichment.risk.high-amount.XYZ", "100"}))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("enrichment.risk.high-amount.JPY: expected a number > 0, got 'lots'")
                .hasMessageContaining("enrichment.risk.high-amount.XYZ: expected an ISO-4217 currency code");
    }

    @Test
    void missingRequiredKeysStopTheJobAtStart() {
        assertThatThrownBy(() -> OrderEnrichmentJob.main(new String[0]))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("kafka.bootstrap.servers: is required")
                .hasMessageContaining("schema.registry.url: is required");
    }
}
