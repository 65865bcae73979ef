package io.infometis.streams.generator.kafka;

import io.infometis.streams.events.Topics;
import java.util.Map;
import java.util.TreeMap;

/** Where each catalogue topic is really written: the catalogue name unless renamed (tests use their own topics). */
public final class TopicNames {

    private static final java.util.List<String> GENERATED = java.util.List.of(Topics.USER_EVENTS.name(),
            Topics.ORDERS.name(), Topics.PAYMENTS.name(), Topics.CUSTOMERS.name());

    private final Map<String, String> renamed;

    private TopicNames(Map<String, String> renamed) {
        this.renamed = Map.copyOf(renamed);
    }

    public static TopicNames catalogue() {
        return new TopicNames(Map.of());
    }

    /**
     * @param renamed catalogue name to actual name, e.g. {@code orders -> test-orders}
     * @throws IllegalArgumentException naming the key when it is not a catalogue topic or the name is blank
     */
    public static TopicNames of(Map<String, String> renamed) {
        for (Map.Entry<String, String> e : new TreeMap<>(renamed).entrySet()) {
            if (Topics.byName(e.getKey()).isEmpty()) {
                throw new IllegalArgumentException("topic " + e.getKey() + ": expected a catalogue topic name ("
                        + String.join(", ", Topics.all().stream().map(t -> t.name()).toList()) + ")");
            }
            if (e.getValue() == null || e.getValue().isBlank()) {
                throw new IllegalArgumentException("topic " + e.getKey() + ": expected a topic name, got '"
                        + e.getValue() + "'");
            }
        }
        return new TopicNames(renamed);
    }

    /**
     * Every topic the generator writes (user-events, orders, payments, customers) under {@code prefix}, e.g.
     * {@code withPrefix("fraud-it-")} writes {@code fraud-it-orders}: a test's own topics on a shared broker.
     */
    public static TopicNames withPrefix(String prefix) {
        if (prefix == null || prefix.isBlank()) {
            throw new IllegalArgumentException("topic prefix: expected a non-blank prefix, got '" + prefix + "'");
        }
        Map<String, String> renamed = new java.util.HashMap<>();
        for (String topic : GENERATED) {
            renamed.put(topic, prefix + topic);
        }
        return new TopicNames(renamed);
    }

    /** The catalogue topics the generator writes. */
    public static java.util.List<String> generatedTopics() {
        return GENERATED;
    }

    /** The actual topic for a catalogue topic. */
    public String actual(String catalogueTopic) {
        return renamed.getOrDefault(catalogueTopic, catalogueTopic);
    }
}
