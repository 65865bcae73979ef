package io.infometis.streams.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.confluent.kafka.schemaregistry.avro.AvroSchema;
import io.confluent.kafka.schemaregistry.client.CachedSchemaRegistryClient;
import io.confluent.kafka.schemaregistry.client.SchemaRegistryClient;
import io.infometis.streams.events.Topics;
import io.infometis.streams.events.UserEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RealStackRegistryTest {

    @RegisterExtension
    static final RealStackExtension STACK = RealStackExtension.builder().kafka().registry().build();

    @Test
    void registersASchemaAndReadsItBackById() throws Exception {
        SchemaRegistryClient client = new CachedSchemaRegistryClient(STACK.registryUrl(), 10);
        AvroSchema schema = new AvroSchema(UserEvent.getClassSchema());

        int id = client.register(Topics.USER_EVENTS.valueSubject(), schema);

        // A fresh client, so the answer comes from the server and not from the first client's cache.
        SchemaRegistryClient reader = new CachedSchemaRegistryClient(STACK.registryUrl(), 10);
        assertThat(reader.getSchemaById(id).canonicalString()).isEqualTo(schema.canonicalString());
        assertThat(reader.getAllSubjects()).contains(Topics.USER_EVENTS.valueSubject());
        assertThat(reader.getLatestSchemaMetadata(Topics.USER_EVENTS.valueSubject()).getId()).isEqualTo(id);
    }

    @Test
    void registryUrlIsTheConfluentCompatibleBase() {
        assertThat(STACK.registryUrl()).matches("http://127\\.0\\.0\\.1:\\d+/apis/ccompat/v7");
    }
}
