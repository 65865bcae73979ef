package io.infometis.streams.bench.latency;

import io.infometis.streams.bench.jobs.BenchJob;
import io.infometis.streams.bench.jobs.FraudRules;
import io.infometis.streams.bench.jobs.MiniClusterJob;
import io.infometis.streams.bench.load.FreshTopics;
import io.infometis.streams.events.Alert;
import io.infometis.streams.events.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * End-to-end latency of the fraud job at a given input rate, on fresh topics (its own payments, user-events,
 * orders, rules with the 10 benchmark rules, alerts, dlq), with the {@link FraudLatencySettings}: generator traffic
 * at the rate, event time = send time ({@link LiveTraffic}); {@code alerts} read per isolation level; each alert's
 * document searched for in {@code alerts-*} every {@value LatencyProbes#SEARCH_POLL_MILLIS} ms. An alert's latency
 * is from its {@code last_event_time} (the event that completed the pattern, stamped when it was sent) to when it
 * was seen. Only the patterns completed by an event are timed ({@link FraudLatencySettings#TIMED_PATTERNS}).
 */
public final class AlertLatency {

    /** Longest a run waits after its drain for the alerts seen as processed to be committed and searchable. */
    static final Duration MAX_EXTRA_DRAIN = Duration.ofSeconds(30);

    private final String bootstrapServers;
    private final String registryUrl;
    private final String elasticsearchUrl;

    public AlertLatency(String bootstrapServers, String registryUrl, String elasticsearchUrl) {
        this.bootstrapServers = bootstrapServers;
        this.registryUrl = registryUrl;
        this.elasticsearchUrl = elasticsearchUrl;
    }

    public LatencyResult measure(String tag, double share, double recordsPerSecond, double recordsPerBackgroundEvent,
                                 Duration duration, Duration drain) throws Exception {
        String prefix = "lat-fraud-" + tag + "-";
        Map<String, String> topics = FreshTopics.create(bootstrapServers, prefix, List.of(Topics.PAYMENTS,
                Topics.USER_EVENTS, Topics.ORDERS, Topics.CUSTOMERS, Topics.ALERT_RULES, Topics.ALERTS, Topics.DLQ));
        new FraudRules(bootstrapServers, topics.get(Topics.ALERT_RULES.name())).growTo(10);
        Map<String, String> args = new LinkedHashMap<>();
        args.put("kafka.bootstrap.servers", bootstrapServers);
        args.put("schema.registry.url", registryUrl);
        args.put("elasticsearch.hosts", elasticsearchUrl);
        args.put("kafka.starting-offsets", "earliest");
        args.put("kafka.group.id", prefix + "fraud");
        args.put("kafka.transactional-id-prefix", prefix + "fraud");
        args.putAll(FraudLatencySettings.JOB_ARGUMENTS);
        topics.forEach((catalogue, actual) -> args.put("topic." + catalogue, actual));

        // By alert id, first sighting only: a retried transaction's copy must not count twice.
        Map<String, Long> uncommitted = new ConcurrentHashMap<>();
        Map<String, Long> committed = new ConcurrentHashMap<>();
        Map<String, Long> completedAt = new ConcurrentHashMap<>();
        Map<String, Boolean> notYetSearchable = new ConcurrentHashMap<>();
        Map<String, Long> foundAt = new ConcurrentHashMap<>();
        AtomicLong untimed = new AtomicLong();
        AtomicBoolean stop = new AtomicBoolean();
        String alerts = topics.get(Topics.ALERTS.name());

        try (MiniClusterJob job = MiniClusterJob.start("fraud-latency-" + tag, 1, BenchJob.FRAUD.launcher(args),
                FraudLatencySettings.flinkConfiguration())) {
            LiveTraffic.awaitSources(job, topics, BenchJob.FRAUD.inputs());
            List<Thread> probes = List.of(
                    LatencyProbes.<Alert>reader(bootstrapServers, registryUrl, alerts, Topics.ALERTS.partitions(),
                            Alert.getClassSchema(), "read_uncommitted", stop, (alert, created, now) -> {
                                if (!timed(alert)) {
                                    untimed.incrementAndGet();
                                    return;
                                }
                                long completed = alert.getLastEventTime().toEpochMilli();
                                if (uncommitted.putIfAbsent(alert.getAlertId(), now - completed) == null) {
                                    completedAt.put(alert.getAlertId(), completed);
                                    notYetSearchable.put(alert.getAlertId(), Boolean.TRUE);
                                }
                            }),
                    LatencyProbes.<Alert>reader(bootstrapServers, registryUrl, alerts, Topics.ALERTS.partitions(),
                            Alert.getClassSchema(), "read_committed", stop, (alert, created, now) -> {
                                if (timed(alert)) {
                                    committed.putIfAbsent(alert.getAlertId(),
                                            now - alert.getLastEventTime().toEpochMilli());
                                }
                            }),
                    LatencyProbes.searcher(elasticsearchUrl, "alerts-*", stop, notYetSearchable, foundAt));
            probes.forEach(Thread::start);

            LiveTraffic.Sent traffic = LiveTraffic.send(bootstrapServers, registryUrl, topics, recordsPerSecond,
                    recordsPerBackgroundEvent, duration, BenchJob.FRAUD.inputs());
            Thread.sleep(drain.toMillis());
            // Then until every alert seen as processed is also committed and searchable (bounded): otherwise the
            // slowest alerts would be missing from the committed and searchable figures, flattering them.
            long deadline = System.nanoTime() + MAX_EXTRA_DRAIN.toNanos();
            while (System.nanoTime() < deadline && job.isRunning()
                    && !(committed.keySet().containsAll(uncommitted.keySet()) && notYetSearchable.isEmpty())) {
                Thread.sleep(100);
            }
            stop.set(true);
            for (Thread t : probes) {
                t.join(10_000);
            }
            if (!job.isRunning()) {
                throw new IllegalStateException("the fraud job stopped during the latency run", job.failure());
            }
            List<String> failovers = job.failovers();
            if (!failovers.isEmpty()) {
                // A restart replays from the last checkpoint: its latencies would be the replay's, not the job's.
                throw new IllegalStateException("the fraud job failed over " + failovers.size() + " time(s) during "
                        + "the latency run, its latencies are not valid; latest: " + failovers.get(0));
            }
            List<Long> searchable = new ArrayList<>();
            foundAt.forEach((alertId, at) -> searchable.add(at - completedAt.get(alertId)));
            long late = LatencyProbes.countDeadLetters(bootstrapServers, topics.get(Topics.DLQ.name()),
                    Topics.DLQ.partitions(), LatencyProbes.LATE_EVENT);
            return new LatencyResult(BenchJob.FRAUD.name(), share, traffic.recordsPerSecond(),
                    Percentiles.of(uncommitted.values()), Percentiles.of(committed.values()),
                    Percentiles.of(searchable),
                    untimed.get(), late);
        }
    }

    private static boolean timed(Alert alert) {
        return FraudLatencySettings.TIMED_PATTERNS.contains(alert.getRuleId());
    }
}
