package io.infometis.streams.metrics.payments;

import io.infometis.streams.events.Payment;
import org.apache.flink.api.common.functions.AggregateFunction;

/** Counts authorizations, failures (by reason; a failure without reason counts as UNKNOWN) and refunds. */
public class PaymentWindowAggregate implements AggregateFunction<Payment, PaymentAccumulator, PaymentAccumulator> {

    private static final long serialVersionUID = 1L;
    static final String UNKNOWN_REASON = "UNKNOWN";

    @Override
    public PaymentAccumulator createAccumulator() {
        return new PaymentAccumulator();
    }

    @Override
    public PaymentAccumulator add(Payment payment, PaymentAccumulator acc) {
        switch (payment.getStatus()) {
            case AUTHORIZED -> acc.authorized++;
            case REFUNDED -> acc.refunded++;
            case FAILED -> {
                acc.failed++;
                String reason = payment.getFailureReason();
                acc.failureReasons.merge(reason == null || reason.isBlank() ? UNKNOWN_REASON : reason, 1L, Long::sum);
            }
        }
        return acc;
    }

    @Override
    public PaymentAccumulator getResult(PaymentAccumulator acc) {
        return acc;
    }

    @Override
    public PaymentAccumulator merge(PaymentAccumulator a, PaymentAccumulator b) {
        return a.merge(b);
    }
}
