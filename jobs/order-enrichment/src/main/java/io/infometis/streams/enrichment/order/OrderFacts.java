package io.infometis.streams.enrichment.order;

import io.infometis.streams.events.Order;
import io.infometis.streams.events.OrderItem;
import io.infometis.streams.events.OrderStatus;
import io.infometis.streams.events.Payment;
import io.infometis.streams.events.PaymentStatus;
import java.util.Arrays;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Everything known about one order from the {@code orders} and {@code payments} topics, folded so that the
 * newest event (by event time) wins and an older event never takes a field back. A Flink POJO: it is the keyed
 * state of the order/payment join (POJO state evolves when fields are added).
 *
 * <p>Ties on event time are broken by the order lifecycle (CREATED &lt; PAID &lt; SHIPPED &lt; CANCELLED) and by
 * payment status (FAILED &lt; AUTHORIZED &lt; REFUNDED), so the result never depends on arrival order.
 */
public class OrderFacts {

    public static final long NONE = Long.MIN_VALUE;

    public String orderId;
    public String userId;

    public String lastOrderEventId;
    public long lastOrderEventTime = NONE;
    public String status;
    public Long createdTime;
    public int itemCount;
    /** Distinct, sorted. An array, not a List: Flink serializes String[] natively, a List field would be Kryo. */
    public String[] categories = new String[0];
    public long amount;
    public String currency;
    public String shippingCountry;

    public String lastPaymentEventId;
    public long lastPaymentEventTime = NONE;
    public String paymentStatus;
    public String paymentFailureReason;
    public long lastFailureEventTime = NONE;
    public int failedPaymentCount;
    public Long paidTime;

    public OrderFacts() {}

    public static OrderFacts forOrder(String orderId) {
        OrderFacts facts = new OrderFacts();
        facts.orderId = Objects.requireNonNull(orderId, "orderId");
        return facts;
    }

    /** True once an order event has been seen: before that there is nothing to show (only payments). */
    public boolean hasOrder() {
        return lastOrderEventTime != NONE;
    }

    /** Event time of the newest event folded in (order or payment): the document's version. */
    public long eventTime() {
        return Math.max(lastOrderEventTime, lastPaymentEventTime);
    }

    public String lastEventId() {
        return lastPaymentEventTime > lastOrderEventTime ? lastPaymentEventId : lastOrderEventId;
    }

    /** Folds an order event in; returns true when anything visible changed. */
    public boolean apply(Order order) {
        long time = order.getEventTime().toEpochMilli();
        boolean changed = false;
        if (order.getStatus() == OrderStatus.CREATED && (createdTime == null || time < createdTime)) {
            createdTime = time;
            changed = true;
        }
        if (isNewer(time, rank(order.getStatus()), lastOrderEventTime, rank(status))) {
            lastOrderEventTime = time;
            lastOrderEventId = order.getEventId();
            userId = order.getUserId();
            status = order.getStatus().name();
            itemCount = order.getItems().stream().mapToInt(OrderItem::getQuantity).sum();
            categories = new TreeSet<>(order.getItems().stream().map(OrderItem::getCategory).toList()).toArray(String[]::new);
            amount = order.getAmount();
            currency = order.getCurrency();
            shippingCountry = order.getShippingCountry();
            changed = true;
        }
        return changed;
    }

    /** Folds a payment event in; returns true when anything visible changed. */
    public boolean apply(Payment payment) {
        long time = payment.getEventTime().toEpochMilli();
        boolean changed = false;
        if (userId == null) {
            userId = payment.getUserId();
        }
        if (payment.getStatus() == PaymentStatus.FAILED) {
            failedPaymentCount++;
            changed = true;
            if (time >= lastFailureEventTime) {
                lastFailureEventTime = time;
                paymentFailureReason = payment.getFailureReason();
            }
        }
        if (payment.getStatus() == PaymentStatus.AUTHORIZED && (paidTime == null || time < paidTime)) {
            paidTime = time;
            changed = true;
        }
        if (isNewer(time, rank(payment.getStatus()), lastPaymentEventTime, paymentRank(paymentStatus))) {
            lastPaymentEventTime = time;
            lastPaymentEventId = payment.getEventId();
            paymentStatus = payment.getStatus().name();
            changed = true;
        }
        return changed;
    }

    /** Milliseconds from creation to the first authorization, when both are known. */
    public Long timeToPaymentMs() {
        return createdTime != null && paidTime != null ? paidTime - createdTime : null;
    }

    public OrderFacts copy() {
        OrderFacts c = new OrderFacts();
        c.orderId = orderId;
        c.userId = userId;
        c.lastOrderEventId = lastOrderEventId;
        c.lastOrderEventTime = lastOrderEventTime;
        c.status = status;
        c.createdTime = createdTime;
        c.itemCount = itemCount;
        c.categories = categories.clone();
        c.amount = amount;
        c.currency = currency;
        c.shippingCountry = shippingCountry;
        c.lastPaymentEventId = lastPaymentEventId;
        c.lastPaymentEventTime = lastPaymentEventTime;
        c.paymentStatus = paymentStatus;
        c.paymentFailureReason = paymentFailureReason;
        c.lastFailureEventTime = lastFailureEventTime;
        c.failedPaymentCount = failedPaymentCount;
        c.paidTime = paidTime;
        return c;
    }

    private static boolean isNewer(long time, int rank, long currentTime, int currentRank) {
        return time > currentTime || (time == currentTime && rank > currentRank);
    }

    private static int rank(OrderStatus status) {
        return status.ordinal();
    }

    private static int rank(String orderStatus) {
        return orderStatus == null ? -1 : OrderStatus.valueOf(orderStatus).ordinal();
    }

    private static int rank(PaymentStatus status) {
        return switch (status) {
            case FAILED -> 0;
            case AUTHORIZED -> 1;
            case REFUNDED -> 2;
        };
    }

    private static int paymentRank(String paymentStatus) {
        return paymentStatus == null ? -1 : rank(PaymentStatus.valueOf(paymentStatus));
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof OrderFacts f)) {
            return false;
        }
        return lastOrderEventTime == f.lastOrderEventTime && itemCount == f.itemCount && amount == f.amount
                && lastPaymentEventTime == f.lastPaymentEventTime && lastFailureEventTime == f.lastFailureEventTime
                && failedPaymentCount == f.failedPaymentCount && Objects.equals(orderId, f.orderId)
                && Objects.equals(userId, f.userId) && Objects.equals(lastOrderEventId, f.lastOrderEventId)
                && Objects.equals(status, f.status) && Objects.equals(createdTime, f.createdTime)
                && Arrays.equals(categories, f.categories) && Objects.equals(currency, f.currency)
                && Objects.equals(shippingCountry, f.shippingCountry)
                && Objects.equals(lastPaymentEventId, f.lastPaymentEventId)
                && Objects.equals(paymentStatus, f.paymentStatus)
                && Objects.equals(paymentFailureReason, f.paymentFailureReason) && Objects.equals(paidTime, f.paidTime);
    }

    @Override
    public int hashCode() {
        return Objects.hash(orderId, lastOrderEventTime, lastPaymentEventTime, failedPaymentCount);
    }

    @Override
    public String toString() {
        return "OrderFacts{" + orderId + ", status=" + status + "@" + lastOrderEventTime + ", payment=" + paymentStatus
                + "@" + lastPaymentEventTime + ", failed=" + failedPaymentCount + "}";
    }
}
