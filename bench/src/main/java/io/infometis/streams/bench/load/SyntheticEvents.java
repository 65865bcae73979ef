package io.infometis.streams.bench.load;

import io.infometis.streams.events.EnrichedOrder;
import io.infometis.streams.events.Order;
import io.infometis.streams.events.OrderItem;
import io.infometis.streams.events.OrderStatus;
import io.infometis.streams.events.Payment;
import io.infometis.streams.events.PaymentStatus;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded, plausible payments and orders as in-memory fixtures for the microbenchmarks and the bulk-loop ceiling
 * (which need single events on demand, not a Kafka backlog: that comes from the generator, see
 * {@link GeneratorBacklog}). Same seed, same events.
 */
public final class SyntheticEvents {

    private static final String[] CURRENCIES = {"EUR", "USD", "GBP", "JPY"};
    private static final String[] COUNTRIES = {"NL", "DE", "FR", "GB", "US", "ES", "IT", "BE"};
    private static final String[] CATEGORIES = {"books", "electronics", "garden", "toys", "fashion", "food"};

    private final SplittableRandom random;
    private final int distinctUsers;
    private final int distinctCards;
    private final long startMillis;
    private long sequence;

    /**
     * @param seed          same seed, same events
     * @param distinctUsers how many user ids the events spread over (state size of keyed jobs)
     * @param distinctCards how many card fingerprints
     * @param start         event time of the first event; each next one is 1 ms later
     */
    public SyntheticEvents(long seed, int distinctUsers, int distinctCards, Instant start) {
        if (distinctUsers < 1 || distinctCards < 1) {
            throw new IllegalArgumentException("distinct users and cards must be >= 1");
        }
        this.random = new SplittableRandom(seed);
        this.distinctUsers = distinctUsers;
        this.distinctCards = distinctCards;
        this.startMillis = start.toEpochMilli();
    }

    public Payment nextPayment() {
        long n = sequence++;
        boolean failed = random.nextInt(20) == 0;
        return Payment.newBuilder()
                .setEventId("pe-" + n)
                .setEventTime(Instant.ofEpochMilli(startMillis + n))
                .setPaymentId("p-" + n)
                .setOrderId("o-" + n)
                .setUserId(user())
                .setStatus(failed ? PaymentStatus.FAILED : PaymentStatus.AUTHORIZED)
                .setFailureReason(failed ? "INSUFFICIENT_FUNDS" : null)
                .setCardFingerprint("card-" + random.nextInt(distinctCards))
                .setAmount(100 + random.nextInt(50_000))
                .setCurrency(CURRENCIES[random.nextInt(CURRENCIES.length)])
                .build();
    }

    public Order nextOrder() {
        long n = sequence++;
        int itemCount = 1 + random.nextInt(3);
        OrderItem[] items = new OrderItem[itemCount];
        long amount = 0;
        for (int i = 0; i < itemCount; i++) {
            int quantity = 1 + random.nextInt(3);
            long price = 100 + random.nextInt(10_000);
            amount += quantity * price;
            items[i] = OrderItem.newBuilder().setSku("sku-" + random.nextInt(5_000))
                    .setCategory(CATEGORIES[random.nextInt(CATEGORIES.length)])
                    .setQuantity(quantity).setUnitPrice(price).build();
        }
        return Order.newBuilder()
                .setEventId("oe-" + n)
                .setEventTime(Instant.ofEpochMilli(startMillis + n))
                .setOrderId("o-" + n)
                .setUserId(user())
                .setStatus(OrderStatus.values()[random.nextInt(OrderStatus.values().length)])
                .setItems(List.of(items))
                .setAmount(amount)
                .setCurrency(CURRENCIES[random.nextInt(CURRENCIES.length)])
                .setShippingCountry(COUNTRIES[random.nextInt(COUNTRIES.length)])
                .build();
    }

    /** An order as the enrichment job writes it: enriched with a customer profile and its payment. */
    public EnrichedOrder nextEnrichedOrder() {
        Order order = nextOrder();
        int itemCount = 0;
        Set<String> categories = new LinkedHashSet<>();
        for (OrderItem item : order.getItems()) {
            itemCount += item.getQuantity();
            categories.add(item.getCategory());
        }
        Instant created = order.getEventTime();
        boolean paid = random.nextInt(10) != 0;
        return EnrichedOrder.newBuilder()
                .setOrderId(order.getOrderId())
                .setUserId(order.getUserId())
                .setLastEventId(order.getEventId())
                .setEventTime(created.plusSeconds(paid ? 30 : 0))
                .setCreatedTime(created)
                .setStatus(paid ? OrderStatus.PAID : OrderStatus.CREATED)
                .setItemCount(itemCount)
                .setCategories(List.copyOf(categories))
                .setAmount(order.getAmount())
                .setAmountMajor(order.getAmount() / 100.0)
                .setCurrency(order.getCurrency())
                .setShippingCountry(order.getShippingCountry())
                .setEnriched(true)
                .setCustomerCountry(order.getShippingCountry())
                .setCustomerTier(random.nextBoolean() ? "GOLD" : "STANDARD")
                .setCustomerSegment("returning")
                .setCustomerSignupDate(LocalDate.of(2024, 1 + random.nextInt(12), 1 + random.nextInt(28)))
                .setPaymentStatus(paid ? "AUTHORIZED" : null)
                .setPaidTime(paid ? created.plusSeconds(30) : null)
                .setTimeToPaymentMs(paid ? 30_000L : null)
                .setRiskLevel("LOW")
                .build();
    }

    private String user() {
        return "u-" + random.nextInt(distinctUsers);
    }
}
