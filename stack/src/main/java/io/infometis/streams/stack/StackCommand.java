package io.infometis.streams.stack;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import io.infometis.streams.stack.flink.FlinkRest;
import io.infometis.streams.stack.flink.FlinkSessionCluster;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code bin/stack up|down|status}: the local platform (Kafka, schema registry, Elasticsearch, the Flink session
 * cluster, the event generator, the jobs submitted with {@code flink run}) as background processes that outlive
 * the command, with state (pids, ports, logs, Flink's effective conf) in {@code .stack/} at the repository root.
 */
@Command(name = "stack", mixinStandardHelpOptions = true,
        description = "Runs the local InfoMetis Streams platform: Kafka (KRaft), schema registry, Elasticsearch, Flink, "
                + "the event generator and the jobs.",
        subcommands = {StackCommand.Up.class, StackCommand.Down.class, StackCommand.Status.class})
public final class StackCommand {

    /** Exit code of {@code status} when the stack is not (fully) running, as LSB init scripts use. */
    public static final int NOT_RUNNING = 3;

    @Option(names = "--state-dir", description = "State dir (pids, ports, logs, data). Default: <repo>/.stack")
    Path stateDir;

    @Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    public static CommandLine commandLine() {
        return new CommandLine(new StackCommand())
                .setExecutionExceptionHandler((e, cmd, parsed) -> {
                    cmd.getErr().println("ERROR " + e.getMessage());
                    return 1;
                });
    }

    Path home() {
        return InfometisHome.locate();
    }

    Path stateDir() {
        return (stateDir != null ? stateDir : home().resolve(".stack")).toAbsolutePath().normalize();
    }

    StackLayout layout() {
        return StackLayout.under(home(), stateDir(), true);
    }

    /** Live processes of the recorded stack (pid file present and still the process we started). */
    static List<String> liveProcesses(StackLayout layout, List<String> names) {
        return names.stream().filter(n -> PidFile.read(layout.pidFile(n)).isPresent()).toList();
    }

    /** Every process that has a pid file: the recorded ones in start order, then any left by an interrupted up. */
    static List<String> knownProcesses(StackLayout layout) {
        Set<String> names = new LinkedHashSet<>();
        StackState.read(layout.baseDir()).ifPresent(s -> names.addAll(s.processes()));
        if (Files.isDirectory(layout.pidDir())) {
            try (Stream<Path> files = Files.list(layout.pidDir())) {
                files.map(p -> p.getFileName().toString()).filter(f -> f.endsWith(".pid")).sorted()
                        .forEach(f -> names.add(f.substring(0, f.length() - ".pid".length())));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return List.copyOf(names);
    }

    @Command(name = "up", mixinStandardHelpOptions = true,
            description = "Starts every component and prints one 'READY <component> <url>' line per component "
                    + "(one per Flink job), or SKIPPED/FAILED with the reason. Exit 0: all up; 1: nothing started; "
                    + "2: the stack runs but a job failed.")
    public static final class Up implements Callable<Integer> {

        @ParentCommand
        StackCommand parent;

        @Option(names = "--kafka-port", paramLabel = "PORT", defaultValue = "9092", description = "Kafka broker port (default ${DEFAULT-VALUE})")
        int kafkaPort;

        @Option(names = "--kafka-controller-port", paramLabel = "PORT", defaultValue = "9093",
                description = "Kafka KRaft controller port (default ${DEFAULT-VALUE})")
        int kafkaControllerPort;

        @Option(names = "--registry-port", paramLabel = "PORT", defaultValue = "8081", description = "Schema registry port (default ${DEFAULT-VALUE})")
        int registryPort;

        @Option(names = "--es-port", paramLabel = "PORT", defaultValue = "9200", description = "Elasticsearch HTTP port (default ${DEFAULT-VALUE})")
        int elasticsearchPort;

        @Option(names = "--es-transport-port", paramLabel = "PORT", defaultValue = "9300",
                description = "Elasticsearch transport port (default ${DEFAULT-VALUE})")
        int elasticsearchTransportPort;

        @Option(names = "--flink-rest-port", paramLabel = "PORT", defaultValue = "8083",
                description = "Flink web UI and REST API port (default ${DEFAULT-VALUE})")
        int flinkRestPort;

        @Option(names = "--flink-rpc-port", paramLabel = "PORT", defaultValue = "6123", description = "Flink JobManager RPC port (default ${DEFAULT-VALUE})")
        int flinkRpcPort;

        @Option(names = "--flink-blob-port", paramLabel = "PORT", defaultValue = "6124", description = "Flink blob server port (default ${DEFAULT-VALUE})")
        int flinkBlobPort;

        @Option(names = "--flink-taskmanager-rpc-port", paramLabel = "PORT", defaultValue = "6122",
                description = "Flink TaskManager RPC port (default ${DEFAULT-VALUE})")
        int flinkTaskManagerRpcPort;

        @Option(names = "--flink-data-port", paramLabel = "PORT", defaultValue = "6121",
                description = "Flink TaskManager data (shuffle) port (default ${DEFAULT-VALUE})")
        int flinkDataPort;

        @Option(names = "--flink-prometheus-ports", paramLabel = "FIRST-LAST", defaultValue = "9249-9250",
                description = "Prometheus endpoints: JobManager on the first port, TaskManager on the second (default ${DEFAULT-VALUE})")
        String flinkPrometheusPorts;

        @Option(names = "--flink-query-service-ports", paramLabel = "FIRST-LAST", defaultValue = "50100-50101",
                description = "Flink metric query service: JobManager first, TaskManager second (default ${DEFAULT-VALUE})")
        String flinkQueryServicePorts;

        @Option(names = "--no-generator", description = "Do not start the event generator")
        boolean noGenerator;

        @Option(names = "--generator-rate", paramLabel = "EVENTS_PER_S", defaultValue = "20",
                description = "Events per second the generator writes (default ${DEFAULT-VALUE})")
        int generatorRate;

        @Option(names = "--no-jobs", description = "Do not submit the Flink jobs")
        boolean noJobs;

        /** Exit code of up when the stack runs but a job failed to start (see its FAILED line). */
        public static final int JOB_FAILED = 2;

        @Override
        public Integer call() {
            PrintWriter out = parent.spec.commandLine().getOut();
            PrintWriter err = parent.spec.commandLine().getErr();
            StackLayout layout = parent.layout();
            List<String> live = liveProcesses(layout, knownProcesses(layout));
            if (!live.isEmpty()) {
                err.println("The stack in " + layout.baseDir() + " is already running " + live
                        + "; not starting a second copy (run 'stack down' first).");
                Status.print(layout, out);
                return 1;
            }
            CliComponents.Plan plan = CliComponents.plan(this, layout);
            List<StackComponent> components = plan.components();
            resetState(layout, components);
            long begin = System.nanoTime();
            new LocalStack(components).start();
            StackState.of(components).write(layout.baseDir());
            boolean failed = false;
            for (StackComponent c : components) {
                for (String line : c.readyLines()) {
                    out.println(line);
                    failed |= line.startsWith("FAILED");
                }
            }
            plan.skipped().forEach(out::println);
            components.stream().filter(c -> c instanceof FlinkSessionCluster).map(c -> (FlinkSessionCluster) c)
                    .findFirst().ifPresent(f -> out.println("Flink UI " + f.url() + "; metrics " + f.jobManagerMetricsUrl()
                            + " (JobManager) " + f.taskManagerMetricsUrl() + " (TaskManager); bin/flink uses "
                            + FlinkSessionCluster.confDir(layout)));
            out.printf("Stack up in %.1f s; logs in %s; stop with 'stack down'%n",
                    (System.nanoTime() - begin) / 1e9, layout.logsDir());
            if (failed) {
                err.println("A job did not start (FAILED line above); the rest of the stack runs. Fix it and submit it"
                        + " with bin/flink run, or run 'stack down'.");
            }
            out.flush();
            return failed ? JOB_FAILED : 0;
        }

        /**
         * The local stack is disposable: every up starts empty. (The registry keeps schemas in memory, so Kafka
         * data kept from an earlier run would carry schema ids the new registry never issued.) Only what the stack
         * itself creates is removed, never anything else in the state dir.
         */
        private static void resetState(StackLayout layout, List<StackComponent> components) {
            List<Path> owned = new ArrayList<>(List.of(layout.logsDir(), layout.pidDir()));
            components.forEach(c -> owned.add(layout.baseDir().resolve(c.name())));
            try {
                for (Path dir : owned) {
                    if (Files.exists(dir)) {
                        deleteRecursively(dir);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot clear the old stack state in " + layout.baseDir(), e);
            }
            StackState.delete(layout.baseDir());
        }

        private static void deleteRecursively(Path root) throws IOException {
            try (Stream<Path> paths = Files.walk(root)) {
                for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    @Command(name = "down", mixinStandardHelpOptions = true,
            description = "Stops every process of the stack (SIGTERM, then SIGKILL after a grace period). Flink jobs "
                    + "need no cancel: they stop with the cluster; take a savepoint first (bin/flink stop) to keep state.")
    public static final class Down implements Callable<Integer> {

        @ParentCommand
        StackCommand parent;

        @Option(names = "--grace-seconds", defaultValue = "30",
                description = "Seconds to wait after SIGTERM before SIGKILL (default ${DEFAULT-VALUE})")
        int graceSeconds;

        @Override
        public Integer call() {
            PrintWriter out = parent.spec.commandLine().getOut();
            StackLayout layout = parent.layout();
            List<String> processes = new ArrayList<>(knownProcesses(layout));
            // Last started first: nothing loses a dependency while it is still running.
            java.util.Collections.reverse(processes);
            for (String name : processes) {
                Path pidFile = layout.pidFile(name);
                Optional<ProcessHandle> process = PidFile.read(pidFile);
                if (process.isPresent()) {
                    ManagedProcess.stop(process.get(), Duration.ofSeconds(graceSeconds));
                    out.println("STOPPED " + name + " (pid " + process.get().pid() + ")");
                }
                try {
                    Files.deleteIfExists(pidFile);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            StackState.delete(layout.baseDir());
            out.println(processes.isEmpty() ? "Nothing was running." : "Stack down.");
            out.flush();
            return 0;
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "Tells which components run. Exit code 0 when all run, " + NOT_RUNNING + " otherwise.")
    public static final class Status implements Callable<Integer> {

        @ParentCommand
        StackCommand parent;

        @Override
        public Integer call() {
            PrintWriter out = parent.spec.commandLine().getOut();
            boolean allRunning = print(parent.layout(), out);
            out.flush();
            return allRunning ? 0 : NOT_RUNNING;
        }

        /** One line per component: RUNNING/STOPPED, name, url, pids. */
        static boolean print(StackLayout layout, PrintWriter out) {
            Optional<StackState> state = StackState.read(layout.baseDir());
            if (state.isEmpty() || state.get().components().isEmpty()) {
                List<String> strays = liveProcesses(layout, knownProcesses(layout));
                out.println(strays.isEmpty() ? "STOPPED stack (nothing running)"
                        : "STARTING/INCOMPLETE stack: processes " + strays + " run without a recorded state");
                return false;
            }
            boolean all = true;
            for (StackState.ComponentState c : state.get().components()) {
                List<String> pids = new ArrayList<>();
                boolean running = !c.processes().isEmpty();
                for (String process : c.processes()) {
                    Optional<ProcessHandle> handle = PidFile.read(layout.pidFile(process));
                    running &= handle.isPresent();
                    handle.ifPresent(h -> pids.add(process + "=" + h.pid()));
                }
                all &= running;
                out.println((running ? "RUNNING " : "STOPPED ") + c.name() + " " + c.url() + " ports=" + c.ports()
                        + (pids.isEmpty() ? "" : " pids=" + String.join(",", pids)));
            }
            state.get().components().stream().filter(c -> c.name().equals(FlinkSessionCluster.NAME)).findFirst()
                    .ifPresent(flink -> printJobs(flink.url(), out));
            out.println("logs: " + layout.logsDir());
            return all;
        }

        /** One {@code JOB <state> <name> <id>} line per job the Flink cluster knows (REST /jobs/overview). */
        static void printJobs(String flinkUrl, PrintWriter out) {
            FlinkRest rest = new FlinkRest(flinkUrl);
            if (rest.overview().isEmpty()) {
                out.println("JOBS unknown: Flink at " + flinkUrl + " does not answer");
                return;
            }
            List<FlinkRest.JobOverview> jobs = rest.jobs();
            if (jobs.isEmpty()) {
                out.println("JOBS none on " + flinkUrl);
            }
            jobs.stream().sorted(Comparator.comparing(FlinkRest.JobOverview::name))
                    .forEach(j -> out.println("JOB " + j.state() + " " + j.name() + " " + j.id()));
        }
    }
}
