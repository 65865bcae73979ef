package io.infometis.streams.common.kafka;

import io.infometis.streams.common.deadletter.DeadLetter;
import java.io.IOException;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.EitherTypeInfo;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.metrics.Counter;
import org.apache.flink.types.Either;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Decodes Confluent-wire-format Avro inside the Kafka source and never throws for bad data: a record that does not
 * decode, or decodes but fails validation, becomes a {@link DeadLetter} (Left) carrying its original bytes; a good
 * record is Right. Doing it here, not in a later operator, keeps watermarks per partition and lets a dead letter
 * carry its exact partition and offset.
 */
final class AvroDecodingDeserializer<T extends SpecificRecordBase>
        implements KafkaRecordDeserializationSchema<Either<DeadLetter, T>> {

    private static final long serialVersionUID = 1L;

    private final String jobName;
    private final Class<T> type;
    private final DeserializationSchema<T> avro;
    private final RecordValidator<T> validator;
    private transient Counter deadLetters;

    AvroDecodingDeserializer(String jobName, Class<T> type, DeserializationSchema<T> avro,
                             RecordValidator<T> validator) {
        this.jobName = jobName;
        this.type = type;
        this.avro = avro;
        this.validator = validator;
    }

    @Override
    public void open(DeserializationSchema.InitializationContext context) throws Exception {
        avro.open(context);
        deadLetters = context.getMetricGroup().counter("deadLetters");
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<Either<DeadLetter, T>> out)
            throws IOException {
        if (record.value() == null) {
            out.collect(Either.Left(letter(record, "null value (tombstone) on an Avro topic", null)));
            return;
        }
        T value;
        try {
            value = avro.deserialize(record.value());
        } catch (Exception | StackOverflowError e) {
            // Exception: unknown magic byte or schema id, truncated body; StackOverflowError: a hostile nesting depth.
            out.collect(Either.Left(letter(record, "cannot decode Avro (Confluent wire format): " + describe(e), e)));
            return;
        }
        if (value == null) {
            out.collect(Either.Left(letter(record, "decoded to null", null)));
            return;
        }
        Optional<String> problem;
        try {
            problem = validator.problem(value);
        } catch (RuntimeException e) {
            problem = Optional.of("validation failed with " + describe(e));
        }
        if (problem.isPresent()) {
            out.collect(Either.Left(letter(record, "invalid " + type.getSimpleName() + ": " + problem.get(), null)));
            return;
        }
        out.collect(Either.Right(value));
    }

    private DeadLetter letter(ConsumerRecord<byte[], byte[]> record, String reason, Throwable error) {
        if (deadLetters != null) {
            deadLetters.inc();
        }
        return DeadLetter.fromRecord(jobName, record.topic(), record.partition(), record.offset(), record.timestamp(),
                record.key(), record.value(), reason, error);
    }

    private static String describe(Throwable e) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = e; t != null && text.length() < 500; t = t.getCause() == t ? null : t.getCause()) {
            if (!text.isEmpty()) {
                text.append(" <- ");
            }
            text.append(t.getClass().getSimpleName()).append(": ").append(t.getMessage());
        }
        return text.toString();
    }

    @Override
    public TypeInformation<Either<DeadLetter, T>> getProducedType() {
        return new EitherTypeInfo<>(TypeInformation.of(DeadLetter.class), new AvroTypeInfo<>(type));
    }
}
