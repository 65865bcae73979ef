package io.infometis.streams.common.kafka;

import io.infometis.streams.common.config.CommonKeys;
import io.infometis.streams.common.config.JobConfig;
import io.infometis.streams.common.deadletter.DeadLetter;
import io.infometis.streams.events.TopicSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.types.Either;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/**
 * Kafka sources of a job. Offsets are committed on checkpoints (for lag monitoring; recovery uses the checkpoint).
 */
public final class KafkaInput {

    private KafkaInput() {}

    /**
     * An Avro topic decoded through the registry, with per-partition bounded-out-of-orderness watermarks and
     * idleness; undecodable or invalid records become dead letters (they never move the watermark). Operator uids
     * {@code source-<topic>} and {@code decode-<topic>}.
     *
     * <p>An event stream (a topic that is not compacted) joins the job's watermark alignment group
     * ({@link #alignmentGroup}): no partition reads more than {@code source.watermark-alignment.max-drift} ahead
     * of the job's slowest in event time. Without it, a job catching up on a backlog reads each topic as fast as
     * that topic's chain goes; the event-time joins and windows then buffer the fast topics' events until the slow
     * topic's watermark arrives. A compacted topic is a table (the latest value per key, e.g. customer profiles),
     * read to its end whatever its event times, so it stays out of the group.
     */
    public static <T extends SpecificRecordBase> Decoded<T> readAvro(StreamExecutionEnvironment env, JobConfig config,
            String jobName, TopicSpec topic, Class<T> type, EventTimeExtractor<T> eventTime,
            RecordValidator<T> validator) {
        String topicName = config.get(CommonKeys.topic(topic));
        AvroDecodingDeserializer<T> deserializer = new AvroDecodingDeserializer<>(jobName, type,
                KafkaClients.registry(config).deserializer(type), validator);
        KafkaSource<Either<DeadLetter, T>> source = sourceBuilder(config, jobName, topicName, deserializer);

        WatermarkStrategy<Either<DeadLetter, T>> watermarks = watermarks(config, jobName, topic, eventTime);

        OutputTag<DeadLetter> deadLetterTag =
                new OutputTag<>("dead-letters-" + topicName, TypeInformation.of(DeadLetter.class));
        SingleOutputStreamOperator<T> events = env
                .fromSource(source, watermarks, "Kafka " + topicName)
                .uid("source-" + topic.name())
                .process(new SplitDeadLetters<T>(deadLetterTag))
                .returns(new AvroTypeInfo<>(type))
                .name("Decode " + topicName + " (bad records to dlq)")
                .uid("decode-" + topic.name());
        return new Decoded<>(events, events.getSideOutput(deadLetterTag));
    }

    /** The event-time watermarks of an Avro topic: out-of-orderness, idleness and, for event streams, alignment. */
    static <T> WatermarkStrategy<Either<DeadLetter, T>> watermarks(JobConfig config, String jobName, TopicSpec topic,
                                                                  EventTimeExtractor<T> eventTime) {
        WatermarkStrategy<Either<DeadLetter, T>> watermarks = WatermarkStrategy
                .<Either<DeadLetter, T>>forBoundedOutOfOrderness(config.get(CommonKeys.WATERMARK_OUT_OF_ORDERNESS))
                // A dead letter's time says nothing about the stream's progress: the lowest timestamp never moves
                // the watermark (a garbage record stamped "now" would otherwise make every real event late).
                .withTimestampAssigner((e, kafkaTime) -> e.isRight() ? eventTime.eventTime(e.right()) : Long.MIN_VALUE)
                .withIdleness(config.get(CommonKeys.SOURCE_IDLENESS));
        Duration maxDrift = config.get(CommonKeys.WATERMARK_ALIGNMENT_MAX_DRIFT);
        if (topic.compacted() || maxDrift.isZero()) {
            return watermarks;
        }
        // An idle partition or source (source.idleness) does not count as the group's slowest, so a quiet topic
        // holds the others back for source.idleness at most.
        return watermarks.withWatermarkAlignment(alignmentGroup(jobName), maxDrift,
                config.get(CommonKeys.WATERMARK_ALIGNMENT_UPDATE_INTERVAL));
    }

