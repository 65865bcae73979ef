package io.infometis.streams.generator.kafka;

import com.google.common.util.concurrent.RateLimiter;
import io.infometis.streams.events.RegistrySerdes;
import io.infometis.streams.generator.ClockMode;
import io.infometis.streams.generator.GeneratedRecord;
import io.infometis.streams.generator.ValueEncoder;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends generated records to Kafka: string keys, values in the Confluent wire format through the registry, raw
 * bad records as they are. The producer is idempotent with {@code acks=all}; extra client properties (security,
 * TLS, SASL) are passed through. With {@link ClockMode#SIMULATED} it sends as fast as possible or at {@code rate}
 * records/s; with {@link ClockMode#LIVE} it sends each record when its event time comes and stamps
 * {@code event_time} with the wall clock at send.
 *
 * <pre>{@code
 * try (KafkaEventWriter writer = KafkaEventWriter.builder()
 *         .bootstrapServers("127.0.0.1:9092").registryUrl("http://127.0.0.1:8081/apis/ccompat/v7").build()) {
 *     writer.write(generator);
 * }
 * }</pre>
 */
public final class KafkaEventWriter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaEventWriter.class);

    /**
     * What one {@link #write} sent, per actual topic name.
     *
     * @param complete false when {@link #stop()} ended the write before the records ran out
     */
    public record Summary(long records, Map<String, Long> recordsPerTopic, Duration elapsed, boolean complete) {
        public double recordsPerSecond() {
            return records * 1000.0 / Math.max(1, elapsed.toMillis());
        }
    }

    private final KafkaProducer<String, byte[]> producer;
    private final ValueEncoder encoder;
    private final TopicNames topicNames;
    private final ClockMode clock;
    private final double rate;
    private final PrintStream progressOut;
    private final Duration progressInterval;
    private volatile boolean stopRequested;

    private KafkaEventWriter(Builder b) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, b.bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "10");
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        props.putAll(b.kafkaProperties);
        // Whatever the extras say, keys are strings and values bytes: that is the contract of every topic.
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        this.topicNames = b.topicNames;
        this.encoder = b.encoder != null
                ? b.encoder
                : new RegistryValueEncoder(new RegistrySerdes(b.registryUrl, b.registryProperties), topicNames);
        this.clock = b.clock;
        this.rate = b.rate;
        this.progressOut = b.progressOut;
        this.progressInterval = b.progressInterval;
        this.producer = new KafkaProducer<>(props);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Sends every remaining record, then flushes. Throws if any send failed (the first failure is the cause);
     * records are never silently dropped.
     */
    public Summary write(Iterator<GeneratedRecord> records) {
        Progress progress = new Progress(progressOut, progressInterval);
        RateLimiter limiter = clock == ClockMode.SIMULATED && rate > 0 ? RateLimiter.create(rate) : null;
        AtomicReference<Exception> failure = new AtomicReference<>();
        long firstEventTime = Long.MIN_VALUE;
        long wallAtFirst = 0;
        while (!stopRequested && records.hasNext() && failure.get() == null) {
            GeneratedRecord record = records.next();
            if (limiter != null) {
                limiter.acquire();
            }
            if (clock == ClockMode.LIVE) {
                if (firstEventTime == Long.MIN_VALUE) {
                    firstEventTime = record.eventTime();
                    wallAtFirst = System.currentTimeMillis();
                }
                if (!waitUntil(wallAtFirst + (record.eventTime() - firstEventTime))) {
                    break;
                }
                stampWallClock(record);
            }
            String topic = topicNames.actual(record.topic());
            producer.send(new ProducerRecord<>(topic, record.key(), record.valueBytes(encoder)), (metadata, e) -> {
                if (e != null) {
                    failure.compareAndSet(null, e);
                }
            });
            progress.sent(topic);
        }
        producer.flush();
        if (failure.get() != null) {
            throw new IllegalStateException("sending to Kafka failed after " + progress.total() + " records: "
                    + failure.get().getMessage(), failure.get());
        }
        progress.finish();
        return new Summary(progress.total(), progress.perTopic(), progress.elapsed(), !stopRequested);
    }

    /**
     * Asks a running {@link #write} to stop before its next record (e.g. from a shutdown hook on SIGTERM); it still
     * flushes what it has sent and returns a summary with {@code complete = false}.
     */
    public void stop() {
        stopRequested = true;
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(30));
    }

    /** Sleeps until the wall clock reaches {@code wallMillis}; false when stopped meanwhile. */
    private boolean waitUntil(long wallMillis) {
        for (long delay = wallMillis - System.currentTimeMillis(); delay > 0 && !stopRequested;
                delay = wallMillis - System.currentTimeMillis()) {
            try {
                // In slices, so that a stop is noticed while a LIVE run waits minutes for its next record.
                Thread.sleep(Math.min(delay, 200));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while pacing records", e);
            }
        }
        return !stopRequested;
    }

    /**
     * LIVE: event_time becomes the wall clock at send, keeping how far the value lies from its stream position
     * (so future-timestamp bad records stay in the future).
     */
    private static void stampWallClock(GeneratedRecord record) {
        SpecificRecord value = record.value();
        if (value == null) {
            return;
        }
        Schema.Field field = value.getSchema().getField("event_time");
        long valueTime = ((Instant) value.get(field.pos())).toEpochMilli();
        long offset = valueTime - record.eventTime();
        value.put(field.pos(), Instant.ofEpochMilli(System.currentTimeMillis() + offset));
    }

    public static final class Builder {
        private String bootstrapServers;
        private String registryUrl;
        private final Map<String, String> registryProperties = new HashMap<>();
        private final Map<String, String> kafkaProperties = new HashMap<>();
        private TopicNames topicNames = TopicNames.catalogue();
        private ValueEncoder encoder;
        private ClockMode clock = ClockMode.SIMULATED;
        private double rate;
        private PrintStream progressOut;
        private Duration progressInterval = Duration.ofSeconds(5);

        private Builder() {}

        public Builder bootstrapServers(String bootstrapServers) {
            if (bootstrapServers == null || bootstrapServers.isBlank()) {
                throw new IllegalArgumentException("bootstrap-servers: expected host:port[,host:port...], got '"
                        + bootstrapServers + "'");
            }
            this.bootstrapServers = bootstrapServers;
            return this;
        }

        /** The registry's Confluent-compatible base URL. */
        public Builder registryUrl(String registryUrl) {
            if (registryUrl == null || !(registryUrl.startsWith("http://") || registryUrl.startsWith("https://"))) {
                throw new IllegalArgumentException("registry-url: expected an http(s):// URL such as "
                        + "http://127.0.0.1:8081/apis/ccompat/v7, got '" + registryUrl + "'");
            }
            this.registryUrl = registryUrl;
            return this;
        }

        /** Registry client settings, e.g. {@code basic.auth.credentials.source}, {@code basic.auth.user.info}. */
        public Builder registryProperties(Map<String, String> properties) {
            registryProperties.putAll(Objects.requireNonNull(properties, "registry properties"));
            return this;
        }

        /** Extra Kafka producer properties, e.g. {@code security.protocol}, {@code sasl.jaas.config}. */
        public Builder kafkaProperties(Map<String, String> properties) {
            kafkaProperties.putAll(Objects.requireNonNull(properties, "kafka properties"));
            return this;
        }

        public Builder topicNames(TopicNames topicNames) {
            this.topicNames = Objects.requireNonNull(topicNames, "topicNames");
            return this;
        }

        /** Replaces the registry encoding (e.g. with a pre-configured {@link RegistryValueEncoder}). */
        public Builder encoder(ValueEncoder encoder) {
            this.encoder = Objects.requireNonNull(encoder, "encoder");
            return this;
        }

        /** Must match the generator's clock: LIVE paces by event time and stamps the wall clock. */
        public Builder clock(ClockMode clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Records per second for a SIMULATED clock; 0 (the default) = as fast as possible. */
        public Builder rate(double recordsPerSecond) {
            if (!(recordsPerSecond >= 0) || Double.isInfinite(recordsPerSecond)) {
                throw new IllegalArgumentException("rate: expected records per second >= 0 (0 = as fast as "
                        + "possible), got " + recordsPerSecond);
            }
            this.rate = recordsPerSecond;
            return this;
        }

        /** Prints a progress line to {@code out} every {@code interval}, and a summary at the end. */
        public Builder progress(PrintStream out, Duration interval) {
            if (interval == null || interval.isNegative() || interval.isZero()) {
                throw new IllegalArgumentException("progress-interval: expected a positive duration, got " + interval);
            }
            this.progressOut = Objects.requireNonNull(out, "out");
            this.progressInterval = interval;
            return this;
        }

        public KafkaEventWriter build() {
            if (bootstrapServers == null) {
                throw new IllegalArgumentException("bootstrap-servers: expected host:port[,host:port...], got nothing");
            }
            if (encoder == null && registryUrl == null) {
                throw new IllegalArgumentException("registry-url: expected the registry's Confluent-compatible URL, "
                        + "got nothing");
            }
            LOG.debug("Kafka writer for {} ({} clock, rate {})", bootstrapServers, clock, rate);
            return new KafkaEventWriter(this);
        }
    }
}
