package io.infometis.streams.generator;

import org.apache.avro.specific.SpecificRecord;

/**
 * Turns a record's value into the bytes sent to Kafka, e.g. Confluent wire format through the registry
 * ({@code kafka.RegistryValueEncoder}). {@code topic} is the catalogue name of the record's topic.
 */
@FunctionalInterface
public interface ValueEncoder {
    byte[] encode(String topic, SpecificRecord value);
}
