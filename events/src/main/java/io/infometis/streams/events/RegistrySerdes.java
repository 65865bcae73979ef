package io.infometis.streams.events;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.formats.avro.registry.confluent.ConfluentRegistryAvroDeserializationSchema;
import org.apache.flink.formats.avro.registry.confluent.ConfluentRegistryAvroSerializationSchema;

/**
 * Confluent wire format (magic byte 0, 4-byte schema id, Avro body) through a schema registry, for the generated
 * event classes. Thin on purpose: Flink's registry schemas do the work; this only fixes our subject naming
 * ({@code <topic>-value}) and carries the registry client settings (auth, TLS) in one place.
 */
public final class RegistrySerdes {

    private final String registryUrl;
    private final Map<String, String> clientProperties;

    /**
     * @param registryUrl Confluent-compatible base URL, e.g. {@code http://127.0.0.1:8081/apis/ccompat/v7}
     * @param clientProperties schema-registry client settings such as {@code basic.auth.credentials.source} and
     *     {@code basic.auth.user.info}; may be empty
     */
    public RegistrySerdes(String registryUrl, Map<String, String> clientProperties) {
        if (registryUrl == null || !(registryUrl.startsWith("http://") || registryUrl.startsWith("https://"))) {
            throw new IllegalArgumentException(
                    "schema registry URL must start with http:// or https://, got: " + registryUrl);
        }
        this.registryUrl = registryUrl;
        this.clientProperties = Map.copyOf(Objects.requireNonNull(clientProperties, "clientProperties"));
    }

    public String registryUrl() {
        return registryUrl;
    }

    public Map<String, String> clientProperties() {
        return clientProperties;
    }

    /** Registers the schema under {@code <topic>-value} on first use (retrying Apicurio's concurrent-registration 409). */
    public <T extends SpecificRecord> SerializationSchema<T> serializer(Class<T> type, TopicSpec topic) {
        return new RetryingFirstRegistration<>(ConfluentRegistryAvroSerializationSchema.forSpecific(
                type, topic.valueSubject(), registryUrl, new HashMap<>(clientProperties)));
    }

    public <T extends SpecificRecord> DeserializationSchema<T> deserializer(Class<T> type) {
        return ConfluentRegistryAvroDeserializationSchema.forSpecific(
                type, registryUrl, new HashMap<>(clientProperties));
    }
}
