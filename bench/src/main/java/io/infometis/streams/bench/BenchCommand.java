package io.infometis.streams.bench;

import io.infometis.streams.bench.run.BenchProfile;
import io.infometis.streams.bench.run.BenchRun;
import io.infometis.streams.stack.InfometisHome;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code bin/bench full|smoke [--out FILE] [--backlog N]}: one run of the harness on its own real stack, ending
 * with a Markdown report (and its PNG charts in a folder named after it). Exit code 0 when every step succeeded,
 * 2 when some failed (the report says which), 1 for bad arguments.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks the InfoMetis Streams jobs on a real local stack and writes a Markdown report.",
        subcommands = {BenchCommand.Full.class, BenchCommand.Smoke.class})
public final class BenchCommand implements Callable<Integer> {

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit code (the smoke test calls this). */
    public static int run(String... args) {
        return new CommandLine(new BenchCommand()).execute(args);
    }

    @Override
    public Integer call() {
        CommandLine.usage(this, System.err);
        return 1;
    }

    abstract static class Form implements Callable<Integer> {
        @ParentCommand
        BenchCommand parent;

        @Option(names = "--out", paramLabel = "FILE",
                description = "Report to write; charts go to a folder of the same name without .md. Default: ${DEFAULT-VALUE}.")
        Path out;

        @Option(names = "--backlog", paramLabel = "EVENTS",
                description = "Payments to pre-load instead of the profile's.")
        Long backlog;

        @Option(names = "--no-jmh", description = "Skip the JMH microbenchmarks (the report says so).")
        boolean noJmh;

        abstract BenchProfile profile();

        abstract String defaultOut();

        @Override
        public Integer call() throws Exception {
            BenchProfile profile = profile();
            if (backlog != null) {
                if (backlog < 2) {
                    throw new CommandLine.ParameterException(new CommandLine(this),
                            "--backlog: expected at least 2 events, got " + backlog);
                }
                profile = profile.withBacklog(backlog);
            }
            Path report = out != null ? out : InfometisHome.locate().resolve(defaultOut());
            return new BenchRun(profile, report, commandLine(), !noJmh).execute() ? 0 : 2;
        }

        private String commandLine() {
            List<String> words = new ArrayList<>(List.of("bin/bench", profile().name()));
            if (out != null) {
                words.add("--out");
                words.add(out.toString());
            }
            if (backlog != null) {
                words.add("--backlog");
                words.add(Long.toString(backlog));
            }
            if (noJmh) {
                words.add("--no-jmh");
            }
            return String.join(" ", words);
        }
    }

    @Command(name = "full", description = "The published run: a backlog of millions, JMH with forks (tens of minutes).")
    static final class Full extends Form {
        @Override
        BenchProfile profile() {
            return BenchProfile.full();
        }

        @Override
        String defaultOut() {
            return "docs/performance.md";
        }
    }

    @Command(name = "smoke", description = "Every step tiny (about a minute); figures are not results.")
    static final class Smoke extends Form {
        @Override
        BenchProfile profile() {
            return BenchProfile.smoke();
        }

        @Override
        String defaultOut() {
            return "bench/target/performance-smoke.md";
        }
    }
}
