package io.infometis.streams.metrics.orders;

import static io.infometis.streams.metrics.MetricsTestEvents.created;
import static org.assertj.core.api.Assertions.assertThat;

import io.infometis.streams.events.Order;
import io.infometis.streams.events.OrderStatus;
import io.infometis.streams.metrics.payments.PaymentAccumulator;
import io.infometis.streams.metrics.users.DistinctUsers;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.api.java.typeutils.GenericTypeInfo;
import org.junit.jupiter.api.Test;

class OrderWindowAggregateTest {

    private final OrderWindowAggregate aggregate = new OrderWindowAggregate();

    @Test
    void sumsPerCategoryByItemsAndPerCountryByOrderTotal() {
        OrderWindowAccumulator acc = aggregate.createAccumulator();
        aggregate.add(created("o-1", "NL", "EUR", 0, "books", 1000, "games", 3000), acc);
        aggregate.add(created("o-2", "NL", "EUR", 1, "books", 500, "books", 700), acc);

        assertThat(acc.cell("NL", "books").orders).isEqualTo(2);
        assertThat(acc.cell("NL", "books").revenue).isEqualTo(2200);
        assertThat(acc.cell("NL", "games").orders).isEqualTo(1);
        assertThat(acc.cell("NL", OrderWindowAccumulator.ALL_CATEGORIES).orders).isEqualTo(2);
        assertThat(acc.cell("NL", OrderWindowAccumulator.ALL_CATEGORIES).revenue).isEqualTo(5200);
        assertThat(acc.amounts).containsExactly(4000L, 1200L);
    }

    @Test
    void onlyTheCreatedEventCountsAnOrder() {
        OrderWindowAccumulator acc = aggregate.createAccumulator();
        Order paid = created("o-1", "NL", "EUR", 0, "books", 1000);
        paid.setStatus(OrderStatus.PAID);
        aggregate.add(paid, acc);

        assertThat(acc.cells).isEmpty();
        assertThat(acc.amounts).isEmpty();
    }

    @Test
    void mergeAddsCellsAndAmounts() {
        OrderWindowAccumulator a = aggregate.add(created("o-1", "NL", "EUR", 0, "books", 1000), aggregate.createAccumulator());
        OrderWindowAccumulator b = aggregate.add(created("o-2", "NL", "EUR", 0, "books", 300), aggregate.createAccumulator());

        OrderWindowAccumulator merged = aggregate.merge(a, b);
        assertThat(merged.cell("NL", "books").revenue).isEqualTo(1300);
        assertThat(merged.amounts).hasSize(2);
    }

    @Test
    void windowStateUsesFlinkSerializersNotKryo() {
        for (Class<?> type : new Class<?>[] {OrderWindowAccumulator.class, PaymentAccumulator.class, DistinctUsers.class}) {
            TypeInformation<?> info = TypeInformation.of(type);
            assertThat(info).as(type.getSimpleName()).isInstanceOf(PojoTypeInfo.class);
            PojoTypeInfo<?> pojo = (PojoTypeInfo<?>) info;
            for (int i = 0; i < pojo.getArity(); i++) {
                assertThat(pojo.getTypeAt(i)).as(type.getSimpleName() + " field " + i).isNotInstanceOf(GenericTypeInfo.class);
            }
        }
    }
}
