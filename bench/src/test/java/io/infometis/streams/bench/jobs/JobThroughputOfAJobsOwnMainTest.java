package io.infometis.streams.bench.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.infometis.streams.bench.load.FreshTopics;
import io.infometis.streams.bench.load.GeneratorBacklog;
import io.infometis.streams.bench.measure.ProcFs;
import io.infometis.streams.bench.measure.Throughput;
import io.infometis.streams.events.Topics;
import io.infometis.streams.generator.kafka.TopicNames;
import io.infometis.streams.testing.RealStackExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The path every platform job takes through the harness: found by class name, started through its own main() on
 * the harness's MiniCluster (in this JVM, or in a forked one as the harness runs it), followed through its Kafka
 * sources' offsets until it has read the backlog, then cancelled, with its checkpoint statistics and state backend
 * read from Flink's REST API.
 */
class JobThroughputOfAJobsOwnMainTest {

    @RegisterExtension
    static final RealStackExtension STACK = RealStackExtension.builder().kafka().registry().build();

    /** A read-decode-discard job over a generator backlog on topics of its own (the stack is shared in this JVM). */
    private record DecodeDiscardRun(BenchJob job, JobLauncher launcher, Map<String, Long> backlog, long payments) {

        static DecodeDiscardRun onFreshTopics(String prefix, long seed, long events) throws Exception {
            Map<String, String> topics = FreshTopics.create(STACK.kafkaBootstrapServers(), prefix,
                    List.of(Topics.PAYMENTS, Topics.ORDERS, Topics.USER_EVENTS, Topics.CUSTOMERS));
            GeneratorBacklog.Loaded loaded = new GeneratorBacklog(STACK.kafkaBootstrapServers(), STACK.registryUrl())
                    .load(seed, events, 500, 500, TopicNames.of(topics));
            BenchJob job = new BenchJob("decode-discard", DecodeDiscardJob.class.getName(), List.of(Topics.PAYMENTS));
            String payments = topics.get(Topics.PAYMENTS.name());
            JobLauncher launcher = job.launcher(Map.of("kafka.bootstrap.servers", STACK.kafkaBootstrapServers(),
                    "schema.registry.url", STACK.registryUrl(), "kafka.starting-offsets", "earliest",
                    "topic.payments", payments));
            long count = loaded.on(Topics.PAYMENTS.name());
            return new DecodeDiscardRun(job, launcher, Map.of(payments, count), count);
        }
    }

    @Test
    void aJobsOwnMainReadsTheWholeBacklogAndItsCheckpointsAreReported() throws Exception {
        DecodeDiscardRun run = DecodeDiscardRun.onFreshTopics("own-main-", 3, 3_000);
        JobThroughput runner = new JobThroughput(Map.of("bench", ProcFs.ownPid()));

        Throughput t = runner.measure("decode-discard", 1, run.backlog(), run.launcher(), Duration.ofMinutes(2));

        assertThat(run.job().available()).isTrue();
        assertThat(run.payments()).isGreaterThan(100);
        // From the first poll that saw progress to the end of the backlog: at most the whole backlog.
        assertThat(t.events()).isBetween(0L, run.payments());
        assertThat(t.workerCpuSeconds()).isPositive();
        assertThat(runner.checkpoints()).as("read from the job's REST API at the end of the run")
                .containsKey("decode-discard p1");
        assertThat(runner.stateBackends()).as("flink-conf/config.yaml's state backend, as the JobManager reports it")
                .containsEntry("decode-discard p1", "HashMapStateBackend");
    }

    @Test
    void aRunsOwnSettingsOverrideTheDeployedOnes() throws Exception {
        DecodeDiscardRun run = DecodeDiscardRun.onFreshTopics("own-settings-", 4, 1_000);
        Configuration rocksDb = new Configuration();
        rocksDb.setString("state.backend.type", "rocksdb");
        JobThroughput runner = new JobThroughput(Map.of("bench", ProcFs.ownPid()));

        runner.measure("on-rocksdb", 1, run.backlog(), run.launcher(), rocksDb, Duration.ofMinutes(2),
                Duration.ofMinutes(2));

        assertThat(runner.stateBackends()).containsEntry("on-rocksdb p1", "EmbeddedRocksDBStateBackend");
    }

    @Test
    void aJobsOwnDeployedSettingsApplyOverTheClusters() throws Exception {
        DecodeDiscardRun run = DecodeDiscardRun.onFreshTopics("own-deployed-", 5, 1_000);
        // As flink-conf/jobs/<job>.yaml gives a job its own backend (order enrichment's file says the same).
        JobLauncher onRocksDb = new JobLauncher() {
            @Override
            public void run() throws Exception {
                run.launcher().run();
            }

            @Override
            public Map<String, String> deployedSettings() {
                return Map.of("state.backend.type", "rocksdb", "taskmanager.memory.managed.fraction", "0.4");
            }
        };
        JobThroughput runner = new JobThroughput(Map.of("bench", ProcFs.ownPid()));

        runner.measure("deployed-rocksdb", 1, run.backlog(), onRocksDb, Duration.ofMinutes(2));

        assertThat(runner.stateBackends()).containsEntry("deployed-rocksdb p1", "EmbeddedRocksDBStateBackend");
    }

    @Test
    void aForkedRunMeasuresTheJobInAJvmOfItsOwnAndReportsEverythingBack() throws Exception {
        DecodeDiscardRun run = DecodeDiscardRun.onFreshTopics("own-fork-", 6, 1_000);
        long self = ProcFs.ownPid();
        JobThroughput runner = JobThroughput.forked(Map.of("bench", self));

        Throughput t = runner.measure("forked", 1, run.backlog(), run.launcher(), Duration.ofMinutes(2));

        assertThat(t.events()).isBetween(0L, run.payments());
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
    void aBacklogReadWithinTheWarmUpIsAnErrorThatSaysSoRatherThanAFigure() throws Exception {
        DecodeDiscardRun run = DecodeDiscardRun.onFreshTopics("own-warmup-", 7, 1_000);
        JobThroughput runner = new JobThroughput(Map.of("bench", ProcFs.ownPid()), Duration.ofMinutes(5));

        assertThatThrownBy(() -> runner.measure("warm", 1, run.backlog(), run.launcher(), Duration.ofMinutes(2)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("read its whole backlog (" + run.payments() + " records) within its 300 s warm-up");
    }

    @Test
    void aLauncherThatCannotBeSerializedIsRefusedForAForkedRunWithItsName() {
        JobLauncher lambda = () -> { };
        JobThroughput runner = JobThroughput.forked(Map.of("bench", ProcFs.ownPid()));

        assertThatThrownBy(() -> runner.measure("lambda", 1, Map.of("t", 1L), lambda, Duration.ofSeconds(5)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lambda")
                .hasMessageContaining("not Serializable");
    }

    @Test
    void aJobWhoseModuleIsMissingIsNotAvailable() {
        assertThat(new BenchJob("x", "io.infometis.streams.nothing.NoSuchJob", List.of()).available()).isFalse();
    }
}
