package io.infometis.streams.fraud.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.infometis.streams.common.config.InvalidConfigurationException;
import io.infometis.streams.common.config.JobConfig;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FraudKeysTest {

    private static final Map<String, String> REQUIRED = Map.of("kafka.bootstrap.servers", "127.0.0.1:9092",
            "schema.registry.url", "http://127.0.0.1:8081/apis/ccompat/v7");

    @Test
    void defaultsAreTheIssuesThresholds() {
        JobConfig config = JobConfig.of(REQUIRED);
        config.validate(FraudKeys.allWithCommon());
        FraudSettings s = FraudKeys.settings(config);

        assertThat(s.cardTestingMinFailures()).isEqualTo(3);
        assertThat(s.cardTestingWindow()).isEqualTo(Duration.ofMinutes(10));
        assertThat(s.accountTakeoverWindow()).isEqualTo(Duration.ofMinutes(30));
        assertThat(s.accountTakeoverMinAmount()).isEqualTo(50_000);
        assertThat(s.unpaidOrderTimeout()).isEqualTo(Duration.ofMinutes(15));
        assertThat(s.jobName()).isEqualTo("fraud-detection");
    }

    @Test
    void keysOverrideTheDefaults() {
        JobConfig config = JobConfig.fromArgs(new String[] {"--kafka.bootstrap.servers", "k:9092",
                "--schema.registry.url", "http://r:8081", "--fraud.card-testing.window", "5 min",
                "--fraud.account-takeover.min-amount", "1000", "--fraud.unpaid-order.timeout", "1 h"});
        config.validate(FraudKeys.allWithCommon());
        FraudSettings s = FraudKeys.settings(config);

        assertThat(s.cardTestingWindow()).isEqualTo(Duration.ofMinutes(5));
        assertThat(s.accountTakeoverMinAmount()).isEqualTo(1000);
        assertThat(s.unpaidOrderTimeout()).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void badValuesStopTheJobNamingEveryKeyAndTheExpectedForm() {
        JobConfig config = JobConfig.of(Map.of("kafka.bootstrap.servers", "k:9092",
                "schema.registry.url", "http://r:8081", "fraud.card-testing.min-failures", "zero",
                "fraud.card-testing.window", "-1 min"));

        assertThatThrownBy(() -> config.validate(FraudKeys.allWithCommon()))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("fraud.card-testing.min-failures: expected")
                .hasMessageContaining("got 'zero'")
                .hasMessageContaining("fraud.card-testing.window: expected");
    }
}
