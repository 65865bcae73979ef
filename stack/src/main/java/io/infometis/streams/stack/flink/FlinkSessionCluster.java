package io.infometis.streams.stack.flink;

import io.infometis.streams.stack.ManagedProcess;
import io.infometis.streams.stack.Ports;
import io.infometis.streams.stack.Readiness;
import io.infometis.streams.stack.StackComponent;
import io.infometis.streams.stack.StackException;
import io.infometis.streams.stack.StackLayout;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Flink 1.20 session cluster: one JobManager ({@code StandaloneSessionClusterEntrypoint}) and one TaskManager
 * ({@code TaskManagerRunner}), each its own JVM, started the way Flink's {@code jobmanager.sh}/{@code taskmanager.sh}
 * do it: memory flags from {@code BashJavaUtils GET_JM_RESOURCE_PARAMS|GET_TM_RESOURCE_PARAMS}, JVM options from
 * {@code env.java.opts.*}, {@code --configDir} = an effective copy of {@code flink-conf/} with the local overrides.
 * Ready when the REST API answers {@code /overview} with the TaskManager registered and its slots reported.
 *
 * <p>Local overrides only: 127.0.0.1 binds, the ports, tmp/checkpoint/savepoint dirs under the stack's data dir
 * ({@code <state>/flink/}), and memory for a laptop on 2 cores (JM 1 GB, TM 1.5 GB process, 4 slots).
 */
public final class FlinkSessionCluster implements StackComponent {

    public static final String NAME = "flink";
    public static final String JOBMANAGER = "flink-jobmanager";
    public static final String TASKMANAGER = "flink-taskmanager";

    static final String JOBMANAGER_PROCESS_SIZE = "1g";
    static final String TASKMANAGER_PROCESS_SIZE = "1536m";
    static final int TASK_SLOTS = 4;

    private final StackLayout layout;
    private final FlinkPorts ports;
    private final Path dir;
    private ManagedProcess jobManager;
    private ManagedProcess taskManager;
    private FlinkDistribution flink;
    private FlinkConfiguration conf;

    public FlinkSessionCluster(StackLayout layout, FlinkPorts ports) {
        this.layout = layout;
        this.ports = ports;
        this.dir = layout.baseDir().resolve(NAME);
    }

    @Override
    public String name() {
        return NAME;
    }

    /** The web UI and REST API. */
    @Override
    public String url() {
        return "http://" + Ports.HOST + ":" + ports.rest();
    }

    @Override
    public Map<String, Integer> ports() {
        return ports.byRole();
    }

    public FlinkPorts flinkPorts() {
        return ports;
    }

    /** The effective configuration dir ({@code FLINK_CONF_DIR} for {@code bin/flink}). */
    public static Path confDir(StackLayout layout) {
        return layout.baseDir().resolve(NAME).resolve("conf");
    }

    public Path checkpointsDir() {
        return dir.resolve("checkpoints");
    }

    public Path savepointsDir() {
        return dir.resolve("savepoints");
    }

    public String jobManagerMetricsUrl() {
        return "http://" + Ports.HOST + ":" + ports.jobManagerPrometheus() + "/metrics";
    }

    public String taskManagerMetricsUrl() {
        return "http://" + Ports.HOST + ":" + ports.taskManagerPrometheus() + "/metrics";
    }

    /** Local overrides of flink-conf/config.yaml; everything else comes from that shared file. */
    Map<String, String> localOverrides() {
        Map<String, String> o = new LinkedHashMap<>();
        o.put("rest.address", Ports.HOST);
        o.put("rest.bind-address", Ports.HOST);
        o.put("rest.port", Integer.toString(ports.rest()));
        o.put("jobmanager.rpc.address", Ports.HOST);
        o.put("jobmanager.bind-host", Ports.HOST);
        o.put("jobmanager.rpc.port", Integer.toString(ports.rpc()));
        o.put("blob.server.port", Integer.toString(ports.blob()));
        o.put("taskmanager.host", Ports.HOST);
        o.put("taskmanager.bind-host", Ports.HOST);
        o.put("taskmanager.rpc.port", Integer.toString(ports.taskManagerRpc()));
        o.put("taskmanager.data.port", Integer.toString(ports.data()));
        o.put("metrics.reporter.prom.port", ports.prometheus().toString());
        o.put("metrics.internal.query-service.port", ports.queryService().toString());
        o.put("io.tmp.dirs", dir.resolve("tmp").toString());
        o.put("web.tmpdir", dir.resolve("web").toString());
        o.put("execution.checkpointing.dir", checkpointsDir().toUri().toString());
        o.put("execution.checkpointing.savepoint-dir", savepointsDir().toUri().toString());
        o.put("jobmanager.memory.process.size", JOBMANAGER_PROCESS_SIZE);
        o.put("taskmanager.memory.process.size", TASKMANAGER_PROCESS_SIZE);
        o.put("taskmanager.numberOfTaskSlots", Integer.toString(TASK_SLOTS));
        return o;
    }

