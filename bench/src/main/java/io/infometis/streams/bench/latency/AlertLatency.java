package io.infometis.streams.bench.latency;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.infometis.streams.bench.ceiling.PlainAvroDecoder;
import io.infometis.streams.bench.jobs.BenchJob;
import io.infometis.streams.bench.jobs.FraudRules;
import io.infometis.streams.bench.jobs.MiniClusterJob;
import io.infometis.streams.bench.load.FreshTopics;
import io.infometis.streams.bench.measure.SourceProgress;
import io.infometis.streams.events.Alert;
import io.infometis.streams.events.TopicSpec;
import io.infometis.streams.events.Topics;
import io.infometis.streams.generator.BadRecordKind;
import io.infometis.streams.generator.ClockMode;
import io.infometis.streams.generator.Generator;
import io.infometis.streams.generator.GeneratorSettings;
import io.infometis.streams.generator.kafka.KafkaEventWriter;
import io.infometis.streams.generator.kafka.TopicNames;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.http.HttpHost;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.RestClient;

/**
 * End-to-end latency of the fraud job at a given input rate. The job runs on a MiniCluster over fresh topics
 * (its own payments, user-events, orders, rules with 10 rules, alerts); the generator sends LIVE traffic at the
 * rate, stamping each event's {@code event_time} with the wall clock as it sends it; one consumer per isolation
 * level reads the alerts and takes {@code now - last_event_time} (the event that completed the detection), and a
 * poller searches Elasticsearch for each alert's document every {@value #SEARCH_POLL_MILLIS} ms. Everything runs
 * on this machine's one clock.
 */
public final class AlertLatency {

    private static final long SEARCH_POLL_MILLIS = 100;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<TopicSpec> INPUTS = List.of(Topics.PAYMENTS, Topics.USER_EVENTS, Topics.ORDERS);

    private final String bootstrapServers;
    private final String registryUrl;
    private final String elasticsearchUrl;

    public AlertLatency(String bootstrapServers, String registryUrl, String elasticsearchUrl) {
        this.bootstrapServers = bootstrapServers;
        this.registryUrl = registryUrl;
        this.elasticsearchUrl = elasticsearchUrl;
    }

    /**
     * @param backgroundEventsPerSecond the generator's event rate
     * @param recordsPerBackgroundEvent input records (payments, user events, orders) per background event
     * @param drain                     how long to keep reading after the last event (at least a checkpoint)
     */
    public LatencyResult measure(String tag, double share, double backgroundEventsPerSecond,
                                 double recordsPerBackgroundEvent, Duration duration, Duration drain) throws Exception {
        String prefix = "lat-" + tag + "-";
        Map<String, String> topics = FreshTopics.create(bootstrapServers, prefix, List.of(Topics.PAYMENTS,
                Topics.USER_EVENTS, Topics.ORDERS, Topics.ALERT_RULES, Topics.ALERTS, Topics.DLQ));
        new FraudRules(bootstrapServers, topics.get(Topics.ALERT_RULES.name())).growTo(10);

        Map<String, String> args = new LinkedHashMap<>();
        args.put("kafka.bootstrap.servers", bootstrapServers);
        args.put("schema.registry.url", registryUrl);
        args.put("elasticsearch.hosts", elasticsearchUrl);
        args.put("kafka.starting-offsets", "earliest");
        args.put("kafka.group.id", prefix + "fraud");
        args.put("kafka.transactional-id-prefix", prefix + "fraud");
        topics.forEach((catalogue, actual) -> args.put("topic." + catalogue, actual));

        List<Long> uncommitted = Collections.synchronizedList(new ArrayList<>());
        List<Long> committed = Collections.synchronizedList(new ArrayList<>());
        List<Long> searchable = Collections.synchronizedList(new ArrayList<>());
        Map<String, Long> notYetSearchable = new ConcurrentHashMap<>();
        AtomicBoolean stop = new AtomicBoolean();
        String alerts = topics.get(Topics.ALERTS.name());

        try (MiniClusterJob job = MiniClusterJob.start("fraud-latency-" + tag, 1,
                BenchJob.FRAUD.launcher(args))) {
            awaitSources(job, topics);
            List<Thread> readers = List.of(
                    reader(alerts, "read_uncommitted", stop, (id, last, now) -> {
                        uncommitted.add(now - last);
                        notYetSearchable.put(id, last);
                    }),
                    reader(alerts, "read_committed", stop, (id, last, now) -> committed.add(now - last)),
                    searcher(stop, notYetSearchable, searchable));
            readers.forEach(Thread::start);

            GeneratorSettings.Builder settings = GeneratorSettings.builder().seed(7).clock(ClockMode.LIVE)
                    .eventRate(backgroundEventsPerSecond).duration(duration).tail(Duration.ZERO);
            for (BadRecordKind kind : BadRecordKind.values()) {
                settings.every(kind, 0);
            }
            long begin = System.nanoTime();
            long sent;
            try (KafkaEventWriter writer = KafkaEventWriter.builder().bootstrapServers(bootstrapServers)
                    .registryUrl(registryUrl).clock(ClockMode.LIVE).topicNames(TopicNames.of(topics)).build()) {
                KafkaEventWriter.Summary summary = writer.write(Generator.create(settings.build()));
                sent = INPUTS.stream().mapToLong(t -> summary.recordsPerTopic().getOrDefault(
                        topics.get(t.name()), 0L)).sum();
            }
            double seconds = (System.nanoTime() - begin) / 1e9;
            Thread.sleep(drain.toMillis());
            stop.set(true);
            for (Thread t : readers) {
                t.join(10_000);
            }
            if (!job.isRunning()) {
                throw new IllegalStateException("the fraud job stopped during the latency run", job.failure());
            }
            return new LatencyResult(share, sent / seconds, Percentiles.of(uncommitted), Percentiles.of(committed),
                    Percentiles.of(searchable));
        }
    }

