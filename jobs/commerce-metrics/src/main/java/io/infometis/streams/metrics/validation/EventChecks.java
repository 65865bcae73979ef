package io.infometis.streams.metrics.validation;

import java.io.Serializable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The checks every input event of this job passes before it is used; each failure is the reason text the record
 * carries to the dead-letter topic ({@code dlq.reason}). The clock is injectable so tests can pin "now".
 * The same checks as the order-enrichment job's (two copies: a candidate for job-common).
 */
public final class EventChecks implements Serializable {

    private static final long serialVersionUID = 1L;

    private final Clock clock;
    private final Duration maxFuture;

    public EventChecks(Clock clock, Duration maxFuture) {
        if (clock == null) {
            throw new IllegalArgumentException("clock is required");
        }
        if (maxFuture == null || maxFuture.isNegative()) {
            throw new IllegalArgumentException("maxFuture must be >= 0, got " + maxFuture);
        }
        this.clock = clock;
        this.maxFuture = maxFuture;
    }

    public Optional<String> missing(String field, String value) {
        return value == null || value.isBlank() ? Optional.of("missing " + field) : Optional.empty();
    }

    public Optional<String> negative(String field, long value) {
        return value < 0 ? Optional.of("negative " + field + ": " + value) : Optional.empty();
    }

    public Optional<String> currency(String code) {
        return CurrencyUnits.lookup(code).isPresent()
                ? Optional.empty()
                : Optional.of("unknown currency '" + code + "' (not ISO-4217)");
    }

    public Optional<String> eventTime(Instant eventTime) {
        if (eventTime == null) {
            return Optional.of("missing event_time");
        }
        Instant limit = clock.instant().plus(maxFuture);
        return eventTime.isAfter(limit)
                ? Optional.of("event_time " + eventTime + " is in the future (more than " + maxFuture + " ahead of "
                        + clock.instant() + ")")
                : Optional.empty();
    }

    /** The first problem of several checks, in the order given. */
    @SafeVarargs
    public static Optional<String> first(Optional<String>... checks) {
        for (Optional<String> check : checks) {
            if (check.isPresent()) {
                return check;
            }
        }
        return Optional.empty();
    }
}
