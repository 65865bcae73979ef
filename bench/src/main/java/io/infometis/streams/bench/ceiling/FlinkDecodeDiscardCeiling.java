package io.infometis.streams.bench.ceiling;

import io.infometis.streams.bench.measure.Throughput;
import io.infometis.streams.bench.measure.ThroughputProbe;
import io.infometis.streams.bench.load.BacklogAlignment;
import io.infometis.streams.common.config.JobConfig;
import io.infometis.streams.common.kafka.KafkaInput;
import io.infometis.streams.common.kafka.RecordValidator;
import io.infometis.streams.events.Payment;
import io.infometis.streams.events.TopicSpec;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Ceiling 3: a Flink job (MiniCluster in this JVM) that reads the payments backlog through job-common's
 * {@link KafkaInput#readAvro} (the source, decoding, dead-letter split and watermarks every job has) and
 * discards the events. What any of our jobs could reach if its own logic cost nothing.
 */
public final class FlinkDecodeDiscardCeiling {

    private final String bootstrapServers;
    private final String registryUrl;
    private final Map<String, Long> pids;

    public FlinkDecodeDiscardCeiling(String bootstrapServers, String registryUrl, Map<String, Long> pids) {
        this.bootstrapServers = bootstrapServers;
        this.registryUrl = registryUrl;
        this.pids = pids;
    }

    /** The name of the aligned run's row (not starting with the ceiling's own name, which the ratios look up). */
    public static final String ALIGNED_NAME = "Aligned read + decode + discard (the jobs' reading of the backlog)";

    /** The ceiling: the topic's partitions read as fast as each goes (no watermark alignment). */
    public Throughput measure(TopicSpec topic, long backlog, int parallelism, Duration timeout) throws Exception {
        return measure(topic, backlog, parallelism, timeout, false);
    }

    /**
     * With {@code aligned}, the partitions read in event-time step at the harness's drift ({@link BacklogAlignment}),
     * as every job reads the backlog: what alignment alone costs a reader that does nothing else.
     */
    public Throughput measure(TopicSpec topic, long backlog, int parallelism, Duration timeout, boolean aligned)
            throws Exception {
        String id = "decode-discard-" + UUID.randomUUID();
        ThroughputProbe probe = ThroughputProbe.register(id, backlog, pids);
        Map<String, String> settings = new java.util.HashMap<>(Map.of(
                "kafka.bootstrap.servers", bootstrapServers,
                "schema.registry.url", registryUrl,
                "kafka.group.id", id,
                "kafka.starting-offsets", "earliest"));
        if (aligned) {
            settings.putAll(BacklogAlignment.jobArguments());
        } else {
            settings.put("source.watermark-alignment.max-drift", "0 s");
        }
        JobConfig config = JobConfig.of(settings);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(parallelism, miniCluster(parallelism));
        KafkaInput.readAvro(env, config, "bench-decode-discard", topic, Payment.class,
                        p -> p.getEventTime().toEpochMilli(), RecordValidator.none())
                .events()
                .sinkTo(new ProbeSink<>(id)).name("Discard").uid("discard");
        JobClient job = env.executeAsync("bench: read, decode, discard (p=" + parallelism + ")");
        try {
            if (!probe.await(timeout)) {
                throw new IllegalStateException("decode-discard job saw " + probe.count() + " of " + backlog
                        + " events within " + timeout);
            }
            return probe.throughput(aligned ? ALIGNED_NAME : "Flink read + decode + discard (KafkaInput.readAvro)",
                    parallelism, "bench");
        } finally {
            job.cancel().get();
            env.close();
            probe.unregister();
        }
    }

    /** A MiniCluster with one slot per subtask and no web UI port to collide on. */
    static Configuration miniCluster(int parallelism) {
        Configuration conf = new Configuration();
        conf.set(TaskManagerOptions.NUM_TASK_SLOTS, parallelism);
        conf.set(RestOptions.BIND_PORT, "0");
        return conf;
    }
}
