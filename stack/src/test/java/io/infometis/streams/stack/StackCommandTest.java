package io.infometis.streams.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Runs the real CLI (in this JVM) against real servers on free, non-default ports, in a state dir of its own. */
class StackCommandTest {

    private Path stateDir;

    @BeforeEach
    void stateDirBelowTarget() throws Exception {
        // Not @TempDir: that is private (0700) and Elasticsearch runs as uid 65534 when tests run as root.
        stateDir = Files.createDirectories(Path.of("target", "cli-test-" + UUID.randomUUID()).toAbsolutePath());
    }

    @AfterEach
    void neverLeaveProcesses() throws Exception {
        run("down", "--grace-seconds", "5");
        try (var paths = Files.walk(stateDir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    void upStatusSecondUpAndDown() {
        TestPorts ports = TestPorts.pick();

        Result up = up(ports, "--no-generator", "--no-jobs");
        assertThat(up.exitCode).as(up.err).isZero();
        assertThat(up.out)
                .contains("READY kafka 127.0.0.1:" + ports.single[0])
                .contains("READY registry http://127.0.0.1:" + ports.single[2] + "/apis/ccompat/v7")
                .contains("READY elasticsearch http://127.0.0.1:" + ports.single[3])
                .contains("READY flink http://127.0.0.1:" + ports.single[5])
                .contains("SKIPPED generator: --no-generator")
                .contains("SKIPPED job fraud-detection: --no-jobs", "SKIPPED job order-enrichment: --no-jobs",
                        "SKIPPED job commerce-metrics: --no-jobs")
                .contains("http://127.0.0.1:" + ports.prometheus.first() + "/metrics (JobManager)");
        List<ProcessHandle> processes = recordedProcesses();
        assertThat(processes).hasSize(ALL_PROCESSES.size()).allMatch(ProcessHandle::isAlive);
        assertThat(processesUsing(stateDir)).as("the check used after down sees the running servers")
                .hasSizeGreaterThanOrEqualTo(ALL_PROCESSES.size());
        assertThat(Readiness.get(java.net.URI.create("http://127.0.0.1:" + ports.single[3] + "/_cluster/health"))).isEqualTo(200);
        assertThat(Readiness.get(java.net.URI.create("http://127.0.0.1:" + ports.single[5] + "/overview"))).isEqualTo(200);
        assertThat(stateDir.resolve("flink/conf/config.yaml")).content()
                .contains("rest.port: '" + ports.single[5] + "'").contains("state.backend.type: hashmap");

        Result flinkList = binFlink("list");
        assertThat(flinkList.exitCode).as(flinkList.err).isZero();
        assertThat(flinkList.out).contains("No running jobs.");

        Result status = run("status");
        assertThat(status.exitCode).as(status.out).isZero();
        assertThat(status.out).contains("RUNNING kafka", "RUNNING registry", "RUNNING elasticsearch", "RUNNING flink",
                "JOBS none on http://127.0.0.1:" + ports.single[5]);

        Result second = up(ports);
        assertThat(second.exitCode).isEqualTo(1);
        assertThat(second.err).contains("already running");
        assertThat(second.out).contains("RUNNING kafka", "RUNNING flink");
        assertThat(recordedProcesses()).as("the running stack is left untouched").isEqualTo(processes)
                .allMatch(ProcessHandle::isAlive);

        Result down = run("down");
        assertThat(down.exitCode).isZero();
        assertThat(down.out).contains("STOPPED kafka", "STOPPED registry", "STOPPED elasticsearch",
                "STOPPED flink-jobmanager", "STOPPED flink-taskmanager");
        assertThat(processes).noneMatch(ProcessHandle::isAlive);
        assertThat(processesUsing(stateDir)).as("no process of this stack survives (checked like ps)").isEmpty();

        Result after = run("status");
        assertThat(after.exitCode).isEqualTo(StackCommand.NOT_RUNNING);
        assertThat(after.out).contains("STOPPED");
    }

    @Test
    void upOnATakenPortFailsNamingItAndLeavesNothingRunning() throws Exception {
        TestPorts ports = TestPorts.pick();
        try (ServerSocket taken = new ServerSocket(ports.single[3], 1, InetAddress.getByName(Ports.HOST))) {
            Result up = up(ports);
            assertThat(up.exitCode).isEqualTo(1);
            assertThat(up.err).contains("elasticsearch: http port " + ports.single[3]).contains("already in use");
            assertThat(up.out).doesNotContain("READY");
        }
        try (ServerSocket taken = new ServerSocket(ports.prometheus.last(), 1, InetAddress.getByName(Ports.HOST))) {
            Result up = up(ports);
            assertThat(up.exitCode).isEqualTo(1);
            assertThat(up.err).contains("flink: taskmanager-prometheus port " + ports.prometheus.last())
                    .contains("already in use");
        }
        assertThat(run("status").exitCode).isEqualTo(StackCommand.NOT_RUNNING);
        assertThat(StackCommand.liveProcesses(layout(), ALL_PROCESSES)).isEmpty();
    }

    @Test
    void badFlinkPortRangeIsRefusedNamingTheOption() {
        TestPorts ports = TestPorts.pick();
        String[] args = ports.args();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--flink-prometheus-ports")) {
                args[i + 1] = "9249";
            }
        }
        Result up = run(concat(new String[] {"up"}, args));
        assertThat(up.exitCode).isEqualTo(1);
        assertThat(up.err).contains("Invalid Flink ports").contains("9249-9249 is too small");
    }

    @Test
    void binFlinkWithoutARunningStackSaysHowToStartIt() throws Exception {
        Result list = binFlink("list");
        assertThat(list.exitCode).isEqualTo(1);
        assertThat(list.err).contains("The local stack is not up").contains("bin/stack up");
    }

    @Test
    void statusOfAStackNeverStartedSaysSo() {
        Result status = run("status");
        assertThat(status.exitCode).isEqualTo(StackCommand.NOT_RUNNING);
        assertThat(status.out).contains("STOPPED stack (nothing running)");
    }

    private static final List<String> ALL_PROCESSES =
            List.of("kafka", "registry", "elasticsearch", "flink-jobmanager", "flink-taskmanager");

    /** Every port of a stack, free-picked: 10 single ports and the two 2-port ranges of Flink. */
    private record TestPorts(int[] single, io.infometis.streams.stack.flink.PortRange prometheus,
                             io.infometis.streams.stack.flink.PortRange queryService) {
        static TestPorts pick() {
            var prometheus = Ports.freeRange(2);
            var queryService = Ports.freeRange(2);
            while (overlaps(queryService, prometheus)) {
                queryService = Ports.freeRange(2);
            }
            int[] single;
            do {
                single = Ports.free(10);
            } while (anyIn(single, prometheus) || anyIn(single, queryService));
            return new TestPorts(single, prometheus, queryService);
        }

        private static boolean overlaps(io.infometis.streams.stack.flink.PortRange a, io.infometis.streams.stack.flink.PortRange b) {
            return a.first() <= b.last() && b.first() <= a.last();
        }

        private static boolean anyIn(int[] ports, io.infometis.streams.stack.flink.PortRange range) {
            return java.util.Arrays.stream(ports).anyMatch(p -> p >= range.first() && p <= range.last());
        }

        String[] args() {
            return new String[] {"--kafka-port", "" + single[0], "--kafka-controller-port", "" + single[1],
                    "--registry-port", "" + single[2], "--es-port", "" + single[3], "--es-transport-port", "" + single[4],
                    "--flink-rest-port", "" + single[5], "--flink-rpc-port", "" + single[6],
                    "--flink-blob-port", "" + single[7], "--flink-taskmanager-rpc-port", "" + single[8],
                    "--flink-data-port", "" + single[9], "--flink-prometheus-ports", prometheus.toString(),
                    "--flink-query-service-ports", queryService.toString()};
        }
    }

    private Result up(TestPorts ports, String... extra) {
        return run(concat(concat(new String[] {"up"}, ports.args()), extra));
    }

    private static String[] concat(String[] a, String[] b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    private List<ProcessHandle> recordedProcesses() {
        return ALL_PROCESSES.stream()
                .map(name -> PidFile.read(layout().pidFile(name)).orElseThrow(() -> new AssertionError(name + " not running")))
                .toList();
    }

    /**
     * Every live process that runs in the state dir or names it on its command line (what {@code ps} and
     * {@code /proc/<pid>/cwd} would show): each server of the stack does one or both.
     */
    private static List<String> processesUsing(Path dir) {
        return ProcessHandle.allProcesses().filter(ProcessHandle::isAlive)
                .filter(p -> p.info().commandLine().filter(c -> c.contains(dir.toString())).isPresent()
                        || workingDir(p).filter(cwd -> cwd.startsWith(dir)).isPresent())
                .map(p -> p.pid() + " " + p.info().commandLine().orElse("")).toList();
    }

    private static java.util.Optional<Path> workingDir(ProcessHandle p) {
        try {
            return java.util.Optional.of(Files.readSymbolicLink(Path.of("/proc", Long.toString(p.pid()), "cwd")));
        } catch (Exception e) {
            return java.util.Optional.empty(); // gone, or not ours to inspect
        }
    }

    /** The real bin/flink script against this test's state dir. */
    private Result binFlink(String... args) {
        List<String> command = new java.util.ArrayList<>(List.of("bash",
                InfometisHome.locate().resolve("bin/flink").toString()));
        command.addAll(List.of(args));
        try {
            ProcessBuilder pb = new ProcessBuilder(command);
            pb.environment().put("INFOMETIS_STACK_DIR", stateDir.toString());
            pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
            Path out = Files.createTempFile(stateDir, "bin-flink", ".out");
            Path err = Files.createTempFile(stateDir, "bin-flink", ".err");
            Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!p.waitFor(2, java.util.concurrent.TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new AssertionError("bin/flink " + String.join(" ", args) + " did not finish in 2 min");
            }
            return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private StackLayout layout() {
        return StackLayout.under(InfometisHome.locate(), stateDir, true);
    }

    private Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = StackCommand.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        String[] full = new String[args.length + 2];
        full[0] = "--state-dir";
        full[1] = stateDir.toString();
        System.arraycopy(args, 0, full, 2, args.length);
        int code = cli.execute(full);
        return new Result(code, out.toString(), err.toString());
    }

    private record Result(int exitCode, String out, String err) {}
}
