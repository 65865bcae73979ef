package io.infometis.streams.generator;

import io.infometis.streams.events.Order;
import io.infometis.streams.events.OrderStatus;
import io.infometis.streams.events.Payment;
import io.infometis.streams.events.PaymentStatus;
import io.infometis.streams.events.Topics;
import io.infometis.streams.events.UserEvent;
import io.infometis.streams.events.UserEventType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Plants the scenarios of {@link ScenarioKind} with exactly their documented structure and records each in the
 * ground truth. Scenario events carry no jitter, so their order in event time is the order documented.
 */
final class ScenarioInjector {

    private static final long SECOND = 1000L;
    /** A takeover victim does nothing else for this long after the scenario, so no second match can form. */
    private static final long VICTIM_QUIET_MS = Duration.ofMinutes(60).toMillis();

    private final Seeded random;
    private final Population population;
    private final Timeline timeline;
    private final Events events;
    private final BackgroundTraffic background;
    private final long atoMinAmount;
    private final List<GroundTruth.InjectedScenario> injected = new ArrayList<>();

    private final int maxReserved;
    private final List<Shopper> reservedVictims = new ArrayList<>();
    private int takeoversRequested;

    ScenarioInjector(Seeded random, Population population, Timeline timeline, Events events,
            BackgroundTraffic background, long atoMinAmount) {
        this.random = random;
        this.population = population;
        this.timeline = timeline;
        this.events = events;
        this.background = background;
        this.atoMinAmount = atoMinAmount;
        this.maxReserved = Math.max(1, population.shoppers().size() / 5);
    }

    List<GroundTruth.InjectedScenario> injected() {
        return injected;
    }

    void inject(ScenarioKind kind, long now) {
        switch (kind) {
            case CARD_TESTING -> cardTesting(now);
            case UNPAID_ORDER -> unpaidOrder(now);
            case ACCOUNT_TAKEOVER -> {
                takeoversRequested++;
                tryTakeover(now);
            }
        }
    }

    /**
     * A takeover needs a victim whose home country is already their baseline (a LOGIN of theirs was sent) and
     * who has nothing in flight. Each request reserves a victim (kept out of background traffic) until then; at
     * most a fifth of the users are reserved at once, so background traffic never starves.
     */
    void tryTakeover(long now) {
        for (Iterator<Shopper> it = reservedVictims.iterator(); it.hasNext(); ) {
            Shopper victim = it.next();
            if (victim.pending == 0) {
                it.remove();
                takeoversRequested--;
                accountTakeover(victim, now);
            }
        }
        while (reservedVictims.size() < Math.min(takeoversRequested, maxReserved)) {
            Shopper victim = chooseVictim(now);
            if (victim == null) {
                return;
            }
            victim.reservedUntil = Long.MAX_VALUE;
            reservedVictims.add(victim);
        }
    }

    /** At the end of the main phase, requests not yet served are dropped (and are not in the ground truth). */
    void abandonPending() {
        takeoversRequested = 0;
        reservedVictims.forEach(v -> v.reservedUntil = Long.MIN_VALUE);
        reservedVictims.clear();
    }

    private Shopper chooseVictim(long now) {
        List<Shopper> idle = new ArrayList<>();
        List<Shopper> busy = new ArrayList<>();
        for (Shopper s : population.shoppers()) {
            // countriesUsed holds home plus the foreign ones used: some foreign country is left while this holds.
            if (s.availableAt(now) && s.loginSent && s.countriesUsed.size() <= Market.FOREIGN_COUNTRIES.size()) {
                (s.pending == 0 ? idle : busy).add(s);
            }
        }
        if (!idle.isEmpty()) {
            return random.pick(idle);
        }
        return busy.isEmpty() ? null : random.pick(busy);
    }

    private static List<Market.ForeignCountry> unusedForeignCountries(Shopper user) {
        return Market.FOREIGN_COUNTRIES.stream().filter(c -> !user.countriesUsed.contains(c.code())).toList();
    }

    private void cardTesting(long now) {
        Shopper user = population.randomAvailable(now);
        if (user == null) {
            return;
        }
        background.ensureProfile(user, now);
        String card = population.freshCard();
        Market.Product probe = random.pick(Market.PROBE_PRODUCTS);
        Events.Basket basket = Events.Basket.of(random.uuid(), user.userId,
                List.of(Events.item(probe, 1, Market.price(probe, user.home))), user.home.currency(),
                user.home.code());

        long created = now + random.between(5, 30) * SECOND;
        order(user, created, basket, OrderStatus.CREATED);
        background.orderPlanned(user, created);

        int failures = random.between(3, 5);
        List<String> eventIds = new ArrayList<>();
        long t = created + random.between(10, 30) * SECOND;
        long first = t;
        for (int i = 0; i < failures; i++) {
            eventIds.add(payment(user, t, basket, PaymentStatus.FAILED,
                    random.pick(Market.CARD_TESTING_FAILURE_REASONS), card).getEventId());
            t += random.between(15, 60) * SECOND;
        }
        Payment authorized = payment(user, t, basket, PaymentStatus.AUTHORIZED, null, card);
        eventIds.add(authorized.getEventId());
        order(user, t + random.between(3, 10) * SECOND, basket, OrderStatus.PAID);

        Map<String, String> details = new LinkedHashMap<>();
        details.put("userId", user.userId);
        details.put("orderId", basket.orderId());
        details.put("failedPayments", String.valueOf(failures));
        details.put("authorizedPaymentId", authorized.getPaymentId());
        details.put("amount", String.valueOf(basket.amount()));
        details.put("currency", basket.currency());
        injected.add(new GroundTruth.InjectedScenario(ScenarioKind.CARD_TESTING, card, eventIds, first, t, details));
    }

