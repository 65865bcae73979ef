package io.infometis.streams.bench.ceiling;

import io.infometis.streams.bench.load.EnrichedOrderDocuments;
import io.infometis.streams.bench.load.SyntheticEvents;
import io.infometis.streams.bench.measure.CpuSample;
import io.infometis.streams.bench.measure.Throughput;
import io.infometis.streams.events.EnrichedOrder;
import io.infometis.streams.sinks.elasticsearch.BenchEmitters;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.http.HttpHost;
import org.elasticsearch.action.bulk.BulkRequest;
import org.elasticsearch.action.bulk.BulkResponse;
import org.elasticsearch.client.RequestOptions;
import org.elasticsearch.client.RestClient;
import org.elasticsearch.client.RestHighLevelClient;
import org.elasticsearch.client.indices.CreateIndexRequest;
import org.elasticsearch.common.settings.Settings;

/**
 * Ceiling 2: a plain loop of synchronous bulk requests into the same Elasticsearch, with the documents and
 * requests the enrichment job's sink sends (its mapper once its module is there, the sinks' emitter), through the ES high-level REST client the
 * connector uses. One bulk in flight per thread, as the Flink sink writer has. The documents are built before the
 * clock starts: this is the ceiling of Elasticsearch's indexing, not of document building (JMH measures that).
 */
public final class PlainBulkCeiling {

    private final String elasticsearchUrl;
    private final Map<String, Long> pids;

    public PlainBulkCeiling(String elasticsearchUrl, Map<String, Long> pids) {
        this.elasticsearchUrl = elasticsearchUrl;
        this.pids = pids;
    }

    public Throughput measure(String index, int documents, int bulkSize, int threads) throws Exception {
        try (RestHighLevelClient client = new RestHighLevelClient(RestClient.builder(HttpHost.create(elasticsearchUrl)))) {
            // 0 replicas as the index templates set (a single node would stay yellow otherwise).
            client.indices().create(new CreateIndexRequest(index).settings(Settings.builder()
                    .put("index.number_of_shards", 1).put("index.number_of_replicas", 0)), RequestOptions.DEFAULT);
            List<List<BulkRequest>> work = prepare(index, documents, bulkSize, threads);
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                CpuSample start = CpuSample.take(pids);
                List<Future<Integer>> indexed = new ArrayList<>();
                for (List<BulkRequest> bulks : work) {
                    indexed.add(pool.submit(() -> send(client, bulks)));
                }
                long total = 0;
                for (Future<Integer> f : indexed) {
                    total += f.get();
                }
                CpuSample end = CpuSample.take(pids);
                if (total != documents) {
                    throw new IllegalStateException("bulk loop indexed " + total + " of " + documents + " documents");
                }
                return Throughput.between("Plain bulk loop into Elasticsearch", threads, total, start, end,
                        "elasticsearch");
            } finally {
                pool.shutdownNow();
            }
        }
    }

    private static List<List<BulkRequest>> prepare(String index, int documents, int bulkSize, int threads) {
        SyntheticEvents events = new SyntheticEvents(7, 10_000, 10_000, Instant.parse("2026-01-01T00:00:00Z"));
        BenchEmitters.Emitter<EnrichedOrder> emitter = BenchEmitters.emitter(EnrichedOrderDocuments.mapper(index));
        List<List<BulkRequest>> work = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            work.add(new ArrayList<>());
        }
        BulkRequest bulk = new BulkRequest();
        int next = 0;
        for (int i = 0; i < documents; i++) {
            emitter.emit(events.nextEnrichedOrder(), bulk);
            if (bulk.numberOfActions() == bulkSize || i == documents - 1) {
                work.get(next++ % threads).add(bulk);
                bulk = new BulkRequest();
            }
        }
        return work;
    }

    private static int send(RestHighLevelClient client, List<BulkRequest> bulks) throws IOException {
        int indexed = 0;
        for (BulkRequest bulk : bulks) {
            BulkResponse response = client.bulk(bulk, RequestOptions.DEFAULT);
            if (response.hasFailures()) {
                throw new IllegalStateException("bulk failed: " + response.buildFailureMessage());
            }
            indexed += response.getItems().length;
        }
        return indexed;
    }
}
