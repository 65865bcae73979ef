package io.infometis.streams.reliability.faults;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code bin/faults full|short}: the fault suite on the real local stack. */
@Command(name = "faults", mixinStandardHelpOptions = true,
        description = "Runs the three real jobs (order-enrichment, fraud-detection, commerce-metrics) on a fresh "
                + "local stack (free ports, temp dir) and does faults to them under traffic of known ground truth. "
                + "short: TaskManager kill, poison barrage and upgrade, small data. full: every fault; writes the "
                + "results into the report file. Exit 0 when every fault ended clean, 1 otherwise.")
public final class FaultsCommand implements Callable<Integer> {

    /** The command line this runs in: a usage error is reported through it (its err stream, its exit code). */
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", description = "short or full", defaultValue = "short")
    String form;

    @Option(names = "--jobs-dir", required = true, description = "where the job jars are: reliability/target/jobs")
    Path jobsDir;

    @Option(names = "--report", description = "Markdown file whose results section the full form replaces")
    Path report;

    @Option(names = "--previous-jobs-dir", paramLabel = "DIR",
            description = "the job jars (order-enrichment.jar, fraud-detection.jar, commerce-metrics.jar) of the "
                    + "build to upgrade from: the jobs start as that build and the upgrade starts the --jobs-dir "
                    + "build from their savepoints. bin/faults --previous <git ref> builds them. Without it the "
                    + "upgrade restarts the same build.")
    Path previousJobsDir;

    @Option(names = "--previous-build", paramLabel = "NAME",
            description = "how the report names the previous build (bin/faults passes its commit)")
    String previousBuild;

    @Option(names = "--current-build", paramLabel = "NAME",
            description = "how the report names the --jobs-dir build (bin/faults passes its commit)")
    String currentBuild;

    public static void main(String[] args) {
        System.exit(new CommandLine(new FaultsCommand()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        FaultSuite.Plan plan = switch (form) {
            case "short" -> FaultSuite.Plan.shortForm();
            case "full" -> FaultSuite.Plan.fullForm();
            default -> throw new CommandLine.ParameterException(spec.commandLine(),
                    "form: expected short or full, got '" + form + "'");
        };
        JobBuilds builds = builds();
        List<FaultSuite.Result> results = new FaultSuite(builds, plan, System.out::println).run();
        String table = ReliabilityReport.table(results, plan, builds);
        System.out.println(table);
        if (report != null && form.equals("full")) {
            writeInto(report, table);
            System.out.println("results written to " + report);
        }
        return results.stream().allMatch(FaultSuite.Result::converged) ? 0 : 1;
    }

    /** The builds the options name; a bad option is a usage error naming it and the expected form. */
    JobBuilds builds() {
        CommandLine cli = spec.commandLine();
        if (previousBuild != null && previousJobsDir == null) {
            throw new CommandLine.ParameterException(cli, "--previous-build: names the build in --previous-jobs-dir; "
                    + "expected --previous-jobs-dir DIR with it");
        }
        String current = currentBuild != null ? currentBuild : "the jars in " + jobsDir;
        try {
            return previousJobsDir == null ? JobBuilds.sameBuild(jobsDir, current)
                    : JobBuilds.upgrade(previousJobsDir,
                            previousBuild != null ? previousBuild : "the jars in " + previousJobsDir, jobsDir, current);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cli, e.getMessage(), e);
        }
    }

    /** Replaces what stands between the two markers of the report (the rest of the page is prose). */
    static void writeInto(Path file, String table) throws java.io.IOException {
        String begin = "<!-- faults:begin -->";
        String end = "<!-- faults:end -->";
        String text = Files.exists(file) ? Files.readString(file) : begin + "\n" + end + "\n";
        int from = text.indexOf(begin);
        int to = text.indexOf(end);
        if (from < 0 || to < from) {
            text = text + "\n" + begin + "\n" + end + "\n";
            from = text.indexOf(begin);
            to = text.indexOf(end);
        }
        Files.writeString(file, text.substring(0, from + begin.length()) + "\n" + table + text.substring(to));
    }
}
