package io.infometis.streams.generator;

import io.infometis.streams.events.Order;
import io.infometis.streams.events.OrderStatus;
import io.infometis.streams.events.Payment;
import io.infometis.streams.events.PaymentStatus;
import io.infometis.streams.events.UserEvent;
import io.infometis.streams.events.UserEventType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.avro.specific.SpecificRecord;

/**
 * A deliberately naive detector of the three scenarios, written from their definitions in the task (not from the
 * generator's code), scanning every good record with brute force. If background traffic matched a scenario by
 * accident, or a scenario were malformed, this finds a different set than the ground truth.
 */
final class IndependentDetector {

    /** One detection: the scenario kind, the key, the matched event ids in order. */
    record Detection(ScenarioKind kind, String key, List<String> eventIds) {}

    private static final long TEN_MINUTES = Duration.ofMinutes(10).toMillis();
    private static final long THIRTY_MINUTES = Duration.ofMinutes(30).toMillis();

    private IndependentDetector() {}

    static List<Detection> detectAll(List<GeneratedRecord> records, long atoMinAmount) {
        List<SpecificRecord> good = records.stream().filter(r -> !r.isBad()).map(GeneratedRecord::value).toList();
        List<Detection> all = new ArrayList<>();
        all.addAll(cardTesting(good));
        all.addAll(accountTakeover(good, atoMinAmount));
        all.addAll(unpaidOrders(good));
        return all;
    }

    /** Every AUTHORIZED payment preceded on its card by >= 3 FAILED ones in the 10 minutes before it. */
    static List<Detection> cardTesting(List<SpecificRecord> good) {
        Map<String, List<Payment>> byCard = new TreeMap<>();
        for (SpecificRecord v : good) {
            if (v instanceof Payment p) {
                byCard.computeIfAbsent(p.getCardFingerprint(), c -> new ArrayList<>()).add(p);
            }
        }
        List<Detection> found = new ArrayList<>();
        byCard.forEach((card, payments) -> {
            payments.sort(Comparator.comparing(Payment::getEventTime));
            // Sliding window of the FAILED payments in the 10 minutes before the current payment.
            java.util.ArrayDeque<Payment> recentFailures = new java.util.ArrayDeque<>();
            for (Payment p : payments) {
                long t = p.getEventTime().toEpochMilli();
                while (!recentFailures.isEmpty() && t - recentFailures.peekFirst().getEventTime().toEpochMilli() > TEN_MINUTES) {
                    recentFailures.pollFirst();
                }
                if (p.getStatus() == PaymentStatus.FAILED) {
                    recentFailures.addLast(p);
                } else if (p.getStatus() == PaymentStatus.AUTHORIZED && recentFailures.size() >= 3) {
                    List<String> ids = new ArrayList<>(recentFailures.stream().map(Payment::getEventId).toList());
                    ids.add(p.getEventId());
                    found.add(new Detection(ScenarioKind.CARD_TESTING, card, ids));
                }
            }
        });
        return found;
    }

    /**
     * LOGIN from a country the user never logged in from (not their first login), then a password or e-mail
     * change, then an order CREATED above the minimum, change and order within 30 minutes of the login.
     */
    static List<Detection> accountTakeover(List<SpecificRecord> good, long minAmount) {
        Map<String, List<SpecificRecord>> byUser = new TreeMap<>();
        for (SpecificRecord v : good) {
            if (v instanceof UserEvent u) {
                byUser.computeIfAbsent(u.getUserId(), k -> new ArrayList<>()).add(u);
            } else if (v instanceof Order o && o.getStatus() == OrderStatus.CREATED) {
                byUser.computeIfAbsent(o.getUserId(), k -> new ArrayList<>()).add(o);
            }
        }
        List<Detection> found = new ArrayList<>();
        byUser.forEach((user, events) -> {
            events.sort(Comparator.comparingLong(IndependentDetector::time));
            Set<String> countries = new HashSet<>();
            for (int i = 0; i < events.size(); i++) {
                if (!(events.get(i) instanceof UserEvent login) || login.getType() != UserEventType.LOGIN) {
                    continue;
                }
                boolean firstLogin = countries.isEmpty();
                boolean newCountry = countries.add(login.getCountry());
                if (firstLogin || !newCountry) {
                    continue;
                }
                long t0 = time(login);
                UserEvent change = null;
                Order order = null;
                for (int j = i + 1; j < events.size() && time(events.get(j)) - t0 <= THIRTY_MINUTES; j++) {
                    SpecificRecord e = events.get(j);
                    if (change == null && e instanceof UserEvent u && (u.getType() == UserEventType.PASSWORD_CHANGED
                            || u.getType() == UserEventType.EMAIL_CHANGED)) {
                        change = u;
                    } else if (change != null && e instanceof Order o && o.getAmount() > minAmount) {
                        order = o;
                        break;
                    }
                }
                if (order != null) {
                    found.add(new Detection(ScenarioKind.ACCOUNT_TAKEOVER, user,
                            List.of(login.getEventId(), change.getEventId(), order.getEventId())));
                }
            }
        });
        return found;
    }

    /** Orders CREATED that never get PAID. */
    static List<Detection> unpaidOrders(List<SpecificRecord> good) {
        Map<String, Order> created = new LinkedHashMap<>();
        Set<String> paid = new HashSet<>();
        for (SpecificRecord v : good) {
            if (v instanceof Order o) {
                if (o.getStatus() == OrderStatus.CREATED) {
                    created.put(o.getOrderId(), o);
                } else if (o.getStatus() == OrderStatus.PAID) {
                    paid.add(o.getOrderId());
                }
            }
        }
        List<Detection> found = new ArrayList<>();
        created.forEach((orderId, order) -> {
            if (!paid.contains(orderId)) {
                found.add(new Detection(ScenarioKind.UNPAID_ORDER, orderId, List.of(order.getEventId())));
            }
        });
        return found;
    }

    static List<Detection> expected(GroundTruth truth) {
        return truth.scenarios().stream().map(s -> new Detection(s.kind(), s.key(), s.eventIds())).toList();
    }

    static long time(SpecificRecord value) {
        return ((java.time.Instant) value.get(value.getSchema().getField("event_time").pos())).toEpochMilli();
    }
}
