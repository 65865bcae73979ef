package io.infometis.streams.enrichment.compute;

import static io.infometis.streams.enrichment.TestEvents.customer;
import static io.infometis.streams.enrichment.TestEvents.order;
import static io.infometis.streams.enrichment.TestEvents.payment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.infometis.streams.enrichment.TestEvents;
import io.infometis.streams.enrichment.customer.CustomerProfile;
import io.infometis.streams.enrichment.order.OrderFacts;
import io.infometis.streams.events.CustomerTier;
import io.infometis.streams.events.EnrichedOrder;
import io.infometis.streams.events.OrderStatus;
import io.infometis.streams.events.PaymentStatus;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class EnrichedOrdersTest {

    private final EnrichedOrders enriched = new EnrichedOrders(new RiskPolicy(500, Duration.ofDays(30)));

    @Test
    void amountInMajorUnitsFollowsTheCurrencysMinorDigits() {
        assertThat(CurrencyUnits.toMajor(4999, "EUR")).isEqualTo(49.99);
        assertThat(CurrencyUnits.toMajor(4999, "JPY")).isEqualTo(4999.0);
        assertThat(CurrencyUnits.toMajor(4999, "KWD")).isEqualTo(4.999);
        assertThat(CurrencyUnits.lookup("ABC")).isEmpty();
        assertThat(CurrencyUnits.lookup("XXX")).as("no minor units defined").isEmpty();
    }

    @Test
    void enrichedOrderCarriesProfileComputedFieldsAndNoEmail() {
        OrderFacts facts = OrderFacts.forOrder("o-1");
        facts.apply(order("o-1", "u-1", OrderStatus.CREATED, 0));
        facts.apply(payment("o-1", "u-1", PaymentStatus.AUTHORIZED, null, 4200));

        EnrichedOrder result = enriched.build(facts, CustomerProfile.of(customer("u-1", CustomerTier.GOLD, "NL", -5000)));

        assertThat(result.getEnriched()).isTrue();
        assertThat(result.getCustomerTier()).isEqualTo("GOLD");
        assertThat(result.getItemCount()).isEqualTo(3);
        assertThat(result.getAmountMajor()).isEqualTo(49.99);
        assertThat(result.getTimeToPaymentMs()).isEqualTo(4200);
        assertThat(result.getPaymentStatus()).isEqualTo("AUTHORIZED");
        assertThat(result.getRiskLevel()).isEqualTo("LOW");
        assertThat(result.toString()).doesNotContain("@example.com");
    }

    @Test
    void unenrichedOrderIsFlaggedAndHasNoCustomerFields() {
        OrderFacts facts = OrderFacts.forOrder("o-1");
        facts.apply(order("o-1", "u-1", OrderStatus.CREATED, 0));

        EnrichedOrder result = enriched.build(facts, null);

        assertThat(result.getEnriched()).isFalse();
        assertThat(result.getCustomerTier()).isNull();
        assertThat(result.getPaymentStatus()).isNull();
    }

    @Test
    void riskGrowsWithFailuresForeignShippingAndMissingProfile() {
        OrderFacts facts = OrderFacts.forOrder("o-1");
        facts.apply(order("o-1", "u-1", OrderStatus.CREATED, 0));
        CustomerProfile german = CustomerProfile.of(customer("u-1", CustomerTier.BRONZE, "DE", 0));
        assertThat(enriched.build(facts, german).getRiskLevel()).as("ships abroad: 1 point").isEqualTo("LOW");

        facts.apply(payment("o-1", "u-1", PaymentStatus.FAILED, "DO_NOT_HONOR", 10));
        assertThat(enriched.build(facts, german).getRiskLevel()).as("+ one failure").isEqualTo("MEDIUM");

        facts.apply(payment("o-1", "u-1", PaymentStatus.FAILED, "DO_NOT_HONOR", 20));
        facts.apply(payment("o-1", "u-1", PaymentStatus.FAILED, "DO_NOT_HONOR", 30));
        assertThat(enriched.build(facts, german).getRiskLevel()).as("+ three failures").isEqualTo("HIGH");
        assertThat(enriched.build(facts, null).getRiskLevel()).as("no profile, three failures").isEqualTo("HIGH");
    }

    @Test
    void aCurrencyCanHaveItsOwnHighAmount() {
        OrderFacts yen = OrderFacts.forOrder("o-1");
        yen.apply(order("o-1", "u-1", OrderStatus.CREATED, 0));
        yen.currency = "JPY";
        CustomerProfile dutch = CustomerProfile.of(customer("u-1", CustomerTier.GOLD, "NL", 0));

        assertThat(new RiskPolicy(500, Duration.ofDays(30)).points(yen, 4999, dutch)).as("4999 >= 500").isEqualTo(1);
        assertThat(new RiskPolicy(500, java.util.Map.of("JPY", 80_000.0), Duration.ofDays(30)).points(yen, 4999, dutch))
                .as("4999 JPY < 80000 JPY").isZero();
    }

    @Test
    void aRecentSignupCountsAsRisk() {
        OrderFacts facts = OrderFacts.forOrder("o-1");
        facts.apply(order("o-1", "u-1", OrderStatus.CREATED, 0));
        CustomerProfile fresh = CustomerProfile.of(customer("u-1", CustomerTier.BRONZE, "NL", 0));
        fresh.signupEpochDay = (int) (TestEvents.T0.getEpochSecond() / 86_400) - 3;
        RiskPolicy policy = new RiskPolicy(500, Duration.ofDays(30));

        assertThat(policy.points(facts, 49.99, fresh)).isEqualTo(1);
    }

    @Test
    void refusesAnOrderWithoutOrderEvent() {
        OrderFacts onlyPayment = OrderFacts.forOrder("o-1");
        onlyPayment.apply(payment("o-1", "u-1", PaymentStatus.AUTHORIZED, null, 0));

        assertThatThrownBy(() -> enriched.build(onlyPayment, null)).hasMessageContaining("o-1");
    }
}
