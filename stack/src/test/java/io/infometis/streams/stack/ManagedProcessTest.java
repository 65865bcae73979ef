package io.infometis.streams.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ManagedProcess against real (tiny) OS processes: bash scripts standing in for servers. */
class ManagedProcessTest {

    @TempDir
    Path dir;

    @Test
    void waitsForReadinessRecordsThePidAndStopsWithSigterm() throws Exception {
        Path log = dir.resolve("logs/server.log");
        ManagedProcess server = ManagedProcess.builder("server")
                .command("bash", "-c", "echo listening; exec sleep 600")
                .workDir(dir).logFile(log).pidFile(dir.resolve("pids/server.pid"))
                .readiness(() -> Files.readString(log).contains("listening"))
                .build()
                .start();

        assertThat(server.isAlive()).isTrue();
        assertThat(PidFile.read(dir.resolve("pids/server.pid"))).map(ProcessHandle::pid).contains(server.pid());

        server.stop();
        assertThat(server.isAlive()).isFalse();
        assertThat(dir.resolve("pids/server.pid")).doesNotExist();
    }

    @Test
    void escalatesToSigkillWhenSigtermIsIgnored() throws Exception {
        Path log = dir.resolve("stubborn.log");
        ManagedProcess stubborn = ManagedProcess.builder("stubborn")
                .command("bash", "-c", "trap '' TERM; echo up; while true; do sleep 0.2; done")
                .workDir(dir).logFile(log)
                .readiness(() -> Files.readString(log).contains("up"))
                .stopGrace(Duration.ofMillis(500))
                .build()
                .start();
        ProcessHandle handle = ProcessHandle.of(stubborn.pid()).orElseThrow();

        stubborn.stop();

        assertThat(handle.isAlive()).isFalse();
    }

    @Test
    void aProcessThatDiesBeforeItIsReadyFailsWithTheEndOfItsLog() {
        ManagedProcess broken = ManagedProcess.builder("broken")
                .command("bash", "-c", "echo 'bind failed: the reason'; exit 7")
                .workDir(dir).logFile(dir.resolve("broken.log"))
                .readiness(() -> false)
                .build();

        assertThatThrownBy(broken::start)
                .isInstanceOf(StackException.class)
                .hasMessageContaining("broken exited with code 7 before it was ready")
                .hasMessageContaining("bind failed: the reason");
    }

    @Test
    void aProcessThatNeverGetsReadyIsStoppedAfterTheTimeout() {
        ManagedProcess slow = ManagedProcess.builder("slow")
                .command("sleep", "600")
                .workDir(dir).logFile(dir.resolve("slow.log"))
                .readiness(() -> false)
                .startTimeout(Duration.ofSeconds(1))
                .build();

        assertThatThrownBy(slow::start)
                .isInstanceOf(StackException.class)
                .hasMessageContaining("slow was not ready within 1 s");
        assertThat(slow.isAlive()).isFalse();
    }

    @Test
    void aOneShotCommandReturnsTheOutputOfThatRunOnly() {
        Path log = dir.resolve("tool.log");
        ManagedProcess.runToCompletion("tool", List.of("echo", "first"), Map.of(), dir, log, Duration.ofSeconds(30));

        String output = ManagedProcess.runToCompletion("tool", List.of("bash", "-c", "echo second; echo err >&2"),
                Map.of(), dir, log, Duration.ofSeconds(30));

        assertThat(output).isEqualTo("second\nerr\n");
    }

    @Test
    void aFailingOneShotCommandReportsItsExitCodeAndLog() {
        assertThatThrownBy(() -> ManagedProcess.runToCompletion("format",
                List.of("bash", "-c", "echo 'cluster id invalid' >&2; exit 2"), Map.of(), dir,
                dir.resolve("format.log"), Duration.ofSeconds(30)))
                .isInstanceOf(StackException.class)
                .hasMessageContaining("format failed with exit code 2")
                .hasMessageContaining("cluster id invalid");
    }

    @Test
    void aPidFileWhosePidWasReusedByAnotherProcessIsIgnored() throws Exception {
        ProcessHandle self = ProcessHandle.current();
        Path pidFile = dir.resolve("reused.pid");

        PidFile.write(pidFile, self);
        assertThat(PidFile.read(pidFile)).contains(self);

        long otherStart = self.info().startInstant().orElseThrow().toEpochMilli() - 3_600_000;
        Files.writeString(pidFile, self.pid() + " " + otherStart);
        assertThat(PidFile.read(pidFile)).isEmpty();
    }

    @Test
    void builderRejectsMissingOrInvalidSettings() {
        assertThatThrownBy(() -> ManagedProcess.builder("Bad Name")).hasMessageContaining("lower-case");
        assertThatThrownBy(() -> ManagedProcess.builder("x").workDir(dir).logFile(dir.resolve("x.log")).build())
                .hasMessageContaining("command is required");
        assertThatThrownBy(() -> ManagedProcess.builder("x").stopGrace(Duration.ZERO))
                .hasMessageContaining("stopGrace must be positive");
    }
}
