package io.infometis.streams.bench.jobs;

import io.infometis.streams.events.TopicSpec;
import io.infometis.streams.events.Topics;
import io.infometis.streams.stack.InfometisHome;
import io.infometis.streams.stack.jobs.JobFlinkSettings;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One of the platform's jobs as the harness runs it: its entry class, started through its own {@code main} with
 * {@code --key value} arguments (exactly what {@code flink run} does), and the topics it reads. Looked up by name
 * so the harness builds and runs the rest even while a job module is not there yet; the report then lists that
 * job as not measured.
 */
public record BenchJob(String name, String mainClass, List<TopicSpec> inputs) {

    public static final BenchJob FRAUD = new BenchJob("fraud-detection",
            "io.infometis.streams.fraud.FraudDetectionJob", List.of(Topics.PAYMENTS, Topics.USER_EVENTS, Topics.ORDERS));
    public static final BenchJob ENRICHMENT = new BenchJob("order-enrichment",
            "io.infometis.streams.enrichment.OrderEnrichmentJob",
            List.of(Topics.ORDERS, Topics.PAYMENTS, Topics.CUSTOMERS));
    public static final BenchJob METRICS = new BenchJob("commerce-metrics",
            "io.infometis.streams.metrics.CommerceMetricsJob",
            List.of(Topics.ORDERS, Topics.PAYMENTS, Topics.USER_EVENTS));

    public static List<BenchJob> all() {
        return List.of(FRAUD, ENRICHMENT, METRICS);
    }

    /** The entry point, or empty when the job's module is not on the harness's class path. */
    public Optional<Method> main() {
        try {
            return Optional.of(Class.forName(mainClass).getMethod("main", String[].class));
        } catch (ClassNotFoundException | NoSuchMethodException e) {
            return Optional.empty();
        }
    }

    public boolean available() {
        return main().isPresent();
    }

    /**
     * Runs {@code main(--k v ...)}; blocks while the job runs, as {@code env.execute} does. Serializable (class
     * name and arguments), so a run can happen in a forked JVM ({@link ForkedJobRun}).
     */
    public JobLauncher launcher(Map<String, String> arguments) {
        if (!available()) {
            throw new IllegalStateException(mainClass + " is not on the class path");
        }
        List<String> args = new ArrayList<>();
        arguments.forEach((k, v) -> {
            args.add("--" + k);
            args.add(v);
        });
        return new MainLauncher(mainClass, List.copyOf(args), Map.copyOf(deployedSettings()));
    }

    /** A job's {@code main} by class name, with its arguments and its own deployed Flink settings. */
    private record MainLauncher(String mainClass, List<String> args, Map<String, String> deployedSettings)
            implements JobLauncher, java.io.Serializable {

        @Override
        public void run() throws Exception {
            Method main = Class.forName(mainClass).getMethod("main", String[].class);
            try {
                main.invoke(null, (Object) args.toArray(String[]::new));
            } catch (InvocationTargetException e) {
                throw e.getCause() instanceof Exception cause ? cause : e;
            }
        }
    }

    /** The job's own Flink settings ({@code flink-conf/jobs/<name>.yaml}), as bin/stack and Kubernetes apply them. */
    public Map<String, String> deployedSettings() {
        return JobFlinkSettings.of(InfometisHome.locate(), name).settings();
    }
}
