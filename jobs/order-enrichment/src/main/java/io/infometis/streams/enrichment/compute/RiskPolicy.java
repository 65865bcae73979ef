package io.infometis.streams.enrichment.compute;

import io.infometis.streams.enrichment.customer.CustomerProfile;
import io.infometis.streams.enrichment.order.OrderFacts;
import java.io.Serializable;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * A transparent risk level for support staff, not a fraud model (the fraud job does that). One point each for:
 * a failed payment (two for three or more), an amount of at least {@code highAmount} major units (or the
 * currency's own threshold: 500 is much in EUR, little in JPY), shipping to a
 * country other than the customer's, a customer who signed up less than {@code newCustomerAge} before the order,
 * and no customer profile at all. LOW below 2 points, MEDIUM at 2, HIGH from 3.
 */
public final class RiskPolicy implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final long DAY_MS = Duration.ofDays(1).toMillis();

    private final double highAmount;
    private final Map<String, Double> highAmountByCurrency;
    private final Duration newCustomerAge;

    public RiskPolicy(double highAmount, Duration newCustomerAge) {
        this(highAmount, Map.of(), newCustomerAge);
    }

    /** @param highAmountByCurrency ISO-4217 code to threshold in that currency's major units (overrides highAmount) */
    public RiskPolicy(double highAmount, Map<String, Double> highAmountByCurrency, Duration newCustomerAge) {
        if (!(highAmount > 0)) {
            throw new IllegalArgumentException("highAmount must be > 0, got " + highAmount);
        }
        if (newCustomerAge == null || newCustomerAge.isNegative()) {
            throw new IllegalArgumentException("newCustomerAge must be >= 0, got " + newCustomerAge);
        }
        highAmountByCurrency.forEach((currency, threshold) -> {
            if (CurrencyUnits.lookup(currency).isEmpty() || !(threshold > 0)) {
                throw new IllegalArgumentException("threshold for " + currency + " must be > 0 for an ISO-4217 currency, got "
                        + threshold);
            }
        });
        this.highAmount = highAmount;
        this.highAmountByCurrency = new HashMap<>(highAmountByCurrency);
        this.newCustomerAge = newCustomerAge;
    }

    public String level(OrderFacts order, double amountMajor, CustomerProfile profile) {
        int points = points(order, amountMajor, profile);
        return points >= 3 ? "HIGH" : points == 2 ? "MEDIUM" : "LOW";
    }

    int points(OrderFacts order, double amountMajor, CustomerProfile profile) {
        int points = order.failedPaymentCount >= 3 ? 2 : order.failedPaymentCount >= 1 ? 1 : 0;
        if (amountMajor >= highAmountByCurrency.getOrDefault(order.currency, highAmount)) {
            points++;
        }
        if (profile == null) {
            return points + 1;
        }
        if (profile.country != null && !profile.country.equals(order.shippingCountry)) {
            points++;
        }
        long orderTime = order.createdTime != null ? order.createdTime : order.lastOrderEventTime;
        long signupMs = profile.signupEpochDay * DAY_MS;
        if (orderTime - signupMs < newCustomerAge.toMillis()) {
            points++;
        }
        return points;
    }
}
