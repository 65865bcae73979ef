package io.infometis.streams.bench.jobs;

import io.infometis.streams.events.Topics;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Active dynamic rules for the fraud job's cost-per-rule measurement, written to {@code alert-rules} in the
 * documented JSON (docs/rules.md). The rules vary independently in filter (payment status), grouping, window and
 * aggregate: 54 window shapes (3 x 3 x 3 x 2, see {@link #shapes(int)}), reached from 54 rules on; beyond that they
 * differ in threshold and severity, like the tiers and per-segment limits of a grown rule set. Every payment passes
 * the filter of a third of the rules. Thresholds are high so alerts stay rare and the figure is the cost of
 * evaluating, not of alerting.
 */
public final class FraudRules {

    private static final String[] GROUP_BY = {"user_id", "card_fingerprint", "currency"};
    private static final String[] STATUS = {"FAILED", "AUTHORIZED", "REFUNDED"};
    private static final String[] SEVERITY = {"LOW", "MEDIUM", "HIGH"};
    private static final String[] WINDOWS = {"\"size\": \"10 min\", \"slide\": \"1 min\"",
        "\"size\": \"1 h\", \"slide\": \"5 min\"", "\"size\": \"5 min\", \"slide\": \"5 min\""};

    private final String bootstrapServers;
    private final String topic;
    private int written;

    public FraudRules(String bootstrapServers) {
        this(bootstrapServers, Topics.ALERT_RULES.name());
    }

    public FraudRules(String bootstrapServers, String topic) {
        this.bootstrapServers = bootstrapServers;
        this.topic = topic;
    }

    /** Adds rules until {@code total} are active (rules already written stay). */
    public void growTo(int total) {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(properties())) {
            for (; written < total; written++) {
                String id = String.format("bench-rule-%04d", written);
                producer.send(new ProducerRecord<>(topic, id,
                        rule(id, written).getBytes(StandardCharsets.UTF_8)));
            }
            producer.flush();
        }
    }

    public int active() {
        return written;
    }

    /** How many distinct window shapes (families) the first {@code rules} benchmark rules have. */
    public static int shapes(int rules) {
        return Math.min(rules, STATUS.length * GROUP_BY.length * WINDOWS.length * 2);
    }

    /** The n-th benchmark rule, with the given id. */
    public static String rule(String id, int n) {
        // Mixed radix: status, then grouping, window and aggregate change, so the first 54 rules are 54 shapes.
        boolean count = (n / 27) % 2 == 0;
        String aggregate = count ? "{\"function\": \"count\"}" : "{\"function\": \"sum\", \"field\": \"amount\"}";
        double threshold = count ? 1_000 + n : 1e12 + n;
        return """
                {"id": "%s", "version": 1, "enabled": true, "stream": "payments",
                 "description": "bench rule %d",
                 "filter": [{"field": "status", "op": "equals", "value": "%s"}],
                 "group_by": "%s", "aggregate": %s,
                 "window": {%s},
                 "threshold": {"comparison": ">", "value": %s}, "severity": "%s"}
                """.formatted(id, n, STATUS[n % 3], GROUP_BY[(n / 3) % 3], aggregate, WINDOWS[(n / 9) % 3],
                Double.toString(threshold), SEVERITY[(n / 54) % SEVERITY.length]);
    }

    private Properties properties() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return p;
    }
}
