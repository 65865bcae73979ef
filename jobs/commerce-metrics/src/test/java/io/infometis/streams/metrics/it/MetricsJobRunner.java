package io.infometis.streams.metrics.it;

import io.infometis.streams.common.config.JobConfig;
import io.infometis.streams.metrics.CommerceMetricsJob;
import io.infometis.streams.metrics.MetricsKeys;
import io.infometis.streams.sinks.elasticsearch.ElasticsearchSettings;
import io.infometis.streams.sinks.elasticsearch.IndexTemplates;
import io.infometis.streams.testing.RealStackExtension;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** Starts the job as main() wires it, on the test's own topics and indices. */
final class MetricsJobRunner {

    private MetricsJobRunner() {}

    /** @param prefix names the test's topics ({@code <prefix>-orders}...), group and index prefix */
    static JobClient start(RealStackExtension stack, String prefix, int parallelism, Map<String, String> extra)
            throws Exception {
        Map<String, String> values = new HashMap<>();
        values.put("kafka.bootstrap.servers", stack.kafkaBootstrapServers());
        values.put("schema.registry.url", stack.registryUrl());
        values.put("elasticsearch.hosts", stack.elasticsearchUrl());
        values.put("elasticsearch.bulk.interval", "200 ms");
        values.put("kafka.group.id", prefix);
        values.put("kafka.transactional-id-prefix", prefix);
        values.put("kafka.starting-offsets", "earliest");
        values.put("topic.orders", prefix + "-orders");
        values.put("topic.payments", prefix + "-payments");
        values.put("topic.user-events", prefix + "-user-events");
        values.put("topic.commerce-metrics", prefix + "-commerce-metrics");
        values.put("topic.dlq", prefix + "-dlq");
        values.put("metrics.index-prefix", "metrics-" + prefix + "-");
        values.putAll(extra);
        JobConfig config = JobConfig.of(values);
        config.validate(MetricsKeys.all());
        ElasticsearchSettings settings = ElasticsearchSettings.fromConfig(config);
        IndexTemplates.installAll(settings);

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(parallelism);
        env.enableCheckpointing(500);
        CommerceMetricsJob.wire(env, config, settings, Clock.systemUTC());
        return env.executeAsync(CommerceMetricsJob.JOB_NAME + "-" + prefix);
    }

    static void createTopics(RealStackExtension stack, String prefix, int partitions) {
        for (String t : new String[] {"orders", "payments", "user-events", "commerce-metrics"}) {
            stack.createTopic(prefix + "-" + t, partitions);
        }
        stack.createTopic(prefix + "-dlq", 1);
    }
}
