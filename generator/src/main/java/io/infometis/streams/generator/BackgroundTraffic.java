package io.infometis.streams.generator;

import io.infometis.streams.events.CustomerTier;
import io.infometis.streams.events.OrderItem;
import io.infometis.streams.events.OrderStatus;
import io.infometis.streams.events.PaymentStatus;
import io.infometis.streams.events.Topics;
import io.infometis.streams.events.UserEventType;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;

/**
 * Ordinary traffic, innocent by construction: users log in only from their home country, a background card never
 * fails twice within {@link Population#FAILURE_SPACING_MS}, and every order is paid (after an AUTHORIZED payment)
 * within about four minutes of event time. Each activity plans its whole chain at once.
 */
final class BackgroundTraffic {

    private static final long SECOND = 1000L;
    /** Background records move up to this much back in event time (out-of-order delivery). */
    private static final long MAX_JITTER_MS = 2000L;

    private final Seeded random;
    private final Population population;
    private final Timeline timeline;
    private final Events events;
    private final long startMillis;
    private int plannedByActivity;

    BackgroundTraffic(Seeded random, Population population, Timeline timeline, Events events, long startMillis) {
        this.random = random;
        this.startMillis = startMillis;
        this.population = population;
        this.timeline = timeline;
        this.events = events;
    }

    /** Starts one activity of a random available user at {@code now}; returns how many records it planned. */
    int startActivity(long now) {
        plannedByActivity = 0;
        Shopper user = population.randomAvailable(now);
        if (user == null) {
            return 0;
        }
        ensureProfile(user, now);
        double r = random.fraction();
        if (r < 0.45) {
            long loggedIn = login(user, now);
            long created = loggedIn + random.between(20, 240) * SECOND;
            planOrder(user, created);
            if (random.chance(0.5)) {
                userEvent(user, created + random.between(30, 300) * SECOND, UserEventType.LOGOUT);
            }
        } else if (r < 0.70) {
            planOrder(user, now + random.between(5, 60) * SECOND);
        } else if (r < 0.96) {
            long loggedIn = login(user, now);
            if (random.chance(0.15)) {
                UserEventType change =
                        random.chance(0.5) ? UserEventType.PASSWORD_CHANGED : UserEventType.EMAIL_CHANGED;
                userEvent(user, loggedIn + random.between(30, 600) * SECOND, change);
            }
            if (random.chance(0.6)) {
                userEvent(user, loggedIn + random.between(601, 1200) * SECOND, UserEventType.LOGOUT);
            }
        } else if (user.profileTime < now) {
            user.tier = neighbourTier(user.tier);
            plan(now, Topics.CUSTOMERS.name(), user.userId, events.customer(now, user), user, false);
        }
        return plannedByActivity;
    }

    /** Plans the user's profile at {@code time}, before their first activity, unless it is due after their first order. */
    void ensureProfile(Shopper user, long time) {
        if (!user.profilePlanned && !user.lateProfile) {
            planProfile(user, time);
        }
    }

    /** Called for every order CREATED, background or scenario: late profiles follow the user's first order. */
    void orderPlanned(Shopper user, long created) {
        if (!user.ordered) {
            user.ordered = true;
            if (!user.profilePlanned) {
                planProfile(user, created + random.between(30, 180) * SECOND);
            }
        }
    }

    /** Every user has a profile: at the end of the run, those still without one get it. */
    void planMissingProfiles(long time) {
        for (Shopper user : population.shoppers()) {
            if (!user.profilePlanned) {
                planProfile(user, time);
            }
        }
    }

    /** A random basket of 1-4 catalogue items, priced in the user's currency. */
    Events.Basket randomBasket(Shopper user, String orderId) {
        int itemCount = random.between(1, 4);
        List<Market.Product> chosen = new ArrayList<>();
        while (chosen.size() < itemCount) {
            Market.Product p = random.pick(Market.CATALOGUE);
            if (!chosen.contains(p)) {
                chosen.add(p);
            }
        }
        List<OrderItem> items = new ArrayList<>();
        for (Market.Product p : chosen) {
            int quantity = random.chance(0.75) ? 1 : random.between(2, 3);
            items.add(Events.item(p, quantity, Market.price(p, user.home)));
        }
        String shipping = random.chance(0.9) ? user.home.code() : random.pick(Market.HOME_COUNTRIES).code();
        return Events.Basket.of(orderId, user.userId, items, user.home.currency(), shipping);
    }

