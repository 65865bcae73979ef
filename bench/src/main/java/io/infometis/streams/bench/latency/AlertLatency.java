package io.infometis.streams.bench.latency;

import io.infometis.streams.bench.jobs.BenchJob;
import io.infometis.streams.bench.jobs.FraudRules;
import io.infometis.streams.bench.jobs.MiniClusterJob;
import io.infometis.streams.bench.latency.LatencyProbes.Observation;
import io.infometis.streams.bench.load.FreshTopics;
import io.infometis.streams.events.Alert;
import io.infometis.streams.events.Order;
import io.infometis.streams.events.Payment;
import io.infometis.streams.events.Topics;
import io.infometis.streams.events.UserEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * End-to-end latency of the fraud job at a given input rate, on fresh topics (its own payments, user-events,
 * orders, rules with the 10 benchmark rules, alerts): generator traffic at the rate; {@code alerts} read per
 * isolation level (latency: seen minus the send time of the latest of the alert's matched events, the one that
 * completed the detection); and each alert's document searched for in {@code alerts-*} every 100 ms.
 */
public final class AlertLatency {

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
        topics.forEach((catalogue, actual) -> args.put("topic." + catalogue, actual));

        Map<String, Long> sent = new ConcurrentHashMap<>();
        Map<String, List<String>> matched = new ConcurrentHashMap<>();
        List<Observation> uncommitted = Collections.synchronizedList(new ArrayList<>());
        List<Observation> committed = Collections.synchronizedList(new ArrayList<>());
        Map<String, Boolean> notYetSearchable = new ConcurrentHashMap<>();
        Map<String, Long> foundAt = new ConcurrentHashMap<>();
        AtomicBoolean stop = new AtomicBoolean();
        String alerts = topics.get(Topics.ALERTS.name());

        try (MiniClusterJob job = MiniClusterJob.start("fraud-latency-" + tag, 1, BenchJob.FRAUD.launcher(args))) {
            LiveTraffic.awaitSources(job, topics, BenchJob.FRAUD.inputs());
            List<Thread> probes = List.of(
                    LatencyProbes.<Alert>reader(bootstrapServers, registryUrl, alerts, Topics.ALERTS.partitions(),
                            Alert.getClassSchema(), "read_uncommitted", stop, (alert, created, now) -> {
                                List<String> ids = List.copyOf(alert.getMatchedEventIds());
                                uncommitted.add(new Observation(ids, now));
                                matched.put(alert.getAlertId(), ids);
                                notYetSearchable.put(alert.getAlertId(), Boolean.TRUE);
                            }),
                    LatencyProbes.<Alert>reader(bootstrapServers, registryUrl, alerts, Topics.ALERTS.partitions(),
                            Alert.getClassSchema(), "read_committed", stop, (alert, created, now) ->
                                    committed.add(new Observation(List.copyOf(alert.getMatchedEventIds()), now))),
                    LatencyProbes.<Payment>reader(bootstrapServers, registryUrl, topics.get(Topics.PAYMENTS.name()),
                            Topics.PAYMENTS.partitions(), Payment.getClassSchema(), "read_uncommitted", stop,
                            (p, created, now) -> sent.put(p.getEventId(), created)),
                    LatencyProbes.<UserEvent>reader(bootstrapServers, registryUrl,
                            topics.get(Topics.USER_EVENTS.name()), Topics.USER_EVENTS.partitions(),
                            UserEvent.getClassSchema(), "read_uncommitted", stop,
                            (e, created, now) -> sent.put(e.getEventId(), created)),
                    LatencyProbes.<Order>reader(bootstrapServers, registryUrl, topics.get(Topics.ORDERS.name()),
                            Topics.ORDERS.partitions(), Order.getClassSchema(), "read_uncommitted", stop,
                            (o, created, now) -> sent.put(o.getEventId(), created)),
                    LatencyProbes.searcher(elasticsearchUrl, "alerts-*", stop, notYetSearchable, foundAt));
            probes.forEach(Thread::start);

            LiveTraffic.Sent traffic = LiveTraffic.send(bootstrapServers, registryUrl, topics, recordsPerSecond,
                    recordsPerBackgroundEvent, duration, BenchJob.FRAUD.inputs());
            Thread.sleep(drain.toMillis());
            stop.set(true);
            for (Thread t : probes) {
                t.join(10_000);
            }
            if (!job.isRunning()) {
                throw new IllegalStateException("the fraud job stopped during the latency run", job.failure());
            }
            List<Observation> searches = new ArrayList<>();
            foundAt.forEach((alertId, at) -> searches.add(new Observation(matched.get(alertId), at)));
            return new LatencyResult(BenchJob.FRAUD.name(), share, traffic.recordsPerSecond(),
                    Percentiles.of(LatencyProbes.latencies(uncommitted, sent)),
                    Percentiles.of(LatencyProbes.latencies(committed, sent)),
                    Percentiles.of(LatencyProbes.latencies(searches, sent)));
        }
    }
}
