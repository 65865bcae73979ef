package io.infometis.streams.events;

import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;
import org.apache.avro.Schema;

/**
 * One Kafka topic of the platform: its name, how it is laid out, and the Avro schema of its values (null for
 * topics whose values are not Avro, such as the JSON rules topic or the raw-bytes dead-letter topic).
 * Serializable (Avro schemas are), so Flink functions may hold one.
 */
public record TopicSpec(
        String name,
        int partitions,
        boolean compacted,
        Duration retention,
        Schema valueSchema,
        String keyDescription,
        String description) implements Serializable {

    public TopicSpec {
        Objects.requireNonNull(name, "name");
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be >= 1 for topic " + name);
        }
    }

    /** The Confluent subject naming strategy we use everywhere: TopicNameStrategy, {@code <topic>-value}. */
    public String valueSubject() {
        return name + "-value";
    }

    public boolean isAvro() {
        return valueSchema != null;
    }
}