    /** The watermark alignment group of a job's event-stream sources (one group per job). */
    public static String alignmentGroup(String jobName) {
        return jobName + "-event-streams";
    }

    /**
     * A non-Avro topic as raw records (e.g. JSON rules), with watermarks held at +infinity: a control stream
     * connected to an event stream must never hold back that stream's event time. Operator uid
     * {@code source-<topic>}.
     */
    public static DataStream<KafkaRecord> readRaw(StreamExecutionEnvironment env, JobConfig config, String jobName,
                                                  TopicSpec topic) {
        String topicName = config.get(CommonKeys.topic(topic));
        KafkaSource<KafkaRecord> source = sourceBuilder(config, jobName, topicName, new RawDeserializer());
        return env.fromSource(source, WatermarkStrategy.forGenerator(ctx -> new AlwaysMaxWatermark()),
                        "Kafka " + topicName)
                .uid("source-" + topic.name());
    }

    private static <T> KafkaSource<T> sourceBuilder(JobConfig config, String jobName, String topicName,
                                                    KafkaRecordDeserializationSchema<T> deserializer) {
        return KafkaSource.<T>builder()
                .setProperties(KafkaClients.clientProperties(config))
                .setTopics(topicName)
                .setGroupId(CommonKeys.groupId(config, jobName))
                .setStartingOffsets(startingOffsets(config))
                .setDeserializer(deserializer)
                .setProperty("commit.offsets.on.checkpoint", "true")
                // New partitions of a topic are picked up without a restart.
                .setProperty("partition.discovery.interval.ms", "60000")
                .build();
    }

    static OffsetsInitializer startingOffsets(JobConfig config) {
        return switch (config.get(CommonKeys.KAFKA_STARTING_OFFSETS)) {
            case "earliest" -> OffsetsInitializer.earliest();
            case "latest" -> OffsetsInitializer.latest();
            default -> OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST);
        };
    }

    /** Right goes on, Left goes to the dead-letter side output. */
    static final class SplitDeadLetters<T> extends ProcessFunction<Either<DeadLetter, T>, T> {
        private static final long serialVersionUID = 1L;
        private final OutputTag<DeadLetter> deadLetters;

        SplitDeadLetters(OutputTag<DeadLetter> deadLetters) {
            this.deadLetters = deadLetters;
        }

        @Override
        public void processElement(Either<DeadLetter, T> value, Context ctx, Collector<T> out) {
            if (value.isRight()) {
                out.collect(value.right());
            } else {
                ctx.output(deadLetters, value.left());
            }
        }
    }

    static final class RawDeserializer implements KafkaRecordDeserializationSchema<KafkaRecord> {
        private static final long serialVersionUID = 1L;

        @Override
        public void deserialize(ConsumerRecord<byte[], byte[]> r, org.apache.flink.util.Collector<KafkaRecord> out)
                throws IOException {
            out.collect(new KafkaRecord(r.topic(), r.partition(), r.offset(), r.timestamp(),
                    r.key() == null ? null : new String(r.key(), StandardCharsets.UTF_8), r.value()));
        }

        @Override
        public TypeInformation<KafkaRecord> getProducedType() {
            return TypeInformation.of(KafkaRecord.class);
        }
    }

    static final class AlwaysMaxWatermark implements WatermarkGenerator<KafkaRecord> {
        @Override
        public void onEvent(KafkaRecord event, long eventTimestamp, WatermarkOutput output) {}

        @Override
        public void onPeriodicEmit(WatermarkOutput output) {
            output.emitWatermark(new Watermark(Long.MAX_VALUE));
        }
    }
}
