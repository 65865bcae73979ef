package io.infometis.streams.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import io.infometis.streams.stack.security.ElasticsearchSecurity;
import io.infometis.streams.stack.security.SecureHttp;
import io.infometis.streams.stack.security.Secrets;

/**
 * A single-node Elasticsearch 7.17 (security off unless an {@link ElasticsearchSecurity} is given, 127.0.0.1 only) with its own config, data and log dirs.
 * Elasticsearch refuses to run as root; when the launcher is root it runs the server as uid/gid 65534 (nobody)
 * through {@code setpriv} and hands it its working dirs.
 */
public final class ElasticsearchServer implements StackComponent {

    public static final String NAME = "elasticsearch";
    private static final int UNPRIVILEGED = 65534;

    private final StackLayout layout;
    private final int httpPort;
    private final int transportPort;
    private final ElasticsearchSecurity security;
    private String heap = "512m";
    private ManagedProcess process;

    public ElasticsearchServer(StackLayout layout, int httpPort, int transportPort) {
        this(layout, httpPort, transportPort, null);
    }

    /**
     * With {@code security}: x-pack security on, HTTPS only (the given server certificate), the {@code elastic}
     * password set through the keystore's {@code bootstrap.password}, and a job user created once it runs.
     */
    public ElasticsearchServer(StackLayout layout, int httpPort, int transportPort, ElasticsearchSecurity security) {
        if (httpPort == transportPort) {
            throw new IllegalArgumentException("elasticsearch: http and transport ports must differ, both are " + httpPort);
        }
        this.layout = layout;
        this.httpPort = httpPort;
        this.transportPort = transportPort;
        this.security = security;
    }

    public boolean secured() {
        return security != null;
    }