    private void planOrder(Shopper user, long created) {
        Events.Basket basket = randomBasket(user, random.uuid());
        planOrderEvent(user, created, basket, OrderStatus.CREATED);
        orderPlanned(user, created);

        long attempt = created + random.between(10, 120) * SECOND;
        String card = random.pick(user.cards);
        if (random.chance(0.1) && population.mayFail(card, attempt)) {
            population.recordFailure(card, attempt);
            planPayment(user, attempt, basket, PaymentStatus.FAILED,
                    random.pick(Market.BACKGROUND_FAILURE_REASONS), card);
            attempt += random.between(15, 90) * SECOND;
        }
        planPayment(user, attempt, basket, PaymentStatus.AUTHORIZED, null, card);
        long paid = attempt + random.between(3, 20) * SECOND;
        planOrderEvent(user, paid, basket, OrderStatus.PAID);

        double r = random.fraction();
        if (r < 0.6) {
            planOrderEvent(user, paid + random.between(120, 900) * SECOND, basket, OrderStatus.SHIPPED);
        } else if (r < 0.68) {
            long cancelled = paid + random.between(60, 600) * SECOND;
            planOrderEvent(user, cancelled, basket, OrderStatus.CANCELLED);
            planPayment(user, cancelled + random.between(3, 30) * SECOND, basket, PaymentStatus.REFUNDED, null, card);
        }
    }

    /** LOGIN from home, sometimes after a failed attempt; returns the LOGIN's time. */
    private long login(Shopper user, long now) {
        long t = now;
        if (random.chance(0.08)) {
            userEvent(user, t, UserEventType.LOGIN_FAILED);
            t += random.between(3, 20) * SECOND;
        }
        String device = random.pick(user.devices);
        plan(t, Topics.USER_EVENTS.name(), user.userId,
                events.userEvent(jitter(t), user.userId, UserEventType.LOGIN, user.homeIp, user.home.code(), device),
                user, true);
        return t;
    }

    private void userEvent(Shopper user, long time, UserEventType type) {
        plan(time, Topics.USER_EVENTS.name(), user.userId,
                events.userEvent(jitter(time), user.userId, type, user.homeIp, user.home.code(),
                        random.pick(user.devices)),
                user, false);
    }

    private void planOrderEvent(Shopper user, long time, Events.Basket basket, OrderStatus status) {
        plan(time, Topics.ORDERS.name(), basket.orderId(), events.order(jitter(time), basket, status), user, false);
    }

    private void planPayment(Shopper user, long time, Events.Basket basket, PaymentStatus status, String reason,
            String card) {
        var payment = events.payment(jitter(time), basket, status, reason, card);
        plan(time, Topics.PAYMENTS.name(), payment.getPaymentId(), payment, user, false);
    }

    private void planProfile(Shopper user, long time) {
        user.profilePlanned = true;
        user.profileTime = time;
        plan(time, Topics.CUSTOMERS.name(), user.userId, events.customer(time, user), user, false);
    }

    /**
     * Jitter is applied to the event time only, not the planned (send) time; every gap inside a chain is at least
     * 3 s, so jitter never reorders one user's or one order's events.
     */
    private void plan(long time, String topic, String key, SpecificRecord value, Shopper user, boolean login) {
        long eventTime = eventTimeOf(value);
        plannedByActivity++;
        timeline.plan(time, new GeneratedRecord(topic, key, value, eventTime), Timeline.Origin.BACKGROUND, user, login);
    }

    /** Never before the run's start: event times start at the start instant. */
    private long jitter(long time) {
        return random.chance(0.2) ? Math.max(startMillis, time - random.between(1, MAX_JITTER_MS)) : time;
    }

    static long eventTimeOf(SpecificRecord value) {
        Object t = value.get(value.getSchema().getField("event_time").pos());
        return ((java.time.Instant) t).toEpochMilli();
    }

    private static CustomerTier neighbourTier(CustomerTier tier) {
        CustomerTier[] tiers = CustomerTier.values();
        int i = tier.ordinal();
        return i == tiers.length - 1 ? tiers[i - 1] : tiers[i + 1];
    }
}
