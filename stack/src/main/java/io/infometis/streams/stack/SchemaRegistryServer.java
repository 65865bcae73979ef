package io.infometis.streams.stack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Apicurio Registry with in-memory storage, serving the Confluent schema-registry API under
 * {@code /apis/ccompat/v7}. Schemas live as long as the process.
 */
public final class SchemaRegistryServer implements StackComponent {

    public static final String NAME = "registry";

    private final StackLayout layout;
    private final int port;
    private ManagedProcess process;

    public SchemaRegistryServer(StackLayout layout, int port) {
        this.layout = layout;
        this.port = port;
    }

    @Override
    public String name() {
        return NAME;
    }

    /** The Confluent-compatible base URL, what {@code schema.registry.url} and Flink's registry formats take. */
    @Override
    public String url() {
        return "http://" + Ports.HOST + ":" + port + "/apis/ccompat/v7";
    }

    @Override
    public Map<String, Integer> ports() {
        return Map.of("http", port);
    }

    @Override
    public void start() {
        checkPorts();
        Path jar = PlatformArtifacts.registryJar(layout.home());
        List<String> command = new ArrayList<>(List.of(StackLayout.javaExecutable(), "-Xmx128m"));
        command.addAll(StackLayout.FAST_START_JVM_FLAGS);
        command.addAll(List.of(
                "-Dquarkus.http.host=" + Ports.HOST,
                "-Dquarkus.http.port=" + port,
                // Without it the transaction manager opens a socket on a random port to derive a process id.
                "-DCoreEnvironmentBean.processImplementationClassName="
                        + "com.arjuna.ats.internal.arjuna.utils.UuidProcessId",
                "-jar", jar.toString()));
        process = layout.process(NAME)
                .command(command)
                .workDir(layout.dataDir(NAME))
                .readiness(Readiness.httpOk(url() + "/subjects"))
                .startTimeout(Duration.ofSeconds(90))
                .stopGrace(Duration.ofSeconds(10))
                .build()
                .start();
    }

    @Override
    public void stop() {
        if (process != null) {
            process.stop();
        }
    }

    @Override
    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    @Override
    public List<ManagedProcess> processes() {
        return process == null ? List.of() : List.of(process);
    }
}
