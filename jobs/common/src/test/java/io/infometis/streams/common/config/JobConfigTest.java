package io.infometis.streams.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JobConfigTest {

    private static final ConfigKey<Duration> WINDOW =
            ConfigKey.duration("fraud.window", Duration.ofMinutes(10), "window").positive();
    private static final ConfigKey<Integer> COUNT = ConfigKey.integer("fraud.count", 3, "count").positive();

    @Test
    void readsSpaceAndEqualsSeparatedArguments() {
        JobConfig config = JobConfig.fromArgs(new String[] {
                "--kafka.bootstrap.servers", "k:9092", "--fraud.window=2 min", "--fraud.count", "5"});

        assertThat(config.get(CommonKeys.KAFKA_BOOTSTRAP_SERVERS)).isEqualTo("k:9092");
        assertThat(config.get(WINDOW)).isEqualTo(Duration.ofMinutes(2));
        assertThat(config.get(COUNT)).isEqualTo(5);
    }

    @Test
    void unsetKeysTakeTheirDefaults() {
        JobConfig config = JobConfig.of(Map.of());

        assertThat(config.get(WINDOW)).isEqualTo(Duration.ofMinutes(10));
        assertThat(config.get(CommonKeys.KAFKA_STARTING_OFFSETS)).isEqualTo("committed");
    }

    @Test
    void validationListsEveryBadKeyWithTheExpectedForm() {
        JobConfig config = JobConfig.of(Map.of("fraud.window", "ten minutes", "fraud.count", "-1",
                "kafka.starting-offsets", "yesterday"));

        assertThatThrownBy(() -> config.validate(List.of(WINDOW, COUNT, CommonKeys.KAFKA_STARTING_OFFSETS,
                CommonKeys.KAFKA_BOOTSTRAP_SERVERS)))
                .isInstanceOf(InvalidConfigurationException.class)
                .satisfies(e -> assertThat(((InvalidConfigurationException) e).problems()).containsExactly(
                        "fraud.window: expected a positive duration such as '30 s', '10 min' or '2 h', got 'ten minutes'",
                        "fraud.count: expected a whole number > 0, got '-1'",
                        "kafka.starting-offsets: expected one of committed|earliest|latest, got 'yesterday'",
                        "kafka.bootstrap.servers: is required (Kafka bootstrap servers, host:port[,host:port...]),"
                                + " expected a non-empty string"));
    }

    @Test
    void malformedArgumentsAreRefusedNamingTheArgument() {
        assertThatThrownBy(() -> JobConfig.fromArgs(new String[] {"kafka.bootstrap.servers", "x"}))
                .hasMessageContaining("argument 1: expected --key value or --key=value, got 'kafka.bootstrap.servers'");
        assertThatThrownBy(() -> JobConfig.fromArgs(new String[] {"--fraud.count"}))
                .hasMessageContaining("fraud.count: expected a value after --fraud.count");
        assertThatThrownBy(() -> JobConfig.fromArgs(new String[] {"--a", "1", "--a", "2"}))
                .hasMessageContaining("a: given twice");
    }

    @Test
    void prefixedKeysPassThroughWithThePrefixStripped() {
        JobConfig config = JobConfig.of(Map.of("kafka.properties.security.protocol", "SASL_SSL",
                "kafka.properties.sasl.mechanism", "SCRAM-SHA-512", "kafka.bootstrap.servers", "k:1"));

        assertThat(config.withPrefix(CommonKeys.KAFKA_PROPERTIES_PREFIX))
                .containsExactlyInAnyOrderEntriesOf(Map.of("security.protocol", "SASL_SSL",
                        "sasl.mechanism", "SCRAM-SHA-512"));
    }

    @Test
    void toStringNeverShowsSecrets() {
        JobConfig config = JobConfig.of(Map.of("elasticsearch.password", "hunter2",
                "kafka.properties.sasl.jaas.config", "ScramLoginModule required password=\"s3cret\";",
                "schema.registry.properties.basic.auth.user.info", "u:p", "elasticsearch.username", "elastic"));

        assertThat(config.toString()).doesNotContain("hunter2", "s3cret", "u:p").contains("elastic");
    }

    @Test
    void defaultsMustSatisfyTheirOwnChecks() {
        assertThatThrownBy(() -> ConfigKey.integer("x", 0, "x").positive())
                .hasMessageContaining("x: default 0 is not positive");
        assertThatThrownBy(() -> ConfigKey.oneOf("y", "maybe", "y", "yes", "no"))
                .hasMessageContaining("default maybe is not one of");
    }

    @Test
    void everyCommonKeyAcceptsAMinimalConfiguration() {
        JobConfig config = JobConfig.of(Map.of("kafka.bootstrap.servers", "k:9092",
                "schema.registry.url", "http://r:8081/apis/ccompat/v7"));

        config.validate(CommonKeys.all());
        assertThat(CommonKeys.groupId(config, "fraud-detection")).isEqualTo("fraud-detection");
        assertThat(config.get(CommonKeys.topic(io.infometis.streams.events.Topics.PAYMENTS))).isEqualTo("payments");
    }

    @Test
    void secretsAreReadFromFilesAndTheEnvironmentWhereTheyAreReferenced(@org.junit.jupiter.api.io.TempDir
                                                                        java.nio.file.Path dir) throws Exception {
        java.nio.file.Path secret = java.nio.file.Files.writeString(dir.resolve("es-password"), "s3cret\n");
        String someVariable = System.getenv().keySet().stream().findFirst().orElseThrow();
        JobConfig config = JobConfig.of(Map.of("elasticsearch.password", "${file:" + secret + "}",
                "kafka.properties.sasl.jaas.config", "${env:" + someVariable + "}"));

        assertThat(config.get(CommonKeys.ELASTICSEARCH_PASSWORD)).isEqualTo("s3cret");
        assertThat(config.withPrefix(CommonKeys.KAFKA_PROPERTIES_PREFIX).get("sasl.jaas.config"))
                .isEqualTo(System.getenv(someVariable));
        assertThat(config.toString()).doesNotContain("s3cret");
    }

    @Test
    void aMissingSecretStopsTheJobNamingTheKeyAndTheReference() {
        JobConfig config = JobConfig.of(Map.of("elasticsearch.password", "${env:INFOMETIS_NO_SUCH_VARIABLE}",
                "elasticsearch.username", "${file:/no/such/file}"));

        assertThatThrownBy(() -> config.validate(List.of(CommonKeys.ELASTICSEARCH_PASSWORD,
                CommonKeys.ELASTICSEARCH_USERNAME)))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("elasticsearch.password: expected environment variable "
                        + "INFOMETIS_NO_SUCH_VARIABLE to be set")
                .hasMessageContaining("elasticsearch.username: expected a readable file /no/such/file");
    }
}