    private void accountTakeover(Shopper victim, long now) {
        // A country they never used, also on a second takeover of the same user.
        Market.ForeignCountry from = random.pick(unusedForeignCountries(victim));
        victim.countriesUsed.add(from.code());
        String ip = from.ipPrefix() + "." + random.between(0, 255) + "." + random.between(1, 254);
        String device = "dev-" + random.hex(12);

        long loginTime = now + random.between(5, 30) * SECOND;
        UserEvent login = events.userEvent(loginTime, victim.userId, UserEventType.LOGIN, ip, from.code(), device);
        planScenario(loginTime, Topics.USER_EVENTS.name(), victim.userId, login, victim);

        long changeTime = loginTime + random.between(60, 300) * SECOND;
        UserEventType changeType = random.chance(0.5) ? UserEventType.PASSWORD_CHANGED : UserEventType.EMAIL_CHANGED;
        UserEvent change = events.userEvent(changeTime, victim.userId, changeType, ip, from.code(), device);
        planScenario(changeTime, Topics.USER_EVENTS.name(), victim.userId, change, victim);

        Market.Product luxury = random.pick(Market.LUXURY_PRODUCTS);
        long price = Market.price(luxury, victim.home);
        int quantity = (int) Math.max(1, atoMinAmount / price + 1);
        Events.Basket basket = Events.Basket.of(random.uuid(), victim.userId,
                List.of(Events.item(luxury, quantity, price)), victim.home.currency(), from.code());
        long orderTime = changeTime + random.between(60, 600) * SECOND;
        Order created = order(victim, orderTime, basket, OrderStatus.CREATED);
        background.orderPlanned(victim, orderTime);

        // Paid with the victim's stored card, so the order is not also an unpaid order.
        long paymentTime = orderTime + random.between(20, 60) * SECOND;
        payment(victim, paymentTime, basket, PaymentStatus.AUTHORIZED, null, victim.cards.get(0));
        long paidTime = paymentTime + random.between(3, 10) * SECOND;
        order(victim, paidTime, basket, OrderStatus.PAID);
        victim.reservedUntil = paidTime + VICTIM_QUIET_MS;

        Map<String, String> details = new LinkedHashMap<>();
        details.put("homeCountry", victim.home.code());
        details.put("loginCountry", from.code());
        details.put("loginIp", ip);
        details.put("change", changeType.name());
        details.put("orderId", basket.orderId());
        details.put("amount", String.valueOf(basket.amount()));
        details.put("currency", basket.currency());
        injected.add(new GroundTruth.InjectedScenario(ScenarioKind.ACCOUNT_TAKEOVER, victim.userId,
                List.of(login.getEventId(), change.getEventId(), created.getEventId()), loginTime, orderTime, details));
    }

    private void unpaidOrder(long now) {
        Shopper user = population.randomAvailable(now);
        if (user == null) {
            return;
        }
        background.ensureProfile(user, now);
        Events.Basket basket = background.randomBasket(user, random.uuid());
        long createdTime = now + random.between(1, 30) * SECOND;
        Order created = order(user, createdTime, basket, OrderStatus.CREATED);
        background.orderPlanned(user, createdTime);

        Map<String, String> details = new LinkedHashMap<>();
        details.put("userId", user.userId);
        details.put("amount", String.valueOf(basket.amount()));
        details.put("currency", basket.currency());
        injected.add(new GroundTruth.InjectedScenario(ScenarioKind.UNPAID_ORDER, basket.orderId(),
                List.of(created.getEventId()), createdTime, createdTime, details));
    }

    private Order order(Shopper user, long time, Events.Basket basket, OrderStatus status) {
        Order order = events.order(time, basket, status);
        planScenario(time, Topics.ORDERS.name(), basket.orderId(), order, user);
        return order;
    }

    private Payment payment(Shopper user, long time, Events.Basket basket, PaymentStatus status, String reason,
            String card) {
        Payment payment = events.payment(time, basket, status, reason, card);
        planScenario(time, Topics.PAYMENTS.name(), payment.getPaymentId(), payment, user);
        return payment;
    }

    private void planScenario(long time, String topic, String key, org.apache.avro.specific.SpecificRecord value,
            Shopper user) {
        timeline.plan(time, new GeneratedRecord(topic, key, value, time), Timeline.Origin.SCENARIO, user);
    }
}
