package io.infometis.streams.bench.measure;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts events reaching the end of a Flink pipeline running in this JVM (a MiniCluster), sampling CPU at the
 * first and at the last expected event. Operators find their probe by id through a static registry: they are
 * serialized into the job, the probe is not. Only valid in-JVM; a session cluster needs the job's metrics instead.
 */
public final class ThroughputProbe {

    private static final Map<String, ThroughputProbe> PROBES = new ConcurrentHashMap<>();

    private final String id;
    private final long expected;
    private final Map<String, Long> pids;
    private final AtomicLong count = new AtomicLong();
    private final CountDownLatch done = new CountDownLatch(1);
    private volatile CpuSample first;
    private volatile CpuSample last;

    private ThroughputProbe(String id, long expected, Map<String, Long> pids) {
        this.id = id;
        this.expected = expected;
        this.pids = Map.copyOf(pids);
    }

    public static ThroughputProbe register(String id, long expected, Map<String, Long> pids) {
        ThroughputProbe probe = new ThroughputProbe(id, expected, pids);
        if (PROBES.putIfAbsent(id, probe) != null) {
            throw new IllegalArgumentException("probe " + id + " exists already");
        }
        return probe;
    }

    public static ThroughputProbe get(String id) {
        ThroughputProbe probe = PROBES.get(id);
        if (probe == null) {
            throw new IllegalStateException("no probe " + id + " in this JVM (is the job running in a MiniCluster?)");
        }
        return probe;
    }

    public void record() {
        long n = count.incrementAndGet();
        if (n == 1) {
            first = CpuSample.take(pids);
        } else if (n == expected) {
            last = CpuSample.take(pids);
            done.countDown();
        }
    }

    public long count() {
        return count.get();
    }

    /** Blocks until the expected count was reached; false on timeout. */
    public boolean await(Duration timeout) throws InterruptedException {
        return done.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The measurement from the first to the last expected event (expected - 1 events in between). */
    public Throughput throughput(String name, int parallelism, String worker) {
        if (last == null) {
            throw new IllegalStateException(id + ": only " + count.get() + " of " + expected + " events arrived");
        }
        return Throughput.between(name, parallelism, expected - 1, first, last, worker);
    }

    public void unregister() {
        PROBES.remove(id);
    }
}
