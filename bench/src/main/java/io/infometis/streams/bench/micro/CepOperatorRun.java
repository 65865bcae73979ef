package io.infometis.streams.bench.micro;

import java.util.Objects;
import java.util.Queue;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.cep.operator.CepOperator;
import org.apache.flink.runtime.state.hashmap.HashMapStateBackend;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.operators.SimpleOperatorFactory;
import org.apache.flink.streaming.api.transformations.OneInputTransformation;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;

/**
 * One of the fraud job's CEP operators, exactly as its own {@code detect(...)} builds it (pattern, skip strategy,
 * alert function, late-data tag, input serializer, key selector), taken out of the job graph and run in Flink's
 * keyed operator test harness on a heap state backend: the NFA, its shared buffer and the event-time element queue
 * live in real keyed state, and watermarks drive the matching as in the job.
 *
 * <p>The events are a fixed array replayed in a loop; each event gets a fresh, increasing event time
 * ({@link #spacingMillis} after the previous one), and every {@link #WATERMARK_EVERY} events the watermark moves to
 * the newest time minus the job's default out-of-orderness, as the job's bounded-out-of-orderness watermarks do.
 * The payloads keep the event times they were generated with: only an alert's text reads them.
 */
final class CepOperatorRun<K, IN> implements AutoCloseable {

    /** Events between two watermarks. */
    static final int WATERMARK_EVERY = 256;
    /** The job's default {@code watermark.out-of-orderness} (5 s). */
    static final long OUT_OF_ORDERNESS_MILLIS = 5_000;
    static final long START_MILLIS = 1_767_225_600_000L; // 2026-01-01T00:00:00Z

    private final KeyedOneInputStreamOperatorTestHarness<K, IN, ?> harness;
    private final IN[] events;
    private final long spacingMillis;
    private long time = START_MILLIS;
    private int next;
    private long processed;
    private long alerts;

    private CepOperatorRun(KeyedOneInputStreamOperatorTestHarness<K, IN, ?> harness, IN[] events, long spacingMillis) {
        this.harness = harness;
        this.events = events;
        this.spacingMillis = spacingMillis;
    }

    /**
     * @param detected the job's CEP stream ({@code CardTestingPattern.detect(...)} and the like) on any input
     * @param events   the events the operator receives, replayed in a loop
     * @param spacingMillis event time between two consecutive events
     */
    @SuppressWarnings("unchecked")
    static <K, IN> CepOperatorRun<K, IN> of(SingleOutputStreamOperator<?> detected, IN[] events, long spacingMillis)
            throws Exception {
        Objects.requireNonNull(detected, "detected");
        if (events.length == 0 || spacingMillis < 1) {
            throw new IllegalArgumentException("need events and a spacing >= 1 ms");
        }
        OneInputTransformation<IN, ?> cep = (OneInputTransformation<IN, ?>) detected.getTransformation();
        Object operator = ((SimpleOperatorFactory<?>) cep.getOperatorFactory()).getOperator();
        if (!(operator instanceof CepOperator)) {
            throw new IllegalArgumentException("not a CEP stream: its operator is " + operator.getClass().getName());
        }
        KeyedOneInputStreamOperatorTestHarness<K, IN, Object> harness = new KeyedOneInputStreamOperatorTestHarness<>(
                (OneInputStreamOperator<IN, Object>) operator, (KeySelector<IN, K>) cep.getStateKeySelector(),
                (TypeInformation<K>) cep.getStateKeyType());
        harness.setStateBackend(new HashMapStateBackend());
        harness.open();
        return new CepOperatorRun<>(harness, events, spacingMillis);
    }

    /** Hands the operator the next event; every {@link #WATERMARK_EVERY} events, a watermark too. */
    void processNext() throws Exception {
        IN event = events[next];
        next = next + 1 == events.length ? 0 : next + 1;
        time += spacingMillis;
        harness.processElement(new StreamRecord<>(event, time));
        if (++processed % WATERMARK_EVERY == 0) {
            harness.processWatermark(time - OUT_OF_ORDERNESS_MILLIS - 1);
            drainOutput();
        }
    }

    /** Alerts the operator has emitted so far (counted when the harness's output is emptied, at each watermark). */
    long alerts() {
        drainOutput();
        return alerts;
    }

    /** Keyed state entries (all keys, all states): stays bounded while the patterns' windows prune. */
    int keyedStateEntries() {
        return harness.numKeyedStateEntries();
    }

    private void drainOutput() {
        alerts += drainRecords(harness.getOutput());
    }

    /**
     * Empties a test harness's output queue and counts its records (watermarks are in it too). The harness keeps
     * every output: emptied so a long run does not grow the heap.
     */
    static long drainRecords(Queue<Object> output) {
        long records = 0;
        for (Object o = output.poll(); o != null; o = output.poll()) {
            if (o instanceof StreamRecord) {
                records++;
            }
        }
        return records;
    }

    @Override
    public void close() throws Exception {
        harness.close();
    }
}
