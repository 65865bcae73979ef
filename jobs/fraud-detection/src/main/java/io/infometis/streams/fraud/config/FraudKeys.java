package io.infometis.streams.fraud.config;

import io.infometis.streams.common.config.CommonKeys;
import io.infometis.streams.common.config.ConfigKey;
import io.infometis.streams.common.config.JobConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The job's own configuration keys ({@code fraud.*}); every one has a default. */
public final class FraudKeys {

    public static final ConfigKey<String> JOB_NAME = ConfigKey.string("fraud.job-name", "fraud-detection",
            "Name of the Flink job; also the default Kafka group id and transactional id prefix");
    public static final ConfigKey<Integer> CARD_TESTING_MIN_FAILURES = ConfigKey.integer(
            "fraud.card-testing.min-failures", 3, "Failed payments in a row on one card before an authorization")
            .positive();
    public static final ConfigKey<Duration> CARD_TESTING_WINDOW = ConfigKey.duration("fraud.card-testing.window",
            Duration.ofMinutes(10), "From the first failure to the authorization, at most").positive();
    public static final ConfigKey<Duration> ACCOUNT_TAKEOVER_WINDOW = ConfigKey.duration(
            "fraud.account-takeover.window", Duration.ofMinutes(30),
            "From the new-country login to the large order, at most").positive();
    public static final ConfigKey<Long> ACCOUNT_TAKEOVER_MIN_AMOUNT = ConfigKey.longValue(
            "fraud.account-takeover.min-amount", 50_000,
            "An order counts when its amount (minor units) is strictly above this").positive();
    public static final ConfigKey<Duration> KNOWN_COUNTRIES_TTL = ConfigKey.duration(
            "fraud.account-takeover.known-countries-ttl", Duration.ofDays(90),
            "A login country not seen for this long (processing time) is forgotten").positive();
    public static final ConfigKey<Duration> UNPAID_ORDER_TIMEOUT = ConfigKey.duration("fraud.unpaid-order.timeout",
            Duration.ofMinutes(15), "An order CREATED and not PAID within this raises an alert").positive();
    public static final ConfigKey<Integer> RULES_MAX_EVENT_IDS = ConfigKey.integer("fraud.rules.max-event-ids", 100,
            "Most event ids a rule alert lists (its window may hold many more events)").positive();
    public static final ConfigKey<Duration> CHECKPOINT_INTERVAL = ConfigKey.duration("fraud.checkpoint.interval",
            Duration.ofSeconds(10), "Checkpoint interval when the cluster configuration sets none; alerts reach "
                    + "read_committed consumers at each checkpoint").positive();

    public static final ConfigKey<Duration> MAX_FUTURE_SKEW = ConfigKey.duration("fraud.max-future-skew",
            Duration.ofHours(1), "An event whose event_time is further than this ahead of the wall clock goes to "
                    + "the dlq (it would push the watermark ahead and make every later event late)").positive();

    private FraudKeys() {}

    public static List<ConfigKey<?>> all() {
        return List.of(JOB_NAME, CARD_TESTING_MIN_FAILURES, CARD_TESTING_WINDOW, ACCOUNT_TAKEOVER_WINDOW,
                ACCOUNT_TAKEOVER_MIN_AMOUNT, KNOWN_COUNTRIES_TTL, UNPAID_ORDER_TIMEOUT, RULES_MAX_EVENT_IDS,
                CHECKPOINT_INTERVAL, MAX_FUTURE_SKEW);
    }

    /** Every key the job reads: the common ones and its own. */
    public static List<ConfigKey<?>> allWithCommon() {
        List<ConfigKey<?>> keys = new ArrayList<>(CommonKeys.all());
        keys.addAll(all());
        return keys;
    }

    /** The settings of a configuration that passed {@link JobConfig#validate}. */
    public static FraudSettings settings(JobConfig config) {
        return FraudSettings.builder()
                .jobName(config.get(JOB_NAME))
                .cardTestingMinFailures(config.get(CARD_TESTING_MIN_FAILURES))
                .cardTestingWindow(config.get(CARD_TESTING_WINDOW))
                .accountTakeoverWindow(config.get(ACCOUNT_TAKEOVER_WINDOW))
                .accountTakeoverMinAmount(config.get(ACCOUNT_TAKEOVER_MIN_AMOUNT))
                .knownCountriesTtl(config.get(KNOWN_COUNTRIES_TTL))
                .unpaidOrderTimeout(config.get(UNPAID_ORDER_TIMEOUT))
                .ruleMaxEventIds(config.get(RULES_MAX_EVENT_IDS))
                .build();
    }
}
