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
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
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

    /** Default of how long the start-up check waits for the broker and the topics. */
    public static final Duration DEFAULT_STARTUP_CHECK_TIMEOUT = Duration.ofSeconds(15);

    private final KafkaProducer<String, byte[]> producer;
    private final Properties adminProperties;
    private final String bootstrapServers;
    private final Duration startupCheckTimeout;
    private final ValueEncoder encoder;
    private final TopicNames topicNames;
    private final ClockMode clock;
    private final double rate;
    private final PrintStream progressOut;
    private final Duration progressInterval;
    private volatile boolean stopRequested;

    private KafkaEventWriter(Builder b) {
        this.bootstrapServers = b.bootstrapServers;
        this.startupCheckTimeout = b.startupCheckTimeout;
        this.adminProperties = new Properties();
        String checkTimeoutMs = String.valueOf(b.startupCheckTimeout.toMillis());
        adminProperties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, checkTimeoutMs);
        adminProperties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, checkTimeoutMs);
        adminProperties.putAll(b.kafkaProperties);
        adminProperties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, b.bootstrapServers);
        Properties props = new Properties();
        props.put(ProducerConfig.LINGER_MS_CONFIG, "10");
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        props.putAll(b.kafkaProperties);
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, b.bootstrapServers);
        // Whatever the extras say: nothing acknowledged may be lost or duplicated (the ground truth counts every
        // record), keys are strings and values bytes (the contract of every topic).
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
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
     * Checks that the broker answers and that the four generated topics exist (under their actual names), then
     * sends every remaining record and flushes. Throws if any send failed (the first failure is the cause);
     * records are never silently dropped.
     */
    public Summary write(Iterator<GeneratedRecord> records) {
        checkTopicsExist();
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
                // The first record's send time is the pacing origin, so stamps keep the planned spacing exactly.
                long sendTime;
                if (firstEventTime == Long.MIN_VALUE) {
                    firstEventTime = record.eventTime();
                    wallAtFirst = System.currentTimeMillis();
                    sendTime = wallAtFirst;
                } else if (waitUntil(wallAtFirst + (record.eventTime() - firstEventTime))) {
                    sendTime = System.currentTimeMillis();
                } else {
                    break;
                }
                stampWallClock(record, sendTime);
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
     * Fails fast, with a message saying what to fix, when the broker does not answer or a topic the generator
     * writes is missing (topic auto-creation is off on the platform); otherwise the producer would block for
     * {@code max.block.ms} and fail with a bare timeout.
     */
    private void checkTopicsExist() {
        Set<String> wanted = new TreeSet<>();
        TopicNames.generatedTopics().forEach(t -> wanted.add(topicNames.actual(t)));
        long deadline = System.nanoTime() + startupCheckTimeout.toNanos();
        try (Admin admin = Admin.create(adminProperties)) {
            while (true) {
                Set<String> missing = new TreeSet<>(wanted);
                missing.removeAll(admin.listTopics().names().get());
                if (missing.isEmpty()) {
                    return;
                }
                // A topic created a moment ago may not be in every broker's metadata yet: look again for a while.
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("topics missing on " + bootstrapServers + ": "
                            + String.join(", ", missing) + " (topic auto-creation is off: create them, or write to "
                            + "others with --topic NAME=ACTUAL)");
                }
                Thread.sleep(250);
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof org.apache.kafka.common.errors.TimeoutException) {
                throw new IllegalStateException("Kafka at " + bootstrapServers + " did not answer in time: check "
                        + "--bootstrap-servers and the security settings (--kafka-property)", e.getCause());
            }
            throw new IllegalStateException("Kafka at " + bootstrapServers + " refused to list topics: "
                    + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while checking the topics", e);
        }
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
    private static void stampWallClock(GeneratedRecord record, long sendTime) {
        SpecificRecord value = record.value();
        if (value == null) {
            return;
        }
        Schema.Field field = value.getSchema().getField("event_time");
        long valueTime = ((Instant) value.get(field.pos())).toEpochMilli();
        long offset = valueTime - record.eventTime();
        value.put(field.pos(), Instant.ofEpochMilli(sendTime + offset));
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
        private Duration startupCheckTimeout = DEFAULT_STARTUP_CHECK_TIMEOUT;

        private Builder() {}

        /** How long {@link #write} waits for the broker to answer and the topics to exist before it fails. */
        public Builder startupCheckTimeout(Duration timeout) {
            if (timeout == null || timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("startup-check-timeout: expected a positive duration, got "
                        + timeout);
            }
            this.startupCheckTimeout = timeout;
            return this;
        }

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
