package io.infometis.streams.fraud.alerts;

import io.infometis.streams.events.Alert;
import io.infometis.streams.events.Severity;
import java.time.Instant;
import java.util.List;

/** Builds the alert of a built-in pattern: rule id = pattern name, version 1, id from the matched events. */
public final class PatternAlerts {

    /** Built-in patterns have no versions of their own; 1 keeps the field meaningful for dashboards. */
    public static final int PATTERN_VERSION = 1;

    private PatternAlerts() {}

    public static Alert alert(String patternName, Severity severity, String key, List<String> eventIds,
            long firstEventTime, long lastEventTime, long detectionTime, String summary) {
        return Alert.newBuilder()
                .setAlertId(AlertIds.forPattern(patternName, key, eventIds))
                .setRuleId(patternName)
                .setRuleVersion(PATTERN_VERSION)
                .setSeverity(severity)
                .setKey(key)
                .setMatchedEventIds(List.copyOf(eventIds))
                .setFirstEventTime(Instant.ofEpochMilli(firstEventTime))
                .setLastEventTime(Instant.ofEpochMilli(lastEventTime))
                .setDetectionTime(Instant.ofEpochMilli(detectionTime))
                .setSummary(summary)
                .build();
    }
}
