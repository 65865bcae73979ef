package io.infometis.streams.reliability.faults;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Which job jars the suite runs. Without a previous build the upgrade stops every job with a savepoint and starts
 * the same jars from it (a check of the restore path only). With one, the jobs start as the previous build, every
 * phase up to the upgrade runs it, and the upgrade starts the current build from the previous build's savepoints:
 * the upgrade an operator does.
 *
 * @param current      the jars of the build under test (reliability/target/jobs)
 * @param currentName  how the report names it (bin/faults passes the commit)
 * @param previous     the jars of the build to upgrade from, if any
 * @param previousName how the report names that one
 */
record JobBuilds(Path current, String currentName, Optional<Path> previous, String previousName) {

    /** The jar file names a jobs dir must hold (the pom copies each job's shaded jar there without its version). */
    static final List<String> JARS = List.of(FaultSuite.ENRICHMENT_JAR, FaultSuite.FRAUD_JAR, FaultSuite.METRICS_JAR);

    JobBuilds {
        Objects.requireNonNull(current, "current");
        Objects.requireNonNull(currentName, "currentName");
        Objects.requireNonNull(previous, "previous");
        current = checkJobsDir("--jobs-dir", current);
        previous = previous.map(p -> checkJobsDir("--previous-jobs-dir", p));
        if (previous.isPresent() && (previousName == null || previousName.isBlank())) {
            throw new IllegalArgumentException("previousName: expected the name of the previous build, got none");
        }
    }

    static JobBuilds sameBuild(Path jobs, String name) {
        return new JobBuilds(jobs, name, Optional.empty(), null);
    }

    static JobBuilds upgrade(Path previousJobs, String previousName, Path currentJobs, String currentName) {
        return new JobBuilds(currentJobs, currentName, Optional.of(previousJobs), previousName);
    }

    /**
     * The absolute dir when it holds the three job jars; else an {@link IllegalArgumentException} that names the
     * option, the expected form and what is wrong.
     */
    static Path checkJobsDir(String option, Path dir) {
        String expected = option + ": expected a directory holding " + String.join(", ", JARS)
                + (option.equals("--previous-jobs-dir")
                        ? " (the job jars of the build to upgrade from, as bin/faults --previous <git ref> builds them)"
                        : " (reliability/target/jobs after mvn -B -ntp -pl reliability -am package -DskipTests)");
        Path absolute = dir.toAbsolutePath();
        if (!Files.isDirectory(absolute)) {
            throw new IllegalArgumentException(expected + ", got '" + dir + "': no such directory");
        }
        List<String> missing = JARS.stream().filter(jar -> !Files.isRegularFile(absolute.resolve(jar))).toList();
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException(expected + ", got '" + dir + "': no " + String.join(", no ", missing));
        }
        return absolute;
    }

    boolean acrossBuilds() {
        return previous.isPresent();
    }

    /** The jars the jobs start from at the beginning of the run. */
    Path first() {
        return previous.orElse(current);
    }

    /** One sentence for the report: which build ran before and after the upgrade. */
    String describe() {
        return previous.isPresent()
                ? "Upgrade from " + previousName + " to " + currentName + ": the jobs started as built at "
                        + previousName + ", every phase before the upgrade ran that build, the upgrade stopped each "
                        + "job with a savepoint and started the build " + currentName + " from it."
                : "Upgrade within one build (" + currentName + "): each job stopped with a savepoint and the same "
                        + "jar started from it (no previous build given).";
    }
}
