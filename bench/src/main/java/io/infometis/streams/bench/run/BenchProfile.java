package io.infometis.streams.bench.run;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How big one run is. {@link #full()} is the published one (a backlog of millions, JMH with forks);
 * {@link #smoke()} runs every step tiny so CI exercises the harness in about a minute: its figures are not results.
 *
 * @param name            "full" or "smoke", printed in the report
 * @param backlogEvents   background events the generator writes to Kafka before any consumer starts (the source
 *                        is never the limit); its scenarios and tail add a few
 * @param bulkDocuments   documents of the plain bulk-loop ceiling into Elasticsearch
 * @param bulkSize        documents per bulk request (the sinks' default bulk.max-actions)
 * @param parallelisms    Flink parallelisms to measure
 * @param stepTimeout     longest any one measured step may take before the run fails
 * @param jmhForks        JMH forks per benchmark
 * @param jmhWarmups      JMH warm-up iterations
 * @param jmhIterations   JMH measured iterations
 * @param jmhIterationTime length of one JMH iteration
 * @param latencyRun      how long the generator sends traffic in each latency run (smoke: long enough for some
 *                        fraud scenarios, a minute of shop time per second, to complete)
 * @param largeUsers      distinct users and cards of the state-scaling backlog (the main one has 10,000)
 * @param jobWarmup       how long each job run (a cold JVM of its own) processes before it is measured, as JMH
 *                        discards its warm-up iterations: the JIT's compiler threads share the 2 cores meanwhile
 *                        (smoke: none, its backlogs last a second)
 * @param jobWindow       longest a job run is measured: it stops at the end of the backlog or after this, whichever
 *                        comes first (a slow configuration, e.g. 1,000 rules, must not take an hour)
 */
public record BenchProfile(
        String name,
        long backlogEvents,
        int bulkDocuments,
        int bulkSize,
        List<Integer> parallelisms,
        Duration stepTimeout,
        int jmhForks,
        int jmhWarmups,
        int jmhIterations,
        Duration jmhIterationTime,
        Duration latencyRun,
        int largeUsers,
        Duration jobWarmup,
        Duration jobWindow) {

    public BenchProfile {
        Objects.requireNonNull(name, "name");
        if (backlogEvents < 1 || bulkDocuments < 1 || bulkSize < 1) {
            throw new IllegalArgumentException("backlog, bulk documents and bulk size must be >= 1");
        }
        if (parallelisms.isEmpty() || parallelisms.stream().anyMatch(p -> p < 1)) {
            throw new IllegalArgumentException("parallelisms must be >= 1, got " + parallelisms);
        }
        if (jmhForks < 0 || jmhWarmups < 0 || jmhIterations < 1) {
            throw new IllegalArgumentException("JMH forks/warm-ups must be >= 0 and iterations >= 1");
        }
        if (jobWarmup == null || jobWarmup.isNegative()) {
            throw new IllegalArgumentException("jobWarmup must be >= 0, got " + jobWarmup);
        }
        parallelisms = List.copyOf(parallelisms);
    }

    public static BenchProfile full() {
        return new BenchProfile("full", 4_000_000, 500_000, 1000, List.of(1, 2), Duration.ofMinutes(20),
                2, 3, 5, Duration.ofSeconds(2), Duration.ofSeconds(60), 1_000_000,
                Duration.ofSeconds(30), Duration.ofMinutes(3));
    }

    public static BenchProfile smoke() {
        return new BenchProfile("smoke", 20_000, 5_000, 1000, List.of(1, 2), Duration.ofMinutes(2),
                1, 0, 1, Duration.ofMillis(500), Duration.ofSeconds(10), 100_000,
                Duration.ZERO, Duration.ofSeconds(15));
    }

    public boolean isSmoke() {
        return "smoke".equals(name);
    }

    public BenchProfile withBacklog(long events) {
        return new BenchProfile(name, events, bulkDocuments, bulkSize, parallelisms, stepTimeout, jmhForks,
                jmhWarmups, jmhIterations, jmhIterationTime, latencyRun, largeUsers, jobWarmup, jobWindow);
    }
}
