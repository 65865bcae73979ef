package io.infometis.streams.common.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.infometis.streams.common.config.CommonKeys;
import io.infometis.streams.common.config.InvalidConfigurationException;
import io.infometis.streams.common.config.JobConfig;
import io.infometis.streams.events.Customer;
import io.infometis.streams.events.Order;
import io.infometis.streams.events.Topics;
import java.util.Map;
import org.apache.flink.api.common.eventtime.WatermarkAlignmentParams;
import org.junit.jupiter.api.Test;

/** Which topics of a job read in event-time step, and how far apart: the watermark strategy KafkaInput builds. */
class EventStreamWatermarksTest {

    private static final Map<String, String> REQUIRED = Map.of(
            "kafka.bootstrap.servers", "k:9092", "schema.registry.url", "http://r:8081");

    @Test
    void eventStreamsJoinTheJobsAlignmentGroupWithTheConfiguredDriftAndInterval() {
        JobConfig config = config(Map.of("source.watermark-alignment.max-drift", "2 min",
                "source.watermark-alignment.update-interval", "250 ms"));

        WatermarkAlignmentParams alignment = KafkaInput.watermarks(config, "fraud-detection", Topics.ORDERS,
                (Order o) -> o.getEventTime().toEpochMilli()).getAlignmentParameters();

        assertThat(alignment.isEnabled()).isTrue();
        assertThat(alignment.getWatermarkGroup()).isEqualTo("fraud-detection-event-streams");
        assertThat(alignment.getMaxAllowedWatermarkDrift()).isEqualTo(120_000);
        assertThat(alignment.getUpdateInterval()).isEqualTo(250);
    }

    @Test
    void byDefaultEventStreamsStayWithinTenMinutesOfEachOther() {
        WatermarkAlignmentParams alignment = KafkaInput.watermarks(config(Map.of()), "job", Topics.PAYMENTS,
                (Order o) -> 0L).getAlignmentParameters();

        assertThat(alignment.getMaxAllowedWatermarkDrift()).isEqualTo(600_000);
        assertThat(alignment.getUpdateInterval()).isEqualTo(1_000);
    }

    @Test
    void aCompactedTopicIsATableAndStaysOutOfTheGroup() {
        // Customer profiles carry the time of each profile's last change: aligned, they would hold the orders back.
        WatermarkAlignmentParams alignment = KafkaInput.watermarks(config(Map.of()), "order-enrichment",
                Topics.CUSTOMERS, (Customer c) -> c.getEventTime().toEpochMilli()).getAlignmentParameters();

        assertThat(alignment.isEnabled()).isFalse();
    }

    @Test
    void aMaxDriftOfZeroTurnsAlignmentOff() {
        WatermarkAlignmentParams alignment = KafkaInput.watermarks(
                config(Map.of("source.watermark-alignment.max-drift", "0 s")), "job", Topics.ORDERS,
                (Order o) -> 0L).getAlignmentParameters();

        assertThat(alignment.isEnabled()).isFalse();
    }

    @Test
    void badAlignmentSettingsStopTheJobAtStartNamingTheKey() {
        JobConfig config = config(Map.of("source.watermark-alignment.max-drift", "ten minutes",
                "source.watermark-alignment.update-interval", "0 s"));

        assertThatThrownBy(() -> config.validate(CommonKeys.all()))
                .isInstanceOf(InvalidConfigurationException.class)
                .satisfies(e -> assertThat(((InvalidConfigurationException) e).problems()).containsExactly(
                        "source.watermark-alignment.max-drift: expected a duration such as '30 s', '10 min' or"
                                + " '2 h', got 'ten minutes'",
                        "source.watermark-alignment.update-interval: expected a positive duration such as '30 s',"
                                + " '10 min' or '2 h', got '0 s'"));
    }

    private static JobConfig config(Map<String, String> settings) {
        Map<String, String> all = new java.util.HashMap<>(REQUIRED);
        all.putAll(settings);
        return JobConfig.of(all);
    }
}
