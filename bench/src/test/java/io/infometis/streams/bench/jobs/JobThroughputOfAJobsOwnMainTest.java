package io.infometis.streams.bench.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.infometis.streams.bench.load.FreshTopics;
import io.infometis.streams.bench.load.GeneratorBacklog;
import io.infometis.streams.bench.measure.ProcFs;
import io.infometis.streams.bench.measure.Throughput;
import io.infometis.streams.events.Topics;
import io.infometis.streams.generator.kafka.TopicNames;
import io.infometis.streams.testing.RealStackExtension;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The path every platform job takes through the harness: found by class name, started through its own main() on
 * the harness's MiniCluster, followed through its Kafka sources' offsets until it has read the backlog, then
 * cancelled, with its checkpoint statistics read from Flink's REST API.
 */
class JobThroughputOfAJobsOwnMainTest {

    @RegisterExtension
    static final RealStackExtension STACK = RealStackExtension.builder().kafka().registry().build();

    @Test
    void aJobsOwnMainReadsTheWholeBacklogAndItsCheckpointsAreReported() throws Exception {
        // On its own topics: the stack is shared with other test classes of this JVM.
        Map<String, String> topics = FreshTopics.create(
                STACK.kafkaBootstrapServers(), "own-main-", List.of(Topics.PAYMENTS, Topics.ORDERS,
                        Topics.USER_EVENTS, Topics.CUSTOMERS));
        GeneratorBacklog.Loaded backlog = new GeneratorBacklog(STACK.kafkaBootstrapServers(), STACK.registryUrl())
                .load(3, 3_000, 500, 500, TopicNames.of(topics));
        long payments = backlog.on(Topics.PAYMENTS.name());
        BenchJob job = new BenchJob("decode-discard", DecodeDiscardJob.class.getName(), List.of(Topics.PAYMENTS));
        Map<String, String> args = new LinkedHashMap<>();
        args.put("kafka.bootstrap.servers", STACK.kafkaBootstrapServers());
        args.put("schema.registry.url", STACK.registryUrl());
        args.put("kafka.starting-offsets", "earliest");
        args.put("topic.payments", topics.get(Topics.PAYMENTS.name()));
        JobThroughput runner = new JobThroughput(Map.of("bench", ProcFs.ownPid()));

        Throughput t = runner.measure("decode-discard", 1, Map.of(topics.get(Topics.PAYMENTS.name()), payments),
                job.launcher(args), Duration.ofMinutes(2));

        assertThat(job.available()).isTrue();
        assertThat(payments).isGreaterThan(100);
        // From the first poll that saw progress to the end of the backlog: at most the whole backlog.
        assertThat(t.events()).isBetween(0L, payments);
        assertThat(t.workerCpuSeconds()).isPositive();
        assertThat(runner.checkpoints()).as("read from the job's REST API at the end of the run")
                .containsKey("decode-discard p1");
        assertThat(runner.stateBackends()).as("flink-conf/config.yaml's state backend, as the JobManager reports it")
                .containsEntry("decode-discard p1", "HashMapStateBackend");
    }

    @Test
    void aRunsOwnSettingsOverrideTheDeployedOnes() throws Exception {
        Map<String, String> topics = FreshTopics.create(STACK.kafkaBootstrapServers(), "own-settings-",
                List.of(Topics.PAYMENTS, Topics.ORDERS, Topics.USER_EVENTS, Topics.CUSTOMERS));
        GeneratorBacklog.Loaded backlog = new GeneratorBacklog(STACK.kafkaBootstrapServers(), STACK.registryUrl())
                .load(4, 1_000, 100, 100, TopicNames.of(topics));
        BenchJob job = new BenchJob("decode-discard", DecodeDiscardJob.class.getName(), List.of(Topics.PAYMENTS));
        Map<String, String> args = Map.of("kafka.bootstrap.servers", STACK.kafkaBootstrapServers(),
                "schema.registry.url", STACK.registryUrl(), "kafka.starting-offsets", "earliest",
                "topic.payments", topics.get(Topics.PAYMENTS.name()));
        Configuration rocksDb = new Configuration();
        rocksDb.setString("state.backend.type", "rocksdb");
        JobThroughput runner = new JobThroughput(Map.of("bench", ProcFs.ownPid()));

        runner.measure("on-rocksdb", 1, Map.of(topics.get(Topics.PAYMENTS.name()), backlog.on(Topics.PAYMENTS.name())),
                job.launcher(args), rocksDb, Duration.ofMinutes(2), Duration.ofMinutes(2));

        assertThat(runner.stateBackends()).containsEntry("on-rocksdb p1", "EmbeddedRocksDBStateBackend");
    }

