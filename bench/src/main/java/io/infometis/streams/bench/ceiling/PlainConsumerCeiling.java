package io.infometis.streams.bench.ceiling;

import io.infometis.streams.bench.measure.CpuSample;
import io.infometis.streams.bench.measure.Throughput;
import io.infometis.streams.events.Payment;
import io.infometis.streams.events.TopicSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Ceiling 1: plain Kafka consumers (one thread each, the topic's partitions split between them by assignment,
 * as Flink's source splits them) reading the payments backlog and decoding every record to a {@link Payment},
 * no Flink. Assigned, not subscribed: a group rebalance mid-run would re-deliver records and inflate the count. Measured from the first record any consumer sees to the
 * last record of the backlog, so group join and the first fetch are not part of the figure.
 */
public final class PlainConsumerCeiling {

    private final String bootstrapServers;
    private final String registryUrl;
    private final Map<String, Long> pids;

    public PlainConsumerCeiling(String bootstrapServers, String registryUrl, Map<String, Long> pids) {
        this.bootstrapServers = bootstrapServers;
        this.registryUrl = registryUrl;
        this.pids = pids;
    }

    public Throughput measure(TopicSpec topic, long backlog, int threads, Duration timeout) throws Exception {
        AtomicLong decoded = new AtomicLong();
        AtomicReference<CpuSample> first = new AtomicReference<>();
        AtomicReference<CpuSample> last = new AtomicReference<>();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Future<Long>> checksums = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            List<TopicPartition> mine = new ArrayList<>();
            for (int p = t; p < topic.partitions(); p += threads) {
                mine.add(new TopicPartition(topic.name(), p));
            }
            checksums.add(pool.submit(() -> consume(mine, backlog, decoded, first, last, deadline)));
        }
        long checksum = 0;
        try {
            for (Future<Long> f : checksums) {
                checksum += f.get(timeout.toMillis() + 10_000, TimeUnit.MILLISECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        if (last.get() == null) {
            throw new IllegalStateException("plain consumer read " + decoded.get() + " of " + backlog
                    + " events before the timeout of " + timeout);
        }
        if (checksum == 0) {
            throw new IllegalStateException("decoded amounts sum to 0: nothing was decoded");
        }
        return Throughput.between("Plain Kafka consumer + Avro decode (no Flink)", threads, backlog - 1,
                first.get(), last.get(), "bench");
    }

    private long consume(List<TopicPartition> partitions, long backlog, AtomicLong decoded,
                         AtomicReference<CpuSample> first, AtomicReference<CpuSample> last, long deadline)
            throws Exception {
        PlainAvroDecoder<Payment> decoder = new PlainAvroDecoder<>(registryUrl, Payment.getClassSchema());
        long checksum = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(properties())) {
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (last.get() == null && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    // The sum keeps the JIT from discarding the decode.
                    checksum += decoder.decode(record.value()).getAmount();
                    long n = decoded.incrementAndGet();
                    if (n == 1) {
                        first.set(CpuSample.take(pids));
                    } else if (n == backlog) {
                        last.set(CpuSample.take(pids));
                    }
                }
            }
        }
        return checksum;
    }

    private Properties properties() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return p;
    }
}
