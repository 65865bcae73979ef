package io.infometis.streams.reliability.faults;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the probe must have produced for the traffic sent so far: per order id the number of events (= Kafka output
 * records and the Elasticsearch document's version) and the newest amount; the keys of every poison pill.
 */
final class GroundTruth {

    final Map<String, Integer> eventsPerOrder = new LinkedHashMap<>();
    final Map<String, Long> newestAmount = new LinkedHashMap<>();
    final Set<String> poisonKeys = new TreeSet<>();

    synchronized void order(String orderId, long amount) {
        eventsPerOrder.merge(orderId, 1, Integer::sum);
        newestAmount.put(orderId, amount);
    }

    synchronized void poison(String key) {
        poisonKeys.add(key);
    }

    synchronized int events() {
        return eventsPerOrder.values().stream().mapToInt(Integer::intValue).sum();
    }
}
