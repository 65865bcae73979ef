package io.infometis.streams.bench.latency;

import io.infometis.streams.bench.jobs.BenchJob;
import io.infometis.streams.bench.jobs.MiniClusterJob;
import io.infometis.streams.bench.latency.LatencyProbes.Observation;
import io.infometis.streams.bench.load.FreshTopics;
import io.infometis.streams.events.EnrichedOrder;
import io.infometis.streams.events.Order;
import io.infometis.streams.events.OrderStatus;
import io.infometis.streams.events.Payment;
import io.infometis.streams.events.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * End-to-end latency of the order-enrichment job at a given input rate, on fresh topics and its own index:
 * generator traffic sent at the rate; {@code orders-enriched} read per isolation level (latency: seen minus the
 * send time of the order or payment event it folded in last); and for a sample of new orders (one in
 * {@code sampleEvery}, by order id) the time until a search finds the order's document. The job runs on the state
 * backend given ({@link JobStateBackend}: its deployed one, or the other with that backend's managed memory), and
 * the run fails when the job reports another one.
 */
public final class EnrichmentLatency {

    private final String bootstrapServers;
    private final String registryUrl;
    private final String elasticsearchUrl;

    public EnrichmentLatency(String bootstrapServers, String registryUrl, String elasticsearchUrl) {
        this.bootstrapServers = bootstrapServers;
        this.registryUrl = registryUrl;
        this.elasticsearchUrl = elasticsearchUrl;
    }

    /**
     * @param backend          the state backend the job runs on
     * @param tag              names the run's topics, index and ids (fresh per run)
     * @param share            what {@code recordsPerSecond} is as a share of the maximum, for the report
     * @param recordsPerSecond the rate the generator is held to (all input topics)
     */
    public LatencyResult measure(JobStateBackend backend, String tag, double share, double recordsPerSecond,
                                 double recordsPerBackgroundEvent, Duration duration, Duration drain) throws Exception {
        Objects.requireNonNull(backend, "backend");
        String prefix = "lat-enrich-" + tag + "-";
        Map<String, String> topics = FreshTopics.create(bootstrapServers, prefix, List.of(Topics.ORDERS,
                Topics.PAYMENTS, Topics.CUSTOMERS, Topics.USER_EVENTS, Topics.ORDERS_ENRICHED, Topics.DLQ));
        String index = prefix + "orders";
        Map<String, String> args = new LinkedHashMap<>();
        args.put("kafka.bootstrap.servers", bootstrapServers);
        args.put("schema.registry.url", registryUrl);
        args.put("elasticsearch.hosts", elasticsearchUrl);
        args.put("kafka.starting-offsets", "earliest");
        args.put("kafka.group.id", prefix + "enrichment");
        args.put("kafka.transactional-id-prefix", prefix + "enrichment");
        args.put("enrichment.index", index);
        topics.forEach((catalogue, actual) -> args.put("topic." + catalogue, actual));

        Map<String, Long> sent = new ConcurrentHashMap<>();
        Map<String, String> sampledOrders = new ConcurrentHashMap<>();
        List<Observation> uncommitted = Collections.synchronizedList(new ArrayList<>());
        List<Observation> committed = Collections.synchronizedList(new ArrayList<>());
        Map<String, Boolean> notYetSearchable = new ConcurrentHashMap<>();
        Map<String, Long> foundAt = new ConcurrentHashMap<>();
        AtomicBoolean stop = new AtomicBoolean();
        // About 100 sampled orders per second whatever the rate: the search stays cheap next to the job.
        int sampleEvery = (int) Math.max(1, recordsPerSecond / 200);
        String enriched = topics.get(Topics.ORDERS_ENRICHED.name());

        try (MiniClusterJob job = MiniClusterJob.start("enrichment-latency-" + tag, 1,
                BenchJob.ENRICHMENT.launcher(args), backend.flinkConfiguration())) {
            LiveTraffic.awaitSources(job, topics, BenchJob.ENRICHMENT.inputs());
            String reported = job.stateBackend();
            if (!backend.isReportedAs(reported)) {
                // The rows say which backend they ran on: a run on another one would put its figures under it.
                throw new IllegalStateException("the enrichment job was to run on " + backend.name()
                        + " but its JobManager reports " + reported);
            }
            List<Thread> probes = List.of(
                    LatencyProbes.<EnrichedOrder>reader(bootstrapServers, registryUrl, enriched,
                            Topics.ORDERS_ENRICHED.partitions(), EnrichedOrder.getClassSchema(), "read_uncommitted",
                            stop, (o, created, now) -> uncommitted.add(new Observation(List.of(o.getLastEventId()), now))),
                    LatencyProbes.<EnrichedOrder>reader(bootstrapServers, registryUrl, enriched,
                            Topics.ORDERS_ENRICHED.partitions(), EnrichedOrder.getClassSchema(), "read_committed",
                            stop, (o, created, now) -> committed.add(new Observation(List.of(o.getLastEventId()), now))),
                    LatencyProbes.<Order>reader(bootstrapServers, registryUrl, topics.get(Topics.ORDERS.name()),
                            Topics.ORDERS.partitions(), Order.getClassSchema(), "read_uncommitted", stop,
                            (o, created, now) -> {
                                sent.put(o.getEventId(), created);
                                if (o.getStatus() == OrderStatus.CREATED
                                        && Math.floorMod(o.getOrderId().hashCode(), sampleEvery) == 0) {
                                    sampledOrders.putIfAbsent(o.getOrderId(), o.getEventId());
                                    notYetSearchable.putIfAbsent(o.getOrderId(), Boolean.TRUE);
                                }
                            }),
                    LatencyProbes.<Payment>reader(bootstrapServers, registryUrl, topics.get(Topics.PAYMENTS.name()),
                            Topics.PAYMENTS.partitions(), Payment.getClassSchema(), "read_uncommitted", stop,
                            (p, created, now) -> sent.put(p.getEventId(), created)),
                    LatencyProbes.searcher(elasticsearchUrl, index, stop, notYetSearchable, foundAt));
            probes.forEach(Thread::start);

            LiveTraffic.Sent traffic = LiveTraffic.send(bootstrapServers, registryUrl, topics, recordsPerSecond,
                    recordsPerBackgroundEvent, duration, BenchJob.ENRICHMENT.inputs());
            Thread.sleep(drain.toMillis());
            stop.set(true);
            for (Thread t : probes) {
                t.join(10_000);
            }
            if (!job.isRunning()) {
                throw new IllegalStateException("the enrichment job stopped during the latency run", job.failure());
            }
            List<String> failovers = job.failovers();
            if (!failovers.isEmpty()) {
                // A restart replays from the last checkpoint: its latencies would be the replay's, not the job's.
                throw new IllegalStateException("the enrichment job failed over " + failovers.size() + " time(s) "
                        + "during the latency run, its latencies are not valid; latest: " + failovers.get(0));
            }
            List<Observation> searches = new ArrayList<>();
            foundAt.forEach((orderId, at) -> searches.add(new Observation(List.of(sampledOrders.get(orderId)), at)));
            return new LatencyResult(BenchJob.ENRICHMENT.name(), share, traffic.recordsPerSecond(),
                    Percentiles.of(LatencyProbes.latencies(uncommitted, sent)),
                    Percentiles.of(LatencyProbes.latencies(committed, sent)),
                    Percentiles.of(LatencyProbes.latencies(searches, sent)), -1, -1, backend.name(), recordsPerSecond);
        }
    }
}
