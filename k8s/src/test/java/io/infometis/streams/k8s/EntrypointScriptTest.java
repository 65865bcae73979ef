package io.infometis.streams.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job image's entrypoint (image/entrypoint.sh), run with bash as the pod would run it: a read-only
 * configuration directory like the operator's ConfigMap mount, JOBARG_* variables like those from the ConfigMap
 * and Secret, and in place of Flink's entrypoint a script that prints what it was given.
 */
class EntrypointScriptTest {

    private static final String CONFIG = String.join("\n",
            "$internal.application.program-args: '--kafka.bootstrap.servers;${JOBARG_KAFKA};--elasticsearch.password;${JOBARG_PASSWORD};--topic.dlq;dlq'",
            "$internal.pipeline.job-id: 00000000000000000000000000000001",
            "kubernetes.entry.path: /opt/infometis/bin/entrypoint.sh",
            "other: ${NOT_A_JOBARG}",
            "");

    @TempDir
    static Path dir;
    private static Path confDir;
    private static Path delegate;

    @BeforeAll
    static void layOut() throws IOException {
        assertThat(Path.of("/usr/bin/envsubst")).as("envsubst (Debian package gettext-base; the flink image has it)")
                .isExecutable();
        confDir = Files.createDirectories(dir.resolve("conf"));
        Files.writeString(confDir.resolve("config.yaml"), CONFIG);
        Files.writeString(confDir.resolve("log4j-console.properties"), "rootLogger.level = INFO\n");
        confDir.resolve("config.yaml").toFile().setWritable(false);
        delegate = dir.resolve("flink-entrypoint.sh");
        Files.writeString(delegate, "#!/usr/bin/env bash\necho \"args: $*\"\necho \"conf dir: $FLINK_CONF_DIR\"\n"
                + "cat \"$FLINK_CONF_DIR/config.yaml\"\nls \"$FLINK_CONF_DIR\"\n");
        Files.setPosixFilePermissions(delegate, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @Test
    void jobArgumentPlaceholdersAreFilledFromTheEnvironmentAndNothingElseIsTouched() throws Exception {
        Result r = run("copy-ok", Map.of("JOBARG_KAFKA", "infometis-kafka-bootstrap:9092", "JOBARG_PASSWORD", "s3cr3tAbc",
                "NOT_A_JOBARG", "must-not-appear"), "bash", "-c", "kubernetes-jobmanager.sh kubernetes-application");

        assertThat(r.exit).as(r.output).isZero();
        assertThat(r.output)
                .contains("args: bash -c kubernetes-jobmanager.sh kubernetes-application")
                .contains("--kafka.bootstrap.servers;infometis-kafka-bootstrap:9092;--elasticsearch.password;s3cr3tAbc;--topic.dlq;dlq")
                .contains("$internal.pipeline.job-id: 00000000000000000000000000000001")
                .contains("other: ${NOT_A_JOBARG}")
                .contains("log4j-console.properties")
                .doesNotContain("must-not-appear");
        assertThat(r.output).contains("conf dir: " + dir.resolve("copy-ok"));
        assertThat(Files.readString(confDir.resolve("config.yaml"))).isEqualTo(CONFIG);
    }

    @Test
    void aPlaceholderWithoutItsVariableStopsThePodWithItsName() throws Exception {
        Result r = run("copy-unset", Map.of("JOBARG_KAFKA", "kafka:9092"), "bash", "-c",
                "kubernetes-jobmanager.sh kubernetes-application");

        assertThat(r.exit).isEqualTo(64);
        assertThat(r.output).contains("refers to unset variables: ${JOBARG_PASSWORD}").doesNotContain("args:");
    }

    @Test
    void aValueThatWouldBreakTheYamlIsRefused() throws Exception {
        Result r = run("copy-quote", Map.of("JOBARG_KAFKA", "kafka:9092", "JOBARG_PASSWORD", "it's"), "bash", "-c",
                "kubernetes-jobmanager.sh kubernetes-application");

        assertThat(r.exit).isEqualTo(64);
        assertThat(r.output).contains("JOBARG_PASSWORD holds a quote or a newline").doesNotContain("it's");
    }

    @Test
    void aTaskManagerStartsWithTheConfigurationAsItIsAndNoCredential() throws Exception {
        // TaskManager pods get no JOBARG_* variables: they must start all the same, reading the original files.
        Result r = run("copy-tm", Map.of(), "bash", "-c",
                "kubernetes-taskmanager.sh -Dtaskmanager.resource-id=fraud-detection-taskmanager-1-1");

        assertThat(r.exit).as(r.output).isZero();
        assertThat(r.output).contains("args: bash -c kubernetes-taskmanager.sh")
                .contains("conf dir: " + confDir)
                .contains("${JOBARG_PASSWORD}");
        assertThat(dir.resolve("copy-tm")).doesNotExist();
    }

    record Result(int exit, String output) {}

    private static Result run(String copyDir, Map<String, String> env, String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of("bash",
                Rendered.k8sDir().resolve("image/entrypoint.sh").toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> k.startsWith("JOBARG_"));
        pb.environment().putAll(env);
        pb.environment().put("FLINK_CONF_DIR", confDir.toString());
        pb.environment().put("INFOMETIS_CONF_COPY_DIR", dir.resolve(copyDir).toString());
        pb.environment().put("INFOMETIS_DELEGATE_ENTRYPOINT", delegate.toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), out);
    }
}
