package io.infometis.streams.bench.micro;

import io.infometis.streams.bench.load.EnrichedOrderDocuments;
import io.infometis.streams.bench.load.SyntheticEvents;
import io.infometis.streams.events.EnrichedOrder;
import io.infometis.streams.sinks.elasticsearch.DocumentMapper;
import io.infometis.streams.sinks.elasticsearch.BenchEmitters;
import io.infometis.streams.sinks.elasticsearch.ElasticsearchDocument;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.elasticsearch.action.bulk.BulkRequest;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Document serialization per event: an enriched order to its {@code orders} document (the enrichment job's mapper
 * once its module is there), and that plus the bulk request the sinks' emitter builds for it (the work a sink subtask does per element before the bulk goes out).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class DocumentSerializationBenchmark {

    private static final int ORDERS = 1024;

    private EnrichedOrder[] orders;
    private DocumentMapper<EnrichedOrder> mapper;
    private BenchEmitters.Emitter<EnrichedOrder> emitter;
    private int next;

    @Setup
    public void setUp() {
        SyntheticEvents events = new SyntheticEvents(13, 10_000, 10_000, Instant.parse("2026-01-01T00:00:00Z"));
        orders = new EnrichedOrder[ORDERS];
        for (int i = 0; i < ORDERS; i++) {
            orders[i] = events.nextEnrichedOrder();
        }
        mapper = EnrichedOrderDocuments.mapper("orders");
        emitter = BenchEmitters.emitter(mapper);
    }

    private EnrichedOrder nextOrder() {
        next = (next + 1) & (ORDERS - 1);
        return orders[next];
    }

    @Benchmark
    public ElasticsearchDocument orderToJsonDocument() {
        return mapper.toDocument(nextOrder());
    }

    @Benchmark
    public BulkRequest orderToBulkRequest() {
        BulkRequest bulk = new BulkRequest();
        emitter.emit(nextOrder(), bulk);
        return bulk;
    }
}
