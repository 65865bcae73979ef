package io.infometis.streams.enrichment.compute;

import io.infometis.streams.enrichment.customer.CustomerProfile;
import io.infometis.streams.enrichment.order.OrderFacts;
import io.infometis.streams.events.EnrichedOrder;
import io.infometis.streams.events.OrderStatus;
import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** Builds the {@link EnrichedOrder} from the folded order facts and the customer profile (null: not arrived). */
public final class EnrichedOrders implements Serializable {

    private static final long serialVersionUID = 1L;

    private final RiskPolicy risk;

    public EnrichedOrders(RiskPolicy risk) {
        if (risk == null) {
            throw new IllegalArgumentException("risk policy is required");
        }
        this.risk = risk;
    }

    public EnrichedOrder build(OrderFacts facts, CustomerProfile profile) {
        if (!facts.hasOrder()) {
            throw new IllegalArgumentException("order " + facts.orderId + " has no order event yet");
        }
        double amountMajor = CurrencyUnits.toMajor(facts.amount, facts.currency);
        EnrichedOrder.Builder b = EnrichedOrder.newBuilder()
                .setOrderId(facts.orderId)
                .setUserId(facts.userId)
                .setLastEventId(facts.lastEventId())
                .setEventTime(Instant.ofEpochMilli(facts.eventTime()))
                .setCreatedTime(facts.createdTime == null ? null : Instant.ofEpochMilli(facts.createdTime))
                .setStatus(OrderStatus.valueOf(facts.status))
                .setItemCount(facts.itemCount)
                .setCategories(List.of(facts.categories))
                .setAmount(facts.amount)
                .setAmountMajor(amountMajor)
                .setCurrency(facts.currency)
                .setShippingCountry(facts.shippingCountry)
                .setEnriched(profile != null)
                .setPaymentStatus(facts.paymentStatus)
                .setPaymentFailureReason(facts.paymentFailureReason)
                .setFailedPaymentCount(facts.failedPaymentCount)
                .setPaidTime(facts.paidTime == null ? null : Instant.ofEpochMilli(facts.paidTime))
                .setTimeToPaymentMs(facts.timeToPaymentMs())
                .setRiskLevel(risk.level(facts, amountMajor, profile));
        if (profile != null) {
            b.setCustomerCountry(profile.country)
                    .setCustomerTier(profile.tier)
                    .setCustomerSegment(profile.segment)
                    .setCustomerSignupDate(LocalDate.ofEpochDay(profile.signupEpochDay));
        }
        return b.build();
    }
}
