package io.infometis.streams.common.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.confluent.kafka.schemaregistry.avro.AvroSchema;
import io.confluent.kafka.schemaregistry.client.CachedSchemaRegistryClient;
import io.infometis.streams.events.RegistrySerdes;
import io.infometis.streams.events.TopicSpec;
import io.infometis.streams.events.UserEvent;
import io.infometis.streams.events.UserEventType;
import io.infometis.streams.testing.RealStackExtension;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.formats.avro.registry.confluent.ConfluentRegistryAvroDeserializationSchema;
import org.apache.flink.formats.avro.registry.confluent.ConfluentRegistryAvroSerializationSchema;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Schemas evolve under BACKWARD compatibility on the real registry: a v2 that adds an optional field with a default
 * is accepted, jobs built on v1 read v2 data, a v2 reader reads v1 data (the default fills in), and a change that
 * would break readers is refused by the registry before any producer can write it.
 */
class SchemaEvolutionTest {

    @RegisterExtension
    static final RealStackExtension STACK = RealStackExtension.builder().registry().build();

    private static final TopicSpec TOPIC = new TopicSpec("evolution-user-events", 1, false, null,
            UserEvent.getClassSchema(), "user_id", "schema evolution test");
    private static final Schema V1 = UserEvent.getClassSchema();
    private static final Schema V2 = withField(V1, new Schema.Field("user_agent",
            Schema.createUnion(Schema.create(Schema.Type.NULL), Schema.create(Schema.Type.STRING)), "browser",
            Schema.Field.NULL_DEFAULT_VALUE));

    @BeforeAll
    static void backwardCompatibilityOnTheSubject() throws Exception {
        new CachedSchemaRegistryClient(STACK.registryUrl(), 10).updateCompatibility(TOPIC.valueSubject(), "BACKWARD");
    }

    @Test
    void aV1JobReadsV2DataWithTheNewFieldIgnored() throws Exception {
        GenericRecord v2 = new GenericData.Record(V2);
        UserEvent base = v1Event("e-v2");
        V1.getFields().forEach(f -> v2.put(f.name(), base.get(f.name())));
        v2.put("event_time", base.getEventTime().toEpochMilli());
        v2.put("type", new GenericData.EnumSymbol(V2.getField("type").schema(), base.getType().name()));
        v2.put("user_agent", "Firefox/140");
        SerializationSchema<GenericRecord> v2Writer = ConfluentRegistryAvroSerializationSchema.forGeneric(
                TOPIC.valueSubject(), V2, STACK.registryUrl());
        v2Writer.open(null);
        byte[] bytes = v2Writer.serialize(v2);

        DeserializationSchema<UserEvent> v1Reader =
                new RegistrySerdes(STACK.registryUrl(), Map.of()).deserializer(UserEvent.class);
        v1Reader.open(null);

        assertThat(v1Reader.deserialize(bytes)).isEqualTo(base);
    }

    @Test
    void aV2ReaderReadsV1DataWithTheDefault() throws Exception {
        SerializationSchema<UserEvent> v1Writer =
                new RegistrySerdes(STACK.registryUrl(), Map.of()).serializer(UserEvent.class, TOPIC);
        v1Writer.open(null);
        byte[] bytes = v1Writer.serialize(v1Event("e-v1"));

        DeserializationSchema<GenericRecord> v2Reader =
                ConfluentRegistryAvroDeserializationSchema.forGeneric(V2, STACK.registryUrl());
        v2Reader.open(null);
        GenericRecord read = v2Reader.deserialize(bytes);

        assertThat(read.get("event_id").toString()).isEqualTo("e-v1");
        assertThat(read.get("user_agent")).isNull();
    }

    @Test
    void theRegistryRefusesAFieldWithoutDefault() throws Exception {
        CachedSchemaRegistryClient client = new CachedSchemaRegistryClient(STACK.registryUrl(), 10);
        client.register(TOPIC.valueSubject(), new AvroSchema(V1));
        Schema breaking = withField(V1, new Schema.Field("tenant", Schema.create(Schema.Type.STRING), "no default"));

        assertThat(client.testCompatibility(TOPIC.valueSubject(), new AvroSchema(breaking))).isFalse();
        assertThatThrownBy(() -> client.register(TOPIC.valueSubject(), new AvroSchema(breaking)))
                .hasMessageContaining("ncompatible");
    }

    private static UserEvent v1Event(String id) {
        return UserEvent.newBuilder().setEventId(id).setEventTime(Instant.parse("2026-02-01T00:00:00Z"))
                .setUserId("u-7").setType(UserEventType.LOGIN).setIp("192.0.2.1").setCountry("DE")
                .setDeviceId("d-7").build();
    }

    private static Schema withField(Schema schema, Schema.Field extra) {
        List<Schema.Field> fields = new ArrayList<>();
        schema.getFields().forEach(f -> fields.add(new Schema.Field(f, f.schema())));
        fields.add(extra);
        return Schema.createRecord(schema.getName(), schema.getDoc(), schema.getNamespace(), false, fields);
    }
}
