package io.infometis.streams.reliability.faults;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the order-enrichment job must have produced for the traffic sent so far. Every customer profile is in the
 * job's state before the first order (the suite waits for it), so each order event changes the folded order and
 * yields exactly one enriched record on {@code orders-enriched}, identified by (order id, last event id); the
 * {@code orders} document of an order carries its newest event. Poison pills are known by their record keys.
 */
final class GroundTruth {

    /** The newest event of an order: what its Elasticsearch document must show. */
    record Newest(String userId, String eventId, String status, long amount) {}

    final Map<String, String> tierByUser = new LinkedHashMap<>();
    /** {@code orderId|eventId} of every record expected on orders-enriched, each exactly once. */
    final Set<String> expectedOutputs = new LinkedHashSet<>();
    final Map<String, Newest> newestByOrder = new LinkedHashMap<>();
    final Set<String> poisonKeys = new TreeSet<>();

    static String outputId(String orderId, String eventId) {
        return orderId + "|" + eventId;
    }

    synchronized void profile(String userId, String tier) {
        tierByUser.put(userId, tier);
    }

    synchronized void orderEvent(String orderId, String userId, String eventId, String status, long amount) {
        expectedOutputs.add(outputId(orderId, eventId));
        newestByOrder.put(orderId, new Newest(userId, eventId, status, amount));
    }

    synchronized void poison(String key) {
        poisonKeys.add(key);
    }

    synchronized int events() {
        return expectedOutputs.size();
    }
}
