package io.infometis.streams.enrichment.order;

import static io.infometis.streams.enrichment.TestEvents.order;
import static io.infometis.streams.enrichment.TestEvents.payment;
import static org.assertj.core.api.Assertions.assertThat;

import io.infometis.streams.enrichment.customer.CustomerProfile;
import io.infometis.streams.events.OrderStatus;
import io.infometis.streams.events.PaymentStatus;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.GenericTypeInfo;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.junit.jupiter.api.Test;

class OrderFactsTest {

    @Test
    void foldsItemsAmountsAndCategoriesOfTheNewestOrderEvent() {
        OrderFacts facts = OrderFacts.forOrder("o-1");
        assertThat(facts.apply(order("o-1", "u-1", OrderStatus.CREATED, 0))).isTrue();

        assertThat(facts.status).isEqualTo("CREATED");
        assertThat(facts.itemCount).isEqualTo(3);
        assertThat(facts.categories).containsExactly("books", "games");
        assertThat(facts.amount).isEqualTo(4999);
        assertThat(facts.createdTime).isEqualTo(order("o-1", "u-1", OrderStatus.CREATED, 0).getEventTime().toEpochMilli());
    }

    @Test
    void stateTypesUseFlinkSerializersNotKryo() {
        for (Class<?> type : new Class<?>[] {OrderFacts.class, CustomerProfile.class}) {
            TypeInformation<?> info = TypeInformation.of(type);
            assertThat(info).as(type.getSimpleName()).isInstanceOf(PojoTypeInfo.class);
            PojoTypeInfo<?> pojo = (PojoTypeInfo<?>) info;
            for (int i = 0; i < pojo.getArity(); i++) {
                assertThat(pojo.getTypeAt(i)).as(type.getSimpleName() + "." + pojo.getPojoFieldAt(i).getField().getName())
                        .isNotInstanceOf(GenericTypeInfo.class);
            }
        }
    }

    @Test
    void anOlderStatusEventNeverTakesTheStatusBack() {
        OrderFacts facts = OrderFacts.forOrder("o-1");
        facts.apply(order("o-1", "u-1", OrderStatus.CREATED, 0));
        facts.apply(order("o-1", "u-1", OrderStatus.SHIPPED, 3000));

        assertThat(facts.apply(order("o-1", "u-1", OrderStatus.PAID, 2000))).isFalse();
        assertThat(facts.status).isEqualTo("SHIPPED");
        assertThat(facts.eventTime()).isEqualTo(order("o-1", "u-1", OrderStatus.SHIPPED, 3000).getEventTime().toEpochMilli());
    }

    @Test
    void aLateCreatedEventStillGivesTheCreationTimeButNotTheStatus() {
        OrderFacts facts = OrderFacts.forOrder("o-1");
        facts.apply(order("o-1", "u-1", OrderStatus.PAID, 2000));
        facts.apply(payment("o-1", "u-1", PaymentStatus.AUTHORIZED, null, 1500));

        assertThat(facts.apply(order("o-1", "u-1", OrderStatus.CREATED, 0))).isTrue();
        assertThat(facts.status).isEqualTo("PAID");
        assertThat(facts.timeToPaymentMs()).isEqualTo(1500);
    }

    @Test
    void equalEventTimesAreBrokenByLifecycleSoArrivalOrderDoesNotMatter() {
        OrderFacts a = OrderFacts.forOrder("o-1");
        a.apply(order("o-1", "u-1", OrderStatus.PAID, 1000));
        a.apply(order("o-1", "u-1", OrderStatus.CREATED, 1000));
        OrderFacts b = OrderFacts.forOrder("o-1");
        b.apply(order("o-1", "u-1", OrderStatus.CREATED, 1000));
        b.apply(order("o-1", "u-1", OrderStatus.PAID, 1000));

        assertThat(a).isEqualTo(b);
        assertThat(a.status).isEqualTo("PAID");
    }

    @Test
    void paymentsCountFailuresAndKeepTheNewestStatusAndReason() {
        OrderFacts facts = OrderFacts.forOrder("o-1");
        facts.apply(order("o-1", "u-1", OrderStatus.CREATED, 0));
        facts.apply(payment("o-1", "u-1", PaymentStatus.FAILED, "INSUFFICIENT_FUNDS", 100));
        facts.apply(payment("o-1", "u-1", PaymentStatus.AUTHORIZED, null, 900));
        facts.apply(payment("o-1", "u-1", PaymentStatus.FAILED, "CARD_EXPIRED", 500));

        assertThat(facts.failedPaymentCount).isEqualTo(2);
        assertThat(facts.paymentStatus).isEqualTo("AUTHORIZED");
        assertThat(facts.paymentFailureReason).isEqualTo("CARD_EXPIRED");
        assertThat(facts.timeToPaymentMs()).isEqualTo(900);
        assertThat(facts.lastEventId()).isEqualTo(payment("o-1", "u-1", PaymentStatus.AUTHORIZED, null, 900).getEventId());
    }

    @Test
    void paymentsBeforeTheOrderAreKeptButThereIsNoOrderYet() {
        OrderFacts facts = OrderFacts.forOrder("o-1");
        facts.apply(payment("o-1", "u-1", PaymentStatus.AUTHORIZED, null, 900));

        assertThat(facts.hasOrder()).isFalse();
        facts.apply(order("o-1", "u-1", OrderStatus.CREATED, 0));
        assertThat(facts.hasOrder()).isTrue();
        assertThat(facts.paymentStatus).isEqualTo("AUTHORIZED");
    }
}
