package io.infometis.streams.generator;

import static org.assertj.core.api.Assertions.assertThat;

import io.infometis.streams.events.Customer;
import io.infometis.streams.events.Order;
import io.infometis.streams.events.OrderStatus;
import io.infometis.streams.events.Payment;
import io.infometis.streams.events.PaymentStatus;
import io.infometis.streams.events.UserEvent;
import io.infometis.streams.events.UserEventType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The independent detector finds exactly the injected scenarios: nothing in background traffic matches one by
 * accident. Run on a roomy population and on a crowded one (few users, so users are busy and cards reused).
 */
class BackgroundInnocenceTest {

    private static final GeneratorSettings TINY = GeneratorSettings.builder().seed(4).users(6).cards(6)
            .count(300_000).every(ScenarioKind.CARD_TESTING, 2_000).every(ScenarioKind.ACCOUNT_TAKEOVER, 100)
            .every(ScenarioKind.UNPAID_ORDER, 2_000).build();

    static Stream<Arguments> runs() {
        GeneratorSettings.Builder frequent = GeneratorSettings.builder().count(30_000)
                .every(ScenarioKind.CARD_TESTING, 150).every(ScenarioKind.ACCOUNT_TAKEOVER, 200)
                .every(ScenarioKind.UNPAID_ORDER, 100);
        return Stream.of(
                Arguments.of("roomy", frequent.seed(1).users(500).cards(800).build()),
                Arguments.of("crowded", frequent.seed(2).users(25).cards(30).build()),
                // Six users over 8 hours: the same victims are taken over again (each time from a new country).
                Arguments.of("tiny", TINY),
                Arguments.of("background only", GeneratorSettings.builder().seed(3).users(40).cards(40)
                        .count(30_000).backgroundOnly().build()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("runs")
    void theIndependentDetectorFindsExactlyTheGroundTruth(String name, GeneratorSettings settings) {
        Generator.Run run = Generator.run(settings);

        List<IndependentDetector.Detection> found = IndependentDetector.detectAll(run.records(), settings.atoMinAmount());

        assertThat(found).containsExactlyInAnyOrderElementsOf(IndependentDetector.expected(run.groundTruth()));
        if (!name.equals("background only")) {
            for (ScenarioKind kind : ScenarioKind.values()) {
                assertThat(run.groundTruth().scenarios(kind)).as("%s injected", kind).hasSizeGreaterThan(2);
            }
        }
    }

    @Test
    void aUserCanBeTakenOverAgainFromAnotherNewCountry() {
        Map<String, List<String>> countriesByVictim = new HashMap<>();
        Generator.run(TINY).groundTruth().scenarios(ScenarioKind.ACCOUNT_TAKEOVER).forEach(s ->
                countriesByVictim.computeIfAbsent(s.key(), k -> new ArrayList<>()).add(s.details().get("loginCountry")));
        assertThat(countriesByVictim.values()).anyMatch(countries -> countries.size() > 1);
        assertThat(countriesByVictim.values()).allMatch(countries -> new HashSet<>(countries).size() == countries.size());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("runs")
    void backgroundKeepsItsRules(String name, GeneratorSettings settings) {
        Generator.Run run = Generator.run(settings);
        GroundTruth truth = run.groundTruth();
        Set<String> scenarioEventIds = new HashSet<>();
        Set<String> scenarioOrders = new HashSet<>();
        Set<String> scenarioCards = new HashSet<>();
        truth.scenarios().forEach(s -> {
            scenarioEventIds.addAll(s.eventIds());
            if (s.kind() == ScenarioKind.CARD_TESTING) {
                scenarioCards.add(s.key());
                scenarioOrders.add(s.details().get("orderId"));
            } else if (s.kind() == ScenarioKind.ACCOUNT_TAKEOVER) {
                scenarioOrders.add(s.details().get("orderId"));
            } else {
                scenarioOrders.add(s.key());
            }
        });
        List<SpecificRecord> good = run.records().stream().filter(r -> !r.isBad()).map(GeneratedRecord::value).toList();

        Map<String, String> homeOf = new HashMap<>();
        good.forEach(v -> {
            if (v instanceof Customer c) {
                homeOf.putIfAbsent(c.getUserId(), c.getCountry());
            }
        });
        // Every user has a profile; every background login is from home.
        for (SpecificRecord v : good) {
            if (v instanceof UserEvent u) {
                assertThat(homeOf).as("profile of %s", u.getUserId()).containsKey(u.getUserId());
                if (!scenarioEventIds.contains(u.getEventId())) {
                    assertThat(u.getCountry()).as("background %s of %s", u.getType(), u.getUserId())
                            .isEqualTo(homeOf.get(u.getUserId()));
                }
            }
        }

        // Every background order is PAID, after an AUTHORIZED payment, within 5 minutes of its creation.
        Map<String, Long> created = new HashMap<>();
        Map<String, Long> paid = new HashMap<>();
        Map<String, Long> authorized = new HashMap<>();
        Map<String, List<Long>> backgroundFailures = new HashMap<>();
        for (SpecificRecord v : good) {
            if (v instanceof Order o) {
                long t = IndependentDetector.time(o);
                if (o.getStatus() == OrderStatus.CREATED) {
                    created.put(o.getOrderId(), t);
                } else if (o.getStatus() == OrderStatus.PAID) {
                    paid.put(o.getOrderId(), t);
                }
            } else if (v instanceof Payment p) {
                long t = IndependentDetector.time(p);
                if (p.getStatus() == PaymentStatus.AUTHORIZED) {
                    authorized.merge(p.getOrderId(), t, Math::min);
                } else if (p.getStatus() == PaymentStatus.FAILED && !scenarioCards.contains(p.getCardFingerprint())) {
                    backgroundFailures.computeIfAbsent(p.getCardFingerprint(), c -> new ArrayList<>()).add(t);
                }
            }
        }
        created.forEach((orderId, t) -> {
            if (!scenarioOrders.contains(orderId)) {
                assertThat(paid).as("order %s paid", orderId).containsKey(orderId);
                assertThat(authorized.get(orderId)).as("authorized before PAID").isLessThan(paid.get(orderId));
                assertThat(paid.get(orderId) - t).as("time to pay").isLessThanOrEqualTo(Duration.ofMinutes(5).toMillis());
            }
        });

        // A background card never fails twice within 10 minutes.
        backgroundFailures.forEach((card, times) -> {
            times.sort(Long::compare);
            for (int i = 1; i < times.size(); i++) {
                assertThat(times.get(i) - times.get(i - 1)).as("failures of %s", card)
                        .isGreaterThan(Duration.ofMinutes(10).toMillis());
            }
        });
    }
}