    /** Waits until the job's readers hold every partition of its event topics: from then on it is live. */
    private static void awaitSources(MiniClusterJob job, Map<String, String> topics) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline) {
            boolean all = INPUTS.stream().allMatch(t -> SourceProgress.partitions(topics.get(t.name())) >= t.partitions());
            if (all) {
                return;
            }
            if (!job.isRunning()) {
                throw new IllegalStateException("the fraud job failed to start", job.failure());
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the fraud job's sources did not start within 2 minutes");
    }

    @FunctionalInterface
    private interface AlertSeen {
        void seen(String alertId, long lastEventTime, long nowMillis);
    }

    private Thread reader(String topic, String isolation, AtomicBoolean stop, AlertSeen seen) {
        Thread t = new Thread(() -> {
            PlainAvroDecoder<Alert> decoder = new PlainAvroDecoder<>(registryUrl, Alert.getClassSchema());
            Properties p = new Properties();
            p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
            p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation);
            p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
            p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
            try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p)) {
                List<TopicPartition> partitions = new ArrayList<>();
                for (int i = 0; i < Topics.ALERTS.partitions(); i++) {
                    partitions.add(new TopicPartition(topic, i));
                }
                consumer.assign(partitions);
                consumer.seekToBeginning(partitions);
                while (!stop.get()) {
                    for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(20))) {
                        long now = System.currentTimeMillis();
                        Alert alert = decoder.decode(r.value());
                        seen.seen(alert.getAlertId(), alert.getLastEventTime().toEpochMilli(), now);
                    }
                }
            } catch (Exception e) {
                System.err.println("bench: alert reader (" + isolation + ") failed: " + e);
            }
        }, "bench-alerts-" + isolation);
        t.setDaemon(true);
        return t;
    }

    /** Searches alerts-* for the documents of alerts read from Kafka until each one is found. */
    private Thread searcher(AtomicBoolean stop, Map<String, Long> pending, List<Long> searchable) {
        Thread t = new Thread(() -> {
            try (RestClient client = RestClient.builder(HttpHost.create(elasticsearchUrl)).build()) {
                while (!stop.get()) {
                    List<String> ids = new ArrayList<>(pending.keySet());
                    if (!ids.isEmpty()) {
                        Request search = new Request("POST", "/alerts-*/_search");
                        search.addParameter("filter_path", "hits.hits._id");
                        search.setJsonEntity(JSON.writeValueAsString(Map.of("size", ids.size(), "_source", false,
                                "query", Map.of("ids", Map.of("values", ids)))));
                        Response response = client.performRequest(search);
                        long now = System.currentTimeMillis();
                        JsonNode hits = JSON.readTree(response.getEntity().getContent()).path("hits").path("hits");
                        for (JsonNode hit : hits) {
                            Long last = pending.remove(hit.get("_id").asText());
                            if (last != null) {
                                searchable.add(now - last);
                            }
                        }
                    }
                    Thread.sleep(SEARCH_POLL_MILLIS);
                }
            } catch (Exception e) {
                System.err.println("bench: alert search failed: " + e);
            }
        }, "bench-alerts-search");
        t.setDaemon(true);
        return t;
    }
}
