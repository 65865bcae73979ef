package io.infometis.streams.fraud.support;

import io.infometis.streams.events.Alert;
import io.infometis.streams.fraud.patterns.AccountTakeoverPattern;
import io.infometis.streams.fraud.patterns.CardTestingPattern;
import io.infometis.streams.fraud.patterns.UnpaidOrderPattern;
import io.infometis.streams.generator.GroundTruth;
import io.infometis.streams.generator.ScenarioKind;
import java.util.List;

/** The generator's ground truth and the job's alerts in one comparable form: pattern, key, matched events. */
public record ExpectedAlerts() {

    public record Detection(String rule, String key, List<String> eventIds) {}

    public static List<Detection> of(GroundTruth truth) {
        return truth.scenarios().stream()
                .map(s -> new Detection(patternOf(s.kind()), s.key(), s.eventIds()))
                .toList();
    }

    public static List<Detection> of(List<Alert> alerts) {
        return alerts.stream()
                .map(a -> new Detection(a.getRuleId(), a.getKey(), List.copyOf(a.getMatchedEventIds())))
                .toList();
    }

    public static String patternOf(ScenarioKind kind) {
        return switch (kind) {
            case CARD_TESTING -> CardTestingPattern.NAME;
            case ACCOUNT_TAKEOVER -> AccountTakeoverPattern.NAME;
            case UNPAID_ORDER -> UnpaidOrderPattern.NAME;
        };
    }
}
