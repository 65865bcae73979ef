package io.infometis.streams.bench.micro;

import io.infometis.streams.bench.run.BenchProfile;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/** Runs the JMH benchmarks of the hot paths through JMH's Runner API with the profile's forks and iterations. */
public final class MicroBenchmarks {

    private static final List<Class<?>> BENCHMARKS =
            List.of(AvroDecodeBenchmark.class, DocumentSerializationBenchmark.class, RuleEvaluationBenchmark.class,
                    RuleWindowBenchmark.class, CepPatternBenchmark.class);

    private MicroBenchmarks() {}

    public static List<MicroResult> run(BenchProfile profile, String registryUrl) throws Exception {
        String registry = "-D" + AvroDecodeBenchmark.REGISTRY_PROPERTY + "=" + registryUrl;
        // A fork inherits the harness JVM's flags (its --add-opens included); it only needs the registry URL.
        List<String> jvmArgs = List.of(registry, "-Xmx512m");
        ChainedOptionsBuilder options = new OptionsBuilder()
                .forks(profile.jmhForks())
                .warmupIterations(profile.jmhWarmups())
                .warmupTime(TimeValue.milliseconds(profile.jmhIterationTime().toMillis()))
                .measurementIterations(profile.jmhIterations())
                .measurementTime(TimeValue.milliseconds(profile.jmhIterationTime().toMillis()))
                .jvmArgsAppend(jvmArgs.toArray(String[]::new))
                .shouldFailOnError(true);
        for (Class<?> benchmark : BENCHMARKS) {
            options.include("^" + benchmark.getName().replace(".", "\\.") + "\\.");
        }
        if (profile.jmhForks() == 0) {
            // In-process (no fork): the harness JVM must see the registry URL itself.
            System.setProperty(AvroDecodeBenchmark.REGISTRY_PROPERTY, registryUrl);
        }
        Collection<RunResult> results = new Runner(options.build()).run();
        List<MicroResult> scores = new ArrayList<>();
        for (RunResult r : results) {
            Result<?> primary = r.getPrimaryResult();
            String name = r.getParams().getBenchmark();
            String shortName = name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1);
            List<String> params = new ArrayList<>();
            for (String key : r.getParams().getParamsKeys()) {
                params.add(key + "=" + r.getParams().getParam(key));
            }
            scores.add(new MicroResult(params.isEmpty() ? shortName : shortName + " (" + String.join(", ", params) + ")",
                    primary.getScore(), primary.getScoreError(), primary.getScoreUnit()));
        }
        return scores;
    }
}
