package io.infometis.streams.sinks.elasticsearch;

import io.infometis.streams.common.config.CommonKeys;
import io.infometis.streams.common.config.JobConfig;
import io.infometis.streams.common.kafka.KafkaClients;
import io.infometis.streams.events.Topics;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.elasticsearch.sink.ElasticsearchSinkBuilderBase;
import org.apache.flink.connector.elasticsearch.sink.FlushBackoffType;
import org.apache.flink.connector.elasticsearch.sink.ListenerDecoratingElasticsearch7SinkBuilder;
import org.apache.http.HttpHost;

/**
 * The one way jobs write to Elasticsearch: Flink's Elasticsearch 7 sink, at least once (buffered documents are
 * flushed on every checkpoint) with idempotent, deterministic document ids, so a replay after a failure leaves
 * exactly one document per id; exponential backoff when Elasticsearch is overloaded; documents it rejects go to the
 * dead-letter topic, never silently dropped and never fatal.
 */
public final class ElasticsearchSinks {

    private ElasticsearchSinks() {}

    public static <T> Sink<T> sink(ElasticsearchSettings settings, DocumentMapper<T> mapper, JobConfig config,
                                   String jobName) {
        RejectedDocumentRouter router = new RejectedDocumentRouter(jobName,
                config.get(CommonKeys.topic(Topics.DLQ)), KafkaClients.producerProperties(config));
        ElasticsearchSinkBuilderBase<T, ?> builder = new ListenerDecoratingElasticsearch7SinkBuilder<T>(router)
                .setEmitter(new DocumentEmitter<>(mapper));
        builder.setHosts(settings.hosts().toArray(HttpHost[]::new))
                .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
                .setBulkFlushMaxActions(settings.bulkMaxActions())
                .setBulkFlushInterval(settings.bulkInterval().toMillis())
                .setBulkFlushBackoffStrategy(FlushBackoffType.EXPONENTIAL, settings.backoffRetries(),
                        settings.backoffDelay().toMillis());
        if (settings.username() != null) {
            builder.setConnectionUsername(settings.username()).setConnectionPassword(settings.password());
        }
        Sink<T> sink = builder.build();
        return settings.trust() == null ? sink : new TrustingSink<>(sink, settings.trust());
    }
}
