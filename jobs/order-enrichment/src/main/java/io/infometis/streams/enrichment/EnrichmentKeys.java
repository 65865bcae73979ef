package io.infometis.streams.enrichment;

import io.infometis.streams.common.config.CommonKeys;
import io.infometis.streams.common.config.ConfigKey;
import io.infometis.streams.common.config.InvalidConfigurationException;
import io.infometis.streams.common.config.JobConfig;
import io.infometis.streams.enrichment.compute.CurrencyUnits;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The order-enrichment job's own configuration keys ({@code enrichment.*}); the shared ones are in CommonKeys. */
public final class EnrichmentKeys {

    public static final ConfigKey<Duration> PROFILE_WAIT = ConfigKey.duration("enrichment.profile-wait",
            Duration.ofSeconds(30),
            "How long an order whose customer profile has not arrived waits before it is written unenriched "
                    + "(processing time; 0 s writes it at once)");
    public static final ConfigKey<Duration> ORDER_RETENTION = ConfigKey.duration("enrichment.order-retention",
            Duration.ofDays(7),
            "How long an order's state is kept after its last event; a later event of it starts from scratch")
            .positive();
    public static final ConfigKey<Double> RISK_HIGH_AMOUNT = ConfigKey.doubleValue("enrichment.risk.high-amount",
            500.0, "Amount in major units from which an order earns a risk point").positive();
    /** {@code enrichment.risk.high-amount.<ISO-4217 code>}: that currency's own threshold, e.g. {@code .JPY 80000}. */
    public static final String RISK_HIGH_AMOUNT_PER_CURRENCY_PREFIX = RISK_HIGH_AMOUNT.name() + ".";
    public static final ConfigKey<Duration> RISK_NEW_CUSTOMER_AGE = ConfigKey.duration(
            "enrichment.risk.new-customer-age", Duration.ofDays(30),
            "A customer who signed up less than this before the order earns a risk point");
    public static final ConfigKey<Duration> MAX_FUTURE_SKEW = ConfigKey.duration("enrichment.max-future-skew",
            Duration.ofHours(1),
            "Events stamped further than this ahead of the job's clock go to the dead-letter topic");
    public static final ConfigKey<String> INDEX = ConfigKey.string("enrichment.index", "orders",
            "Elasticsearch index of the order documents");
    public static final ConfigKey<Duration> CHECKPOINT_INTERVAL = ConfigKey.duration(
            "enrichment.checkpoint-interval", Duration.ofSeconds(10),
            "Checkpoint interval when the cluster configuration sets none (exactly-once Kafka output commits on "
                    + "checkpoints)").positive();

    private EnrichmentKeys() {}

    public static List<ConfigKey<?>> own() {
        return List.of(PROFILE_WAIT, ORDER_RETENTION, RISK_HIGH_AMOUNT, RISK_NEW_CUSTOMER_AGE, MAX_FUTURE_SKEW, INDEX,
                CHECKPOINT_INTERVAL);
    }

    /**
     * The per-currency thresholds ({@link #RISK_HIGH_AMOUNT_PER_CURRENCY_PREFIX}); every one must be an ISO-4217
     * code with a number > 0, else the job stops at start naming the key.
     */
    public static Map<String, Double> highAmountByCurrency(JobConfig config) {
        Map<String, Double> thresholds = new TreeMap<>();
        List<String> problems = new ArrayList<>();
        config.withPrefix(RISK_HIGH_AMOUNT_PER_CURRENCY_PREFIX).forEach((currency, raw) -> {
            String key = RISK_HIGH_AMOUNT_PER_CURRENCY_PREFIX + currency;
            try {
                double value = Double.parseDouble(raw.trim());
                if (CurrencyUnits.lookup(currency).isEmpty()) {
                    problems.add(key + ": expected an ISO-4217 currency code after the prefix, got '" + currency + "'");
                } else if (!(value > 0) || !Double.isFinite(value)) {
                    problems.add(key + ": expected a number > 0, got '" + raw + "'");
                } else {
                    thresholds.put(currency, value);
                }
            } catch (NumberFormatException e) {
                problems.add(key + ": expected a number > 0, got '" + raw + "'");
            }
        });
        if (!problems.isEmpty()) {
            throw new InvalidConfigurationException(problems);
        }
        return thresholds;
    }

    /** Every key the job reads, validated at start. */
    public static List<ConfigKey<?>> all() {
        List<ConfigKey<?>> all = new ArrayList<>(CommonKeys.all());
        all.addAll(own());
        return List.copyOf(all);
    }
}
