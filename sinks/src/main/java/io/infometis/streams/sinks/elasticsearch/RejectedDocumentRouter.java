package io.infometis.streams.sinks.elasticsearch;

import io.infometis.streams.common.deadletter.DeadLetter;
import io.infometis.streams.common.deadletter.DeadLetterSink;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Future;
import org.apache.flink.connector.elasticsearch.sink.BulkListenerDecorator;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.elasticsearch.action.DocWriteRequest;
import org.elasticsearch.action.bulk.BulkItemResponse;
import org.elasticsearch.action.bulk.BulkProcessor;
import org.elasticsearch.action.bulk.BulkRequest;
import org.elasticsearch.action.bulk.BulkResponse;
import org.elasticsearch.action.index.IndexRequest;
import org.elasticsearch.action.update.UpdateRequest;
import org.elasticsearch.index.VersionType;
import org.elasticsearch.rest.RestStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Judges each failed document of a bulk response before the connector does:
 * <ul>
 *   <li>a version conflict on an external-version write means a newer version is stored: ignored (that is the
 *       point of external versioning);</li>
 *   <li>a document Elasticsearch refuses as malformed (400: mapping conflict, unparsable field) can never succeed:
 *       it goes to the dead-letter topic with the reason, and the job goes on;</li>
 *   <li>anything else (overload after the backoff retries, 5xx) is left as a failure, so the connector fails the
 *       job and it restarts from its last checkpoint: nothing is lost.</li>
 * </ul>
 * Dead letters are written synchronously before the writer sees the response, so they are in Kafka before the
 * checkpoint that covers the documents completes (at least once).
 */
final class RejectedDocumentRouter implements BulkListenerDecorator {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(RejectedDocumentRouter.class);

    enum Verdict { SUCCEEDED, STALE_VERSION, DEAD_LETTER, FAIL_JOB }

    private final String jobName;
    private final String deadLetterTopic;
    private final Properties producerProperties;

    RejectedDocumentRouter(String jobName, String deadLetterTopic, Properties producerProperties) {
        this.jobName = jobName;
        this.deadLetterTopic = deadLetterTopic;
        this.producerProperties = producerProperties;
    }

    @Override
    public BulkProcessor.Listener decorate(BulkProcessor.Listener writerListener) {
        return new Listener(writerListener);
    }

    static Verdict judge(BulkItemResponse item, DocWriteRequest<?> request) {
        if (!item.isFailed()) {
            return Verdict.SUCCEEDED;
        }
        RestStatus status = item.getFailure().getStatus();
        if (status == RestStatus.CONFLICT && request instanceof IndexRequest index
                && (index.versionType() == VersionType.EXTERNAL || index.versionType() == VersionType.EXTERNAL_GTE)) {
            return Verdict.STALE_VERSION;
        }
        if (status == RestStatus.BAD_REQUEST) {
            return Verdict.DEAD_LETTER;
        }
        return Verdict.FAIL_JOB;
    }

    private DeadLetter letter(BulkItemResponse item, DocWriteRequest<?> request) {
        String source = request instanceof IndexRequest index ? index.source().utf8ToString()
                : request instanceof UpdateRequest update && update.doc() != null
                        ? update.doc().source().utf8ToString() : "";
        return DeadLetter.of(jobName, "elasticsearch:" + item.getIndex(), item.getId(),
                        source.getBytes(StandardCharsets.UTF_8),
                        "Elasticsearch rejected the document (" + item.getFailure().getStatus() + "): "
                                + item.getFailureMessage())
                .withErrorClass(item.getFailure().getCause() == null ? "ElasticsearchException"
                        : item.getFailure().getCause().getClass().getName());
    }

    private void send(List<DeadLetter> letters) throws Exception {
        Properties props = new Properties();
        props.putAll(producerProperties);
        props.remove("transaction.timeout.ms");
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        // Rejections are rare: a short-lived producer per affected bulk keeps no thread or classloader alive.
        try (KafkaProducer<byte[], byte[]> producer =
                     new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
            List<Future<RecordMetadata>> sent = new ArrayList<>();
            for (DeadLetter letter : letters) {
                sent.add(producer.send(DeadLetterSink.toRecord(deadLetterTopic, letter)));
            }
            for (Future<RecordMetadata> f : sent) {
                f.get();
            }
            producer.close(Duration.ofSeconds(10));
        }
    }

    private final class Listener implements BulkProcessor.Listener {
        private final BulkProcessor.Listener writer;

        Listener(BulkProcessor.Listener writer) {
            this.writer = writer;
        }

        @Override
        public void beforeBulk(long executionId, BulkRequest request) {
            writer.beforeBulk(executionId, request);
        }

        @Override
        public void afterBulk(long executionId, BulkRequest request, Throwable failure) {
            writer.afterBulk(executionId, request, failure);
        }

        @Override
        public void afterBulk(long executionId, BulkRequest request, BulkResponse response) {
            if (!response.hasFailures()) {
                writer.afterBulk(executionId, request, response);
                return;
            }
            BulkItemResponse[] items = response.getItems();
            List<BulkItemResponse> succeeded = new ArrayList<>();
            List<DeadLetter> letters = new ArrayList<>();
            boolean failJob = false;
            int stale = 0;
            for (int i = 0; i < items.length; i++) {
                DocWriteRequest<?> docRequest = request.requests().get(i);
                switch (judge(items[i], docRequest)) {
                    case SUCCEEDED -> succeeded.add(items[i]);
                    case STALE_VERSION -> stale++;
                    case DEAD_LETTER -> letters.add(letter(items[i], docRequest));
                    case FAIL_JOB -> failJob = true;
                }
            }
            if (!letters.isEmpty()) {
                try {
                    send(letters);
                    LOG.warn("{} document(s) rejected by Elasticsearch went to {}: first: {}", letters.size(),
                            deadLetterTopic, letters.get(0).reason);
                } catch (Exception e) {
                    LOG.error("Cannot write {} rejected document(s) to {}; failing the bulk so nothing is lost",
                            letters.size(), deadLetterTopic, e);
                    failJob = true;
                }
            }
            if (stale > 0) {
                LOG.debug("{} write(s) ignored: a newer version is already stored", stale);
            }
            // The writer only counts the request's actions and looks for failures: hand it the failures we could
            // not handle, or a clean response.
            writer.afterBulk(executionId, request, failJob ? response
                    : new BulkResponse(succeeded.toArray(BulkItemResponse[]::new), response.getTook().millis()));
        }
    }
}
