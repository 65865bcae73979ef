package io.infometis.streams.fraud.support;

/** Rule JSON for tests, in the documented format (docs/rules.md). */
public final class Rules {

    private Rules() {}

    /** Count of FAILED payments per user over {@code size} windows sliding by {@code slide}, {@code > threshold}. */
    public static String failedPaymentsPerUser(String id, int version, boolean enabled, int threshold, String size,
            String slide) {
        return """
                {"id": "%s", "version": %d, "enabled": %s, "stream": "payments",
                 "description": "failed payments per user",
                 "filter": [{"field": "status", "op": "equals", "value": "FAILED"}],
                 "group_by": "user_id", "aggregate": {"function": "count"},
                 "window": {"size": "%s", "slide": "%s"},
                 "threshold": {"comparison": ">", "value": %d}, "severity": "HIGH"}
                """.formatted(id, version, enabled, size, slide, threshold);
    }
}
