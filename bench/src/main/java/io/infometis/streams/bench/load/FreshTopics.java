package io.infometis.streams.bench.load;

import io.infometis.streams.events.TopicSpec;
import io.infometis.streams.stack.KafkaTopics;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * Topics laid out as catalogue ones (partitions, compaction) under a prefix, for a run that must not see the main
 * backlog (the broker does not auto-create topics).
 */
public final class FreshTopics {

    private FreshTopics() {}

    /** Creates {@code prefix + name} for each spec; returns catalogue name to actual name. */
    public static Map<String, String> create(String bootstrapServers, String prefix, List<TopicSpec> specs)
            throws Exception {
        Map<String, String> names = new LinkedHashMap<>();
        List<NewTopic> topics = new ArrayList<>();
        for (TopicSpec spec : specs) {
            String name = prefix + spec.name();
            names.put(spec.name(), name);
            NewTopic topic = new NewTopic(name, spec.partitions(), (short) 1);
            if (spec.compacted()) {
                topic.configs(Map.of("cleanup.policy", "compact"));
            }
            topics.add(topic);
        }
        try (Admin admin = Admin.create(Map.<String, Object>of("bootstrap.servers", bootstrapServers))) {
            admin.createTopics(topics).all().get();
            KafkaTopics.awaitLeaders(admin, names.values(), bootstrapServers);
        }
        return names;
    }
}
