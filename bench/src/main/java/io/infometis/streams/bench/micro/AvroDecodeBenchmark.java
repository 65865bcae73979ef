package io.infometis.streams.bench.micro;

import io.infometis.streams.bench.ceiling.PlainAvroDecoder;
import io.infometis.streams.bench.load.SyntheticEvents;
import io.infometis.streams.common.deadletter.DeadLetter;
import io.infometis.streams.common.kafka.BenchDecoders;
import io.infometis.streams.events.Payment;
import io.infometis.streams.events.RegistrySerdes;
import io.infometis.streams.events.Topics;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.apache.flink.types.Either;
import org.apache.flink.util.Collector;
import org.apache.flink.util.SimpleUserCodeClassLoader;
import org.apache.flink.util.UserCodeClassLoader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Avro decode per event through the registry cache: job-common's source deserializer (wire format, cached schema
 * lookup, validation, Either wrapping) against the plain registry client + Avro decode of ceiling 1. The schema is
 * registered in the run's real registry ({@value #REGISTRY_PROPERTY}) during setup; lookups after the first hit
 * the client's cache, as in a running job.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class AvroDecodeBenchmark {

    public static final String REGISTRY_PROPERTY = "bench.registry.url";
    private static final int RECORDS = 1024;

    private ConsumerRecord<byte[], byte[]>[] records;
    private KafkaRecordDeserializationSchema<Either<DeadLetter, Payment>> jobCommon;
    private PlainAvroDecoder<Payment> plain;
    private int next;

    @Setup
    @SuppressWarnings("unchecked")
    public void setUp() throws Exception {
        String url = System.getProperty(REGISTRY_PROPERTY);
        if (url == null) {
            throw new IllegalStateException("-D" + REGISTRY_PROPERTY + " (the registry of the run) is not set");
        }
        RegistrySerdes serdes = new RegistrySerdes(url, Map.of());
        SerializationSchema<Payment> serializer = serdes.serializer(Payment.class, Topics.PAYMENTS);
        SyntheticEvents events = new SyntheticEvents(11, 10_000, 10_000, Instant.parse("2026-01-01T00:00:00Z"));
        records = new ConsumerRecord[RECORDS];
        for (int i = 0; i < RECORDS; i++) {
            Payment p = events.nextPayment();
            records[i] = new ConsumerRecord<>(Topics.PAYMENTS.name(), 0, i, p.getPaymentId().getBytes(),
                    serializer.serialize(p));
        }
        jobCommon = BenchDecoders.avro("bench", Payment.class, serdes);
        jobCommon.open(new DeserializationSchema.InitializationContext() {
            @Override
            public MetricGroup getMetricGroup() {
                return new UnregisteredMetricsGroup();
            }

            @Override
            public UserCodeClassLoader getUserCodeClassLoader() {
                return SimpleUserCodeClassLoader.create(AvroDecodeBenchmark.class.getClassLoader());
            }
        });
        plain = new PlainAvroDecoder<>(url, Payment.getClassSchema());
    }

    private ConsumerRecord<byte[], byte[]> nextRecord() {
        next = (next + 1) & (RECORDS - 1);
        return records[next];
    }

    @Benchmark
    public void jobCommonSourceDeserializer(Blackhole hole) throws Exception {
        jobCommon.deserialize(nextRecord(), new Collector<>() {
            @Override
            public void collect(Either<DeadLetter, Payment> record) {
                hole.consume(record);
            }

            @Override
            public void close() {}
        });
    }

    @Benchmark
    public Payment plainRegistryClientAndAvro() throws Exception {
        return plain.decode(nextRecord().value());
    }
}
