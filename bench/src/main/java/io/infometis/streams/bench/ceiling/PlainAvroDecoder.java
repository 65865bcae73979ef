package io.infometis.streams.bench.ceiling;

import io.confluent.kafka.schemaregistry.avro.AvroSchema;
import io.confluent.kafka.schemaregistry.client.CachedSchemaRegistryClient;
import io.confluent.kafka.schemaregistry.client.SchemaRegistryClient;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;

/**
 * Confluent wire format to a specific record with the registry client and Avro alone, no Flink: the decode a
 * plain Kafka consumer does. Written here because Confluent's KafkaAvroDeserializer is not on Maven Central (the
 * re-packaged registry client has only the client); it does what that deserializer does: magic byte, schema id
 * looked up once through the client's cache, writer-to-reader schema resolution. Not thread-safe (one per consumer).
 */
public final class PlainAvroDecoder<T extends SpecificRecord> {

    private final SchemaRegistryClient registry;
    private final Schema readerSchema;
    private final Map<Integer, SpecificDatumReader<T>> readers = new HashMap<>();
    private BinaryDecoder decoder;

    public PlainAvroDecoder(String registryUrl, Schema readerSchema) {
        this.registry = new CachedSchemaRegistryClient(registryUrl, 100);
        this.readerSchema = readerSchema;
    }

    public T decode(byte[] bytes) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        if (buffer.get() != 0) {
            throw new IOException("not the Confluent wire format (magic byte is not 0)");
        }
        int schemaId = buffer.getInt();
        SpecificDatumReader<T> reader = readers.get(schemaId);
        if (reader == null) {
            reader = new SpecificDatumReader<>(writerSchema(schemaId), readerSchema);
            readers.put(schemaId, reader);
        }
        decoder = DecoderFactory.get().binaryDecoder(bytes, 5, bytes.length - 5, decoder);
        return reader.read(null, decoder);
    }

    private Schema writerSchema(int id) throws IOException {
        try {
            return ((AvroSchema) registry.getSchemaById(id)).rawSchema();
        } catch (Exception e) {
            throw new IOException("schema " + id + " not found in the registry: " + e.getMessage(), e);
        }
    }
}
