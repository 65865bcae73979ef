package io.infometis.streams.common.kafka;

import io.infometis.streams.common.deadletter.DeadLetter;
import io.infometis.streams.events.RegistrySerdes;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.types.Either;

/**
 * The benchmark's door to job-common's package-private {@link AvroDecodingDeserializer}: the decode
 * microbenchmark measures the exact code every job's source runs, not a copy. Lives in job-common's package
 * inside the bench module only for that access.
 */
public final class BenchDecoders {

    private BenchDecoders() {}

    public static <T extends SpecificRecordBase> KafkaRecordDeserializationSchema<Either<DeadLetter, T>> avro(
            String jobName, Class<T> type, RegistrySerdes serdes) {
        return new AvroDecodingDeserializer<>(jobName, type, serdes.deserializer(type), RecordValidator.none());
    }
}
