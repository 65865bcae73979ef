package io.infometis.streams.fraud.rules;

import io.infometis.streams.events.TopicSpec;
import io.infometis.streams.events.Topics;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.avro.Schema;

/** The event streams a rule can watch; a rule names them by their catalogue topic name. */
public enum RuleStream {
    PAYMENTS(Topics.PAYMENTS),
    ORDERS(Topics.ORDERS),
    USER_EVENTS(Topics.USER_EVENTS);

    private final TopicSpec topic;

    RuleStream(TopicSpec topic) {
        this.topic = topic;
    }

    /** The name rules use: {@code payments}, {@code orders}, {@code user-events}. */
    public String ruleName() {
        return topic.name();
    }

    public Schema schema() {
        return topic.valueSchema();
    }

    public static Optional<RuleStream> byRuleName(String name) {
        return Arrays.stream(values()).filter(s -> s.ruleName().equals(name)).findFirst();
    }

    public static String allowedNames() {
        return Arrays.stream(values()).map(RuleStream::ruleName).collect(Collectors.joining("|"));
    }
}