    @Override
    public void start() {
        checkPorts();
        flink = FlinkDistribution.locate(layout.home());
        conf = FlinkConfiguration.write(flink, localOverrides(), confDir(layout), layout.logFile("flink-config"));
        List<String> jmResources = resourceParams("GET_JM_RESOURCE_PARAMS");
        List<String> tmResources = resourceParams("GET_TM_RESOURCE_PARAMS");
        FlinkRest rest = rest();

        // Sequential, not in parallel: on 2 cores it is barely slower, and the TaskManager then registers at once.
        jobManager = layout.process(JOBMANAGER)
                .command(command(FlinkDistribution.JOBMANAGER_MAIN, "jobmanager", jmResources,
                        ports.jobManagerPrometheus(), ports.jobManagerQueryService(), true))
                .environment(environment())
                .workDir(dir)
                .readiness(Readiness.httpOk(url() + "/overview"))
                .startTimeout(Duration.ofSeconds(120))
                .stopGrace(Duration.ofSeconds(20))
                .build()
                .start();
        try {
            taskManager = layout.process(TASKMANAGER)
                    .command(command(FlinkDistribution.TASKMANAGER_MAIN, "taskmanager", tmResources,
                            ports.taskManagerPrometheus(), ports.taskManagerQueryService(), false))
                    .environment(environment())
                    .workDir(dir)
                    .readiness(rest::hasTaskManagerWithSlots)
                    .startTimeout(Duration.ofSeconds(120))
                    .stopGrace(Duration.ofSeconds(20))
                    .build()
                    .start();
        } catch (RuntimeException e) {
            jobManager.stop();
            throw e;
        }
    }

    /**
     * Both lines of BashJavaUtils' answer, as Flink's scripts use them: JVM flags (-Xmx, -Xms, direct and metaspace
     * limits), then the derived memory sizes as {@code -D key=value} dynamic properties for the entrypoint.
     */
    private List<String> resourceParams(String command) {
        String output = ManagedProcess.runToCompletion("flink-memory",
                List.of(StackLayout.javaExecutable(), "-Xmx64m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                        "-cp", flink.classpath(), FlinkDistribution.BASH_JAVA_UTILS, command,
                        "--configDir", conf.dir().toString()),
                Map.of(), dir, layout.logFile("flink-memory"), Duration.ofSeconds(60));
        List<String> lines = FlinkConfiguration.results(output);
        if (lines.size() < 2) {
            throw new StackException("flink: BashJavaUtils " + command + " gave no memory settings:\n" + output);
        }
        List<String> both = new ArrayList<>();
        both.add(lines.get(0));
        both.add(lines.get(1));
        return both;
    }

    private List<String> command(String mainClass, String role, List<String> resources, int prometheusPort,
                                 int queryServicePort, boolean controlPlane) {
        Path log = layout.logFile(role.equals("jobmanager") ? JOBMANAGER : TASKMANAGER);
        List<String> command = new ArrayList<>(List.of(StackLayout.javaExecutable()));
        if (controlPlane) {
            // The JobManager only coordinates: C1 and the serial GC start it faster on shared cores. The
            // TaskManager runs the jobs and keeps the JVM's defaults (C2, G1).
            command.addAll(StackLayout.FAST_START_JVM_FLAGS);
        }
        command.addAll(split(resources.get(0)));
        command.addAll(conf.javaOptions(role));
        // log.file: the web UI's log tab reads it; the console appender writes stdout, which the stack appends
        // to that same file.
        command.addAll(List.of("-Dlog.file=" + log,
                "-Dlog4j.configuration=" + conf.file("log4j-console.properties").toUri(),
                "-Dlog4j.configurationFile=" + conf.file("log4j-console.properties").toUri(),
                "-cp", flink.classpath(), mainClass, "--configDir", conf.dir().toString()));
        command.addAll(split(resources.get(1)));
        // Each process gets its own port of the ranges, so the endpoints are known in advance.
        command.addAll(List.of("-D", "metrics.reporter.prom.port=" + prometheusPort,
                "-D", "metrics.internal.query-service.port=" + queryServicePort));
        return command;
    }

    private Map<String, String> environment() {
        return Map.of("FLINK_CONF_DIR", conf.dir().toString(), "FLINK_PLUGINS_DIR", flink.plugins().toString(),
                "FLINK_LIB_DIR", flink.lib().toString());
    }

    private static List<String> split(String line) {
        return Arrays.stream(line.trim().split("\\s+")).filter(s -> !s.isEmpty()).toList();
    }

    public FlinkRest rest() {
        return new FlinkRest(url());
    }

    /** The {@code flink} CLI against this cluster (after {@link #start()}). */
    public FlinkCli cli() {
        if (conf == null) {
            throw new IllegalStateException("flink: not started");
        }
        return new FlinkCli(flink, conf, layout.logFile("flink-cli-output"), layout.logFile("flink-cli"));
    }

    @Override
    public void stop() {
        // TaskManager first: the JobManager would otherwise log it as lost and try to reschedule.
        // Running jobs need no cancel: they stop with the cluster, and their last checkpoint is retained.
        RuntimeException failure = null;
        for (ManagedProcess p : new ManagedProcess[] {taskManager, jobManager}) {
            if (p != null) {
                try {
                    p.stop();
                } catch (RuntimeException e) {
                    failure = failure == null ? e : failure;
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public boolean isRunning() {
        return jobManager != null && jobManager.isAlive() && taskManager != null && taskManager.isAlive();
    }

    @Override
    public List<ManagedProcess> processes() {
        List<ManagedProcess> list = new ArrayList<>();
        if (jobManager != null) {
            list.add(jobManager);
        }
        if (taskManager != null) {
            list.add(taskManager);
        }
        return list;
    }
}