    /** The JVM heap ({@code -Xms} = {@code -Xmx}), e.g. {@code 2g}; 512m unless set, enough for the local stack. */
    public ElasticsearchServer heap(String heap) {
        if (heap == null || !heap.matches("[1-9][0-9]*[mg]")) {
            throw new IllegalArgumentException("elasticsearch: heap must look like 512m or 2g, got: " + heap);
        }
        this.heap = heap;
        return this;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String url() {
        return (security == null ? "http://" : "https://") + Ports.HOST + ":" + httpPort;
    }

    @Override
    public Map<String, Integer> ports() {
        return Map.of("http", httpPort, "transport", transportPort);
    }

    @Override
    public void start() {
        checkPorts();
        Path esHome = PlatformArtifacts.elasticsearchHome(layout.home());
        Path dir = layout.dataDir(NAME);
        Path config = writeConfig(esHome, dir);
        if (security != null) {
            writeKeystore(esHome, config, dir);
        }
        boolean root = isRoot();
        if (root) {
            handOver(dir);
            requireTraversable(dir);
        }
        List<String> command = new ArrayList<>();
        if (root) {
            command.addAll(List.of("setpriv", "--reuid=" + UNPRIVILEGED, "--regid=" + UNPRIVILEGED, "--clear-groups"));
        }
        command.add(esHome.resolve("bin/elasticsearch").toString());
        process = layout.process(NAME)
                .command(command)
                .env("ES_JAVA_HOME", System.getProperty("java.home"))
                .env("ES_PATH_CONF", config.toString())
                .env("ES_TMPDIR", dir.resolve("tmp").toString())
                .env("ES_JAVA_OPTS", "-Xms" + heap + " -Xmx" + heap)
                // The start script runs bin/elasticsearch-keystore relative to the working dir.
                .workDir(esHome)
                .readiness(readiness(url() + "/_cluster/health?wait_for_status=yellow&timeout=1s"))
                .startTimeout(Duration.ofSeconds(120))
                .stopGrace(Duration.ofSeconds(20))
                .build()
                .start();
    }

    private ReadinessCheck readiness(String healthUrl) {
        if (security == null) {
            return Readiness.httpOk(healthUrl);
        }
        SecureHttp http = new SecureHttp(security.tls(), ElasticsearchSecurity.SUPER_USER, security.elasticPassword());
        return () -> http.get(healthUrl) == 200;
    }

    /**
     * The secure settings (elastic's bootstrap password, the HTTP key store's password) go into the Elasticsearch
     * keystore, never into elasticsearch.yml; {@code add-file} reads each from a 600 file, not the command line.
     */
    private void writeKeystore(Path esHome, Path config, Path dir) {
        Path secrets = dir.resolve("secrets");
        Path bootstrap = Secrets.writeSecretFile(secrets.resolve("bootstrap.password"), security.elasticPassword());
        Path storePassword = Secrets.writeSecretFile(secrets.resolve("http.p12.password"), security.tls().password());
        try {
            Files.deleteIfExists(config.resolve("elasticsearch.keystore"));
            Files.copy(security.tls().keystore(), config.resolve("http.p12"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("elasticsearch: cannot prepare its keystore in " + config, e);
        }
        Map<String, String> env = Map.of("ES_JAVA_HOME", System.getProperty("java.home"),
                "ES_PATH_CONF", config.toString(), "ES_TMPDIR", dir.resolve("tmp").toString());
        String tool = esHome.resolve("bin/elasticsearch-keystore").toString();
        Path log = layout.logFile("elasticsearch-keystore");
        ManagedProcess.runToCompletion("elasticsearch-keystore", List.of(tool, "create"), env, esHome, log,
                Duration.ofSeconds(60));
        ManagedProcess.runToCompletion("elasticsearch-keystore",
                List.of(tool, "add-file", "bootstrap.password", bootstrap.toString()), env, esHome, log,
                Duration.ofSeconds(60));
        ManagedProcess.runToCompletion("elasticsearch-keystore",
                List.of(tool, "add-file", "xpack.security.http.ssl.keystore.secure_password", storePassword.toString()),
                env, esHome, log, Duration.ofSeconds(60));
        writeJobUser(esHome, config, env);
    }

    /**
     * The jobs' user, in the file realm: this distribution lacks the analysis module the native realm's security
     * index needs, and a file realm is what a small fixed set of service users wants anyway. Its role may create
     * and write the platform's indices (alerts-*, orders, metrics-*) and install templates; nothing else.
     */
    private void writeJobUser(Path esHome, Path config, Map<String, String> env) {
        try {
            Files.writeString(config.resolve("roles.yml"), String.join("\n",
                    "streams_writer:",
                    "  cluster: [ 'monitor', 'manage_index_templates' ]",
                    "  indices:",
                    "    - names: [ 'alerts-*', 'orders', 'metrics-*' ]",
                    "      privileges: [ 'create_index', 'write', 'read', 'view_index_metadata' ]",
                    ""));
            // The tool adds to existing files only: start from empty ones (no user left from an earlier start).
            Files.writeString(config.resolve("users"), "");
            Files.writeString(config.resolve("users_roles"), "");
        } catch (IOException e) {
            throw new UncheckedIOException("elasticsearch: cannot write roles.yml into " + config, e);
        }
        // The tool takes the password only as an argument or from a terminal; it is a short-lived local process.
        ManagedProcess.runToCompletion("elasticsearch-users",
                List.of(esHome.resolve("bin/elasticsearch-users").toString(), "useradd", security.jobUser(),
                        "-p", security.jobPassword(), "-r", "streams_writer"),
                env, esHome, layout.logFile("elasticsearch-users"), Duration.ofSeconds(60));
    }

    private String securitySettings() {
        if (security == null) {
            return "xpack.security.enabled: false";
        }
        return String.join("\n",
                "xpack.security.enabled: true",
                "xpack.security.http.ssl.enabled: true",
                "xpack.security.http.ssl.keystore.path: http.p12",
                // One node, single-node discovery: no transport traffic leaves the process, so no transport TLS.
                "xpack.security.transport.ssl.enabled: false");
    }

    private Path writeConfig(Path esHome, Path dir) {
        Path config = dir.resolve("config");
        try {
            Files.createDirectories(config);
            Files.createDirectories(dir.resolve("data"));
            Files.createDirectories(dir.resolve("logs"));
            Files.createDirectories(dir.resolve("tmp"));
            Files.copy(esHome.resolve("config/log4j2.properties"), config.resolve("log4j2.properties"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Files.writeString(config.resolve("elasticsearch.yml"), String.join("\n",
                    "cluster.name: infometis-local",
                    "node.name: local",
                    "network.host: " + Ports.HOST,
                    "http.port: " + httpPort,
                    "transport.port: " + transportPort,
                    "discovery.type: single-node",
                    securitySettings(),
                    "path.data: " + dir.resolve("data"),
                    "path.logs: " + dir.resolve("logs"),
                    // A nearly full dev disk must not turn indices read-only in the middle of a test.
                    "cluster.routing.allocation.disk.threshold_enabled: false",
                    ""));
            // Our own JVM options: the stock ones write GC logs relative to the working dir (read-only for nobody).
            List<String> jvmOptions = new ArrayList<>(StackLayout.FAST_START_JVM_FLAGS);
            jvmOptions.addAll(List.of(
                    "-Djava.io.tmpdir=${ES_TMPDIR}",
                    "-XX:+ExitOnOutOfMemoryError",
                    "-XX:ErrorFile=" + dir.resolve("logs/hs_err_pid%p.log"),
                    ""));
            Files.writeString(config.resolve("jvm.options"), String.join("\n", jvmOptions));
            return config;
        } catch (IOException e) {
            throw new UncheckedIOException("elasticsearch: cannot write its configuration into " + dir, e);
        }
    }

    private static boolean isRoot() {
        try {
            return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
        } catch (IOException | UnsupportedOperationException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    /** Gives the server's own dirs to the unprivileged user it runs as. */
    private static void handOver(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) paths::iterator) {
                Files.setAttribute(p, "unix:uid", UNPRIVILEGED);
                Files.setAttribute(p, "unix:gid", UNPRIVILEGED);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("elasticsearch: cannot hand " + dir + " to uid " + UNPRIVILEGED, e);
        }
    }

    private static void requireTraversable(Path dir) {
        for (Path p = dir.toAbsolutePath().getParent(); p != null; p = p.getParent()) {
            try {
                if (!Files.getPosixFilePermissions(p).contains(PosixFilePermission.OTHERS_EXECUTE)) {
                    throw new StackException("elasticsearch runs as uid " + UNPRIVILEGED + " but cannot enter " + p
                            + " (no o+x permission); use a data dir below world-traversable directories");
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
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
