package io.infometis.streams.generator;

import java.util.Comparator;
import java.util.PriorityQueue;

/**
 * Records planned for the future, released in (planned time, planning order): a total order, so the send order
 * is reproducible. Activities plan their whole chain up front (an order's payments, PAID, SHIPPED...), which is
 * what lets the generator stop cleanly: the drain just releases what is left.
 */
final class Timeline {

    enum Origin { BACKGROUND, SCENARIO, BAD }

    record Planned(long time, long seq, GeneratedRecord record, Origin origin, Shopper owner, boolean login) {}

    private final PriorityQueue<Planned> queue = new PriorityQueue<>(
            Comparator.comparingLong(Planned::time).thenComparingLong(Planned::seq));
    private long seq;
    private long latestScenarioTime = Long.MIN_VALUE;
    private long latestTime = Long.MIN_VALUE;

    void plan(long time, GeneratedRecord record, Origin origin, Shopper owner) {
        plan(time, record, origin, owner, false);
    }

    /** @param login true for a LOGIN of {@code owner}: once sent, their home country is the baseline */
    void plan(long time, GeneratedRecord record, Origin origin, Shopper owner, boolean login) {
        if (owner != null) {
            owner.pending++;
        }
        if (origin == Origin.SCENARIO) {
            latestScenarioTime = Math.max(latestScenarioTime, time);
        }
        latestTime = Math.max(latestTime, time);
        queue.add(new Planned(time, seq++, record, origin, owner, login));
    }

    /** The next planned record due before {@code limit}, or null. */
    Planned pollBefore(long limit) {
        Planned next = queue.peek();
        if (next == null || next.time() >= limit) {
            return null;
        }
        return queue.poll();
    }

    boolean isEmpty() {
        return queue.isEmpty();
    }

    /** Latest planned time of any scenario event (Long.MIN_VALUE when none). */
    long latestScenarioTime() {
        return latestScenarioTime;
    }

    long latestTime() {
        return latestTime;
    }
}
