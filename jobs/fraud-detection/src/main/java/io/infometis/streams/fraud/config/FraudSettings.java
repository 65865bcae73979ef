package io.infometis.streams.fraud.config;

import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;

/**
 * The fraud job's own settings (thresholds and windows of the patterns, rule limits), validated once when built.
 * The topology takes these rather than the raw configuration, so tests set exactly what they exercise.
 */
public final class FraudSettings implements Serializable {

    private static final long serialVersionUID = 1L;

    private final String jobName;
    private final int cardTestingMinFailures;
    private final Duration cardTestingWindow;
    private final Duration accountTakeoverWindow;
    private final long accountTakeoverMinAmount;
    private final Duration knownCountriesTtl;
    private final Duration unpaidOrderTimeout;
    private final int ruleMaxEventIds;

    private FraudSettings(Builder b) {
        this.jobName = b.jobName;
        this.cardTestingMinFailures = b.cardTestingMinFailures;
        this.cardTestingWindow = b.cardTestingWindow;
        this.accountTakeoverWindow = b.accountTakeoverWindow;
        this.accountTakeoverMinAmount = b.accountTakeoverMinAmount;
        this.knownCountriesTtl = b.knownCountriesTtl;
        this.unpaidOrderTimeout = b.unpaidOrderTimeout;
        this.ruleMaxEventIds = b.ruleMaxEventIds;
    }

    public static Builder builder() {
        return new Builder();
    }

    public static FraudSettings defaults() {
        return builder().build();
    }

    public String jobName() {
        return jobName;
    }

    public int cardTestingMinFailures() {
        return cardTestingMinFailures;
    }

    public Duration cardTestingWindow() {
        return cardTestingWindow;
    }

    public Duration accountTakeoverWindow() {
        return accountTakeoverWindow;
    }

    public long accountTakeoverMinAmount() {
        return accountTakeoverMinAmount;
    }

    public Duration knownCountriesTtl() {
        return knownCountriesTtl;
    }

    public Duration unpaidOrderTimeout() {
        return unpaidOrderTimeout;
    }

    public int ruleMaxEventIds() {
        return ruleMaxEventIds;
    }

    @Override
    public String toString() {
        return "FraudSettings{jobName=" + jobName + ", cardTestingMinFailures=" + cardTestingMinFailures
                + ", cardTestingWindow=" + cardTestingWindow + ", accountTakeoverWindow=" + accountTakeoverWindow
                + ", accountTakeoverMinAmount=" + accountTakeoverMinAmount + ", knownCountriesTtl=" + knownCountriesTtl
                + ", unpaidOrderTimeout=" + unpaidOrderTimeout + ", ruleMaxEventIds=" + ruleMaxEventIds + "}";
    }

    public static final class Builder {
        private String jobName = "fraud-detection";
        private int cardTestingMinFailures = 3;
        private Duration cardTestingWindow = Duration.ofMinutes(10);
        private Duration accountTakeoverWindow = Duration.ofMinutes(30);
        private long accountTakeoverMinAmount = 50_000;
        private Duration knownCountriesTtl = Duration.ofDays(90);
        private Duration unpaidOrderTimeout = Duration.ofMinutes(15);
        private int ruleMaxEventIds = 100;

        private Builder() {}

        public Builder jobName(String jobName) {
            if (jobName == null || jobName.isBlank()) {
                throw new IllegalArgumentException("jobName must not be blank");
            }
            this.jobName = jobName;
            return this;
        }

        public Builder cardTestingMinFailures(int minFailures) {
            if (minFailures < 1) {
                throw new IllegalArgumentException("cardTestingMinFailures must be >= 1, got " + minFailures);
            }
            this.cardTestingMinFailures = minFailures;
            return this;
        }

        public Builder cardTestingWindow(Duration window) {
            this.cardTestingWindow = positive("cardTestingWindow", window);
            return this;
        }

        public Builder accountTakeoverWindow(Duration window) {
            this.accountTakeoverWindow = positive("accountTakeoverWindow", window);
            return this;
        }

        public Builder accountTakeoverMinAmount(long minAmount) {
            if (minAmount < 0) {
                throw new IllegalArgumentException("accountTakeoverMinAmount must be >= 0, got " + minAmount);
            }
            this.accountTakeoverMinAmount = minAmount;
            return this;
        }

        public Builder knownCountriesTtl(Duration ttl) {
            this.knownCountriesTtl = positive("knownCountriesTtl", ttl);
            return this;
        }

        public Builder unpaidOrderTimeout(Duration timeout) {
            this.unpaidOrderTimeout = positive("unpaidOrderTimeout", timeout);
            return this;
        }

        public Builder ruleMaxEventIds(int max) {
            if (max < 1) {
                throw new IllegalArgumentException("ruleMaxEventIds must be >= 1, got " + max);
            }
            this.ruleMaxEventIds = max;
            return this;
        }

        public FraudSettings build() {
            return new FraudSettings(this);
        }

        private static Duration positive(String name, Duration d) {
            Objects.requireNonNull(d, name);
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + " must be > 0, got " + d);
            }
            return d;
        }
    }
}
