package io.infometis.streams.generator;

import io.infometis.streams.events.Customer;
import io.infometis.streams.events.Order;
import io.infometis.streams.events.Payment;
import io.infometis.streams.events.UserEvent;
import java.time.Duration;
import java.util.Currency;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;

/** An independent validator of decoded records, from the bad-record definitions in the task. */
final class DeadLetterChecks {

    private static final Set<String> ISO_4217 =
            Currency.getAvailableCurrencies().stream().map(Currency::getCurrencyCode).collect(Collectors.toSet());
    private static final long DAY = Duration.ofDays(1).toMillis();

    private DeadLetterChecks() {}

    /** The problem with a decoded record, judged against the stream's current event time. */
    static Optional<BadRecordKind> problem(SpecificRecord value, long streamTime) {
        String id = value instanceof Order o ? o.getOrderId()
                : value instanceof Payment p ? p.getPaymentId()
                : value instanceof UserEvent u ? u.getUserId()
                : ((Customer) value).getUserId();
        if (id.isEmpty()) {
            return Optional.of(BadRecordKind.MISSING_ID);
        }
        Long amount = value instanceof Order o ? Long.valueOf(o.getAmount())
                : value instanceof Payment p ? Long.valueOf(p.getAmount()) : null;
        if (amount != null && amount < 0) {
            return Optional.of(BadRecordKind.NEGATIVE_AMOUNT);
        }
        String currency = value instanceof Order o ? o.getCurrency()
                : value instanceof Payment p ? p.getCurrency() : null;
        if (currency != null && !ISO_4217.contains(currency)) {
            return Optional.of(BadRecordKind.UNKNOWN_CURRENCY);
        }
        if (IndependentDetector.time(value) > streamTime + DAY) {
            return Optional.of(BadRecordKind.FUTURE_TIMESTAMP);
        }
        return Optional.empty();
    }
}
