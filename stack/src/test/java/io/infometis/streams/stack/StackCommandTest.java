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
        int[] ports = Ports.free(5);

        Result up = up(ports);
        assertThat(up.exitCode).as(up.err).isZero();
        assertThat(up.out)
                .contains("READY kafka 127.0.0.1:" + ports[0])
                .contains("READY registry http://127.0.0.1:" + ports[2] + "/apis/ccompat/v7")
                .contains("READY elasticsearch http://127.0.0.1:" + ports[3]);
        List<ProcessHandle> processes = recordedProcesses();
        assertThat(processes).hasSize(3).allMatch(ProcessHandle::isAlive);
        assertThat(Readiness.get(java.net.URI.create("http://127.0.0.1:" + ports[3] + "/_cluster/health"))).isEqualTo(200);

        Result status = run("status");
        assertThat(status.exitCode).isZero();
        assertThat(status.out).contains("RUNNING kafka", "RUNNING registry", "RUNNING elasticsearch");

        Result second = up(ports);
        assertThat(second.exitCode).isEqualTo(1);
        assertThat(second.err).contains("already running");
        assertThat(second.out).contains("RUNNING kafka");
        assertThat(recordedProcesses()).as("the running stack is left untouched").isEqualTo(processes)
                .allMatch(ProcessHandle::isAlive);

        Result down = run("down");
        assertThat(down.exitCode).isZero();
        assertThat(down.out).contains("STOPPED kafka", "STOPPED registry", "STOPPED elasticsearch");
        assertThat(processes).noneMatch(ProcessHandle::isAlive);

        Result after = run("status");
        assertThat(after.exitCode).isEqualTo(StackCommand.NOT_RUNNING);
        assertThat(after.out).contains("STOPPED");
    }

    @Test
    void upOnATakenPortFailsNamingItAndLeavesNothingRunning() throws Exception {
        int[] ports = Ports.free(5);
        try (ServerSocket taken = new ServerSocket(ports[3], 1, InetAddress.getByName(Ports.HOST))) {
            Result up = up(ports);
            assertThat(up.exitCode).isEqualTo(1);
            assertThat(up.err).contains("elasticsearch: http port " + ports[3]).contains("already in use");
            assertThat(up.out).doesNotContain("READY");
        }
        assertThat(run("status").exitCode).isEqualTo(StackCommand.NOT_RUNNING);
        assertThat(StackCommand.liveProcesses(layout(), List.of("kafka", "registry", "elasticsearch"))).isEmpty();
    }

    @Test
    void statusOfAStackNeverStartedSaysSo() {
        Result status = run("status");
        assertThat(status.exitCode).isEqualTo(StackCommand.NOT_RUNNING);
        assertThat(status.out).contains("STOPPED stack (nothing running)");
    }

    private Result up(int[] ports) {
        return run("up", "--kafka-port", "" + ports[0], "--kafka-controller-port", "" + ports[1],
                "--registry-port", "" + ports[2], "--es-port", "" + ports[3], "--es-transport-port", "" + ports[4]);
    }

    private List<ProcessHandle> recordedProcesses() {
        return List.of("kafka", "registry", "elasticsearch").stream()
                .map(name -> PidFile.read(layout().pidFile(name)).orElseThrow(() -> new AssertionError(name + " not running")))
                .toList();
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