    @Test
    void aJobsOwnDeployedSettingsApplyOverTheClusters() throws Exception {
        Map<String, String> topics = FreshTopics.create(STACK.kafkaBootstrapServers(), "own-deployed-",
                List.of(Topics.PAYMENTS, Topics.ORDERS, Topics.USER_EVENTS, Topics.CUSTOMERS));
        GeneratorBacklog.Loaded backlog = new GeneratorBacklog(STACK.kafkaBootstrapServers(), STACK.registryUrl())
                .load(5, 1_000, 100, 100, TopicNames.of(topics));
        JobLauncher decodeDiscard = new BenchJob("decode-discard", DecodeDiscardJob.class.getName(),
                List.of(Topics.PAYMENTS)).launcher(Map.of("kafka.bootstrap.servers", STACK.kafkaBootstrapServers(),
                "schema.registry.url", STACK.registryUrl(), "kafka.starting-offsets", "earliest",
                "topic.payments", topics.get(Topics.PAYMENTS.name())));
        // As flink-conf/jobs/<job>.yaml gives a job its own backend (order enrichment's file says the same).
        JobLauncher onRocksDb = new JobLauncher() {
            @Override
            public void run() throws Exception {
                decodeDiscard.run();
            }

            @Override
            public Map<String, String> deployedSettings() {
                return Map.of("state.backend.type", "rocksdb", "taskmanager.memory.managed.fraction", "0.4");
            }
        };
        JobThroughput runner = new JobThroughput(Map.of("bench", ProcFs.ownPid()));

        runner.measure("deployed-rocksdb", 1, Map.of(topics.get(Topics.PAYMENTS.name()),
                backlog.on(Topics.PAYMENTS.name())), onRocksDb, Duration.ofMinutes(2));

        assertThat(runner.stateBackends()).containsEntry("deployed-rocksdb p1", "EmbeddedRocksDBStateBackend");
    }

    @Test
    void aForkedRunMeasuresTheJobInAJvmOfItsOwnAndReportsEverythingBack() throws Exception {
        Map<String, String> topics = FreshTopics.create(STACK.kafkaBootstrapServers(), "own-fork-",
                List.of(Topics.PAYMENTS, Topics.ORDERS, Topics.USER_EVENTS, Topics.CUSTOMERS));
        GeneratorBacklog.Loaded backlog = new GeneratorBacklog(STACK.kafkaBootstrapServers(), STACK.registryUrl())
                .load(6, 1_000, 100, 100, TopicNames.of(topics));
        long payments = backlog.on(Topics.PAYMENTS.name());
        JobLauncher job = new BenchJob("decode-discard", DecodeDiscardJob.class.getName(), List.of(Topics.PAYMENTS))
                .launcher(Map.of("kafka.bootstrap.servers", STACK.kafkaBootstrapServers(),
                        "schema.registry.url", STACK.registryUrl(), "kafka.starting-offsets", "earliest",
                        "topic.payments", topics.get(Topics.PAYMENTS.name())));
        long self = ProcFs.ownPid();
        JobThroughput runner = JobThroughput.forked(Map.of("bench", self));

        Throughput t = runner.measure("forked", 1, Map.of(topics.get(Topics.PAYMENTS.name()), payments), job,
                Duration.ofMinutes(2));

        assertThat(t.events()).isBetween(0L, payments);
        assertThat(t.workerCpuSeconds()).isPositive();
        assertThat(runner.stateBackends()).containsEntry("forked p1", "HashMapStateBackend");
        assertThat(runner.checkpoints()).containsKey("forked p1");
        assertThat(runner.profiles().get("forked p1").threads()).as("JFR of the forked JVM's task threads")
                .isNotEmpty();
        assertThat(runner.memory().get("forked p1")).satisfies(m -> {
            assertThat(m.pid()).as("the run's own JVM, not this one").isNotEqualTo(self);
            assertThat(m.peakResidentBytes()).isPositive();
        });
    }

    @Test
    void aLauncherThatCannotBeSerializedIsRefusedForAForkedRunWithItsName() {
        JobLauncher lambda = () -> { };
        JobThroughput runner = JobThroughput.forked(Map.of("bench", ProcFs.ownPid()));

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> runner.measure("lambda", 1, Map.of("t", 1L), lambda,
                        Duration.ofSeconds(5)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lambda")
                .hasMessageContaining("not Serializable");
    }

    @Test
    void aJobWhoseModuleIsMissingIsNotAvailable() {
        assertThat(new BenchJob("x", "io.infometis.streams.nothing.NoSuchJob", List.of()).available()).isFalse();
    }
}
