package io.infometis.streams.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class GeneratorSettingsTest {

    @Test
    void defaultsNeedOnlyACountOrADuration() {
        GeneratorSettings s = GeneratorSettings.builder().count(10).build();
        assertThat(s.seed()).isEqualTo(42);
        assertThat(s.clock()).isEqualTo(ClockMode.SIMULATED);
        assertThat(s.tail()).isEqualTo(Duration.ofMinutes(20));
        assertThat(s.atoMinAmount()).isEqualTo(50_000);
        assertThat(s.count()).contains(10L);
        assertThat(s.duration()).isEmpty();
        assertThat(GeneratorSettings.builder().count(10).duration(Duration.ofMinutes(1)).build().count()).isEmpty();
    }

    @Test
    void neitherCountNorDurationIsRejected() {
        assertThatThrownBy(() -> GeneratorSettings.builder().build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("count/duration: expected one of them");
    }

    @Test
    void fewerCardsThanUsersIsRejected() {
        assertThatThrownBy(() -> GeneratorSettings.builder().users(10).cards(5).count(1).build())
                .hasMessageContaining("cards: expected an integer >= users (10; every user has a card), got 5");
    }

    @Test
    void eachSetterNamesTheSettingAndTheExpectedForm() {
        GeneratorSettings.Builder b = GeneratorSettings.builder();
        assertThatThrownBy(() -> b.users(0)).hasMessage("users: expected an integer >= 1, got 0");
        assertThatThrownBy(() -> b.count(0)).hasMessage("count: expected an integer >= 1, got 0");
        assertThatThrownBy(() -> b.duration(Duration.ZERO))
                .hasMessage("duration: expected a positive duration such as '10 min', got PT0S");
        assertThatThrownBy(() -> b.eventRate(0)).hasMessageStartingWith("eventRate: expected background events");
        assertThatThrownBy(() -> b.every(ScenarioKind.CARD_TESTING, -1))
                .hasMessage("card-testing-every: expected an integer >= 0 (0 = off), got -1");
        assertThatThrownBy(() -> b.every(BadRecordKind.UNKNOWN_SCHEMA_ID, -3))
                .hasMessage("unknown-schema-id-every: expected an integer >= 0 (0 = off), got -3");
        assertThatThrownBy(() -> b.tail(Duration.ofSeconds(-1)))
                .hasMessage("tail: expected a duration >= 0 such as '20 min', got PT-1S");
        assertThatThrownBy(() -> b.lateProfileFraction(1.5))
                .hasMessage("lateProfileFraction: expected a fraction between 0 and 1, got 1.5");
        assertThatThrownBy(() -> b.atoMinAmount(-1))
                .hasMessage("atoMinAmount: expected an amount in minor units >= 0, got -1");
        assertThatThrownBy(() -> b.clock(null)).hasMessage("clock: expected SIMULATED or LIVE, got null");
    }

    @Test
    void toBuilderKeepsEverySetting() {
        GeneratorSettings s = GeneratorSettings.builder().seed(9).users(3).cards(4).duration(Duration.ofMinutes(2))
                .every(ScenarioKind.UNPAID_ORDER, 0).every(BadRecordKind.GARBAGE, 7).lateProfileFraction(0.5).build();
        assertThat(s.toBuilder().build().toString()).isEqualTo(s.toString());
    }
}
