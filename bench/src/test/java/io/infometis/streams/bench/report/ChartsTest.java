package io.infometis.streams.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ChartsTest {

    @Test
    void axisLabelsKeepWhatTellsRunsOfOneJobApart() {
        assertThat(Charts.shortName("fraud-detection job (10 rules) on RocksDB")).isEqualTo("fraud-detection 10 rules on RocksDB");
        assertThat(Charts.shortName("fraud-detection job (10 rules), 1,000,000 users and cards"))
                .isEqualTo("fraud-detection 10 rules, 1,000,000 users and cards");
        assertThat(Charts.shortName("Metrics peer in Flink SQL (same per-minute figures)"))
                .isEqualTo("Metrics peer in Flink SQL");
        assertThat(Charts.shortName("order-enrichment job")).isEqualTo("order-enrichment");
    }
}
