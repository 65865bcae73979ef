package io.infometis.streams.metrics.payments;

import static io.infometis.streams.metrics.MetricsTestEvents.payment;
import static org.assertj.core.api.Assertions.assertThat;

import io.infometis.streams.events.PaymentStatus;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PaymentMetricsTest {

    @Test
    void countsOutcomesAndReasons() {
        PaymentWindowAggregate aggregate = new PaymentWindowAggregate();
        PaymentAccumulator acc = aggregate.createAccumulator();
        aggregate.add(payment("p-1", PaymentStatus.AUTHORIZED, null, 0), acc);
        aggregate.add(payment("p-2", PaymentStatus.FAILED, "INSUFFICIENT_FUNDS", 0), acc);
        aggregate.add(payment("p-3", PaymentStatus.FAILED, null, 0), acc);
        aggregate.add(payment("p-4", PaymentStatus.REFUNDED, null, 0), acc);

        assertThat(acc.authorized).isEqualTo(1);
        assertThat(acc.failed).isEqualTo(2);
        assertThat(acc.refunded).isEqualTo(1);
        assertThat(acc.failureReasons).containsEntry("INSUFFICIENT_FUNDS", 1L).containsEntry("UNKNOWN", 1L);
    }

    @Test
    void topReasonsMostFirstTiesByName() {
        Map<String, Long> counts = Map.of("B", 3L, "A", 3L, "C", 5L, "D", 1L);

        assertThat(PaymentMetricsFunction.top(counts, 3)).containsExactly("C", "A", "B");
    }
}
