package io.infometis.streams.stack.jobs;

import io.infometis.streams.stack.ManagedProcess;
import io.infometis.streams.stack.StackComponent;
import io.infometis.streams.stack.StackException;
import io.infometis.streams.stack.flink.FlinkCli;
import io.infometis.streams.stack.flink.FlinkRest;
import io.infometis.streams.stack.flink.FlinkSessionCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The one-shot step that submits every built job to the session cluster with the real {@code flink run -d}
 * ({@link FlinkCli}), pointing it at the stack's Kafka, registry and Elasticsearch, and waits until each job runs.
 * A job whose jar is missing is SKIPPED (with the build command); one that fails to submit or to start is FAILED
 * with the reason, and the others are still submitted: a broken job must not take the whole stack down.
 */
public final class JobSubmission implements StackComponent {

    public static final String NAME = "jobs";
    private static final Duration RUNNING_TIMEOUT = Duration.ofSeconds(120);

    private final Path home;
    private final List<FlinkJobSpec> jobs;
    private final FlinkSessionCluster flink;
    private final List<String> dependsOn;
    private final Supplier<List<String>> jobArguments;
    private final List<String> lines = new ArrayList<>();

    /**
     * @param dependsOn    the components the jobs read from and write to (they must be ready before submission)
     * @param jobArguments the {@code --key value} arguments every job gets, computed when the stack is up
     */
    public JobSubmission(Path home, List<FlinkJobSpec> jobs, FlinkSessionCluster flink, List<String> dependsOn,
                         Supplier<List<String>> jobArguments) {
        this.home = home;
        this.jobs = List.copyOf(jobs);
        this.flink = flink;
        this.dependsOn = List.copyOf(dependsOn);
        this.jobArguments = jobArguments;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> dependsOn() {
        return dependsOn;
    }

    @Override
    public void start() {
        lines.clear();
        FlinkRest rest = flink.rest();
        FlinkCli cli = null;
        for (FlinkJobSpec job : jobs) {
            Optional<Path> jar = job.jar(home);
            if (jar.isEmpty()) {
                lines.add("SKIPPED job " + job.name() + ": not built (no shaded jar in " + job.targetDir(home)
                        + "; build it with mvn -B -q -DskipTests package -pl " + job.module() + " -am)");
                continue;
            }
            cli = cli != null ? cli : flink.cli();
            try {
                // The job's own settings (flink-conf/jobs/<job>.yaml) as `flink run -D`: e.g. enrichment on RocksDB.
                Map<String, String> flags = job.flinkSettings(home).forSessionSubmission();
                String jobId = cli.submitDetached(jar.get(), job.entryClass(), jobArguments.get(), Optional.empty(),
                        flags);
                awaitRunning(rest, jobId);
                lines.add("READY job " + job.name() + " " + jobId + flagsNote(flags));
            } catch (StackException e) {
                lines.add("FAILED job " + job.name() + ": " + firstLine(e.getMessage()));
            }
        }
    }

    private static void awaitRunning(FlinkRest rest, String jobId) {
        long deadline = System.nanoTime() + RUNNING_TIMEOUT.toNanos();
        Optional<String> state = Optional.empty();
        while (System.nanoTime() < deadline) {
            state = rest.jobState(jobId);
            if (state.filter("RUNNING"::equals).isPresent()) {
                return;
            }
            if (state.filter(s -> s.equals("FAILED") || s.equals("CANCELED") || s.equals("FINISHED")).isPresent()) {
                break;
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StackException("Interrupted while waiting for job " + jobId, e);
            }
        }
        throw new StackException("job " + jobId + " is " + state.orElse("unknown") + ", not RUNNING"
                + rest.rootException(jobId).map(ex -> " (" + firstLine(ex) + ")").orElse("")
                + "; see the JobManager log");
    }

    private static String flagsNote(Map<String, String> flags) {
        if (flags.isEmpty()) {
            return "";
        }
        StringBuilder note = new StringBuilder(" (");
        flags.forEach((k, v) -> note.append(note.length() > 2 ? " " : "").append("-D").append(k).append('=').append(v));
        return note.append(')').toString();
    }

    private static String firstLine(String text) {
        return text == null ? "" : text.lines().findFirst().orElse("");
    }

    @Override
    public List<String> readyLines() {
        return List.copyOf(lines);
    }

    /** Nothing to stop: the jobs stop with the cluster (their last checkpoint stays in the checkpoints dir). */
    @Override
    public void stop() {}

    @Override
    public boolean isRunning() {
        return false;
    }

    @Override
    public String url() {
        return flink.url();
    }

    @Override
    public Map<String, Integer> ports() {
        return Map.of();
    }

    @Override
    public List<ManagedProcess> processes() {
        return List.of();
    }
}
