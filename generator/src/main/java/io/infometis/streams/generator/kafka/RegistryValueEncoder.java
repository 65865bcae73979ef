package io.infometis.streams.generator.kafka;

import io.infometis.streams.events.RegistrySerdes;
import io.infometis.streams.events.TopicSpec;
import io.infometis.streams.events.Topics;
import io.infometis.streams.generator.ValueEncoder;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.api.common.serialization.SerializationSchema;

/**
 * Confluent wire format through the registry, with the events module's {@link RegistrySerdes}. The subject is
 * {@code <actual topic>-value}, so a renamed topic (tests use their own names) gets its own subject, exactly as the
 * jobs reading it expect. Not thread-safe (Flink's serialization schemas are not).
 */
public final class RegistryValueEncoder implements ValueEncoder {

    private final RegistrySerdes serdes;
    private final TopicNames topicNames;
    private final Map<String, SerializationSchema<SpecificRecord>> serializers = new HashMap<>();

    public RegistryValueEncoder(RegistrySerdes serdes, TopicNames topicNames) {
        this.serdes = serdes;
        this.topicNames = topicNames;
    }

    @Override
    public byte[] encode(String topic, SpecificRecord value) {
        return serializers.computeIfAbsent(topic, t -> serializerFor(t, value)).serialize(value);
    }

    @SuppressWarnings("unchecked")
    private SerializationSchema<SpecificRecord> serializerFor(String catalogueTopic, SpecificRecord value) {
        TopicSpec spec = Topics.byName(catalogueTopic)
                .orElseThrow(() -> new IllegalArgumentException("not a catalogue topic: " + catalogueTopic));
        TopicSpec actual = new TopicSpec(topicNames.actual(catalogueTopic), spec.partitions(), spec.compacted(),
                spec.retention(), spec.valueSchema(), spec.keyDescription(), spec.description());
        Class<SpecificRecord> type = (Class<SpecificRecord>) value.getClass();
        return serdes.serializer(type, actual);
    }
}
