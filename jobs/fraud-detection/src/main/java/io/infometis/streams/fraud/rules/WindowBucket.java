package io.infometis.streams.fraud.rules;

/**
 * The hits of one slide-long slice of event time for one (window family, group value): enough to compute count, sum, min,
 * max and avg of any window made of whole slices, plus the first event ids for the alert. A Flink POJO.
 */
public class WindowBucket {

    public long count;
    public double sum;
    public double min = Double.POSITIVE_INFINITY;
    public double max = Double.NEGATIVE_INFINITY;
    public long firstEventTime = Long.MAX_VALUE;
    public long lastEventTime = Long.MIN_VALUE;
    /** At most the configured number of ids (fraud.rules.max-event-ids), in arrival order. */
    public String[] eventIds = new String[0];

    public WindowBucket() {}

    public void add(RuleHit hit, int maxEventIds) {
        count++;
        sum += hit.value;
        min = Math.min(min, hit.value);
        max = Math.max(max, hit.value);
        firstEventTime = Math.min(firstEventTime, hit.eventTime);
        lastEventTime = Math.max(lastEventTime, hit.eventTime);
        if (eventIds.length < maxEventIds) {
            String[] ids = java.util.Arrays.copyOf(eventIds, eventIds.length + 1);
            ids[eventIds.length] = hit.eventId;
            eventIds = ids;
        }
    }
}
