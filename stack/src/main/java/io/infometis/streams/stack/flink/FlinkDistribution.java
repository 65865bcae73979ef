package io.infometis.streams.stack.flink;

import io.infometis.streams.stack.StackException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The Flink 1.20 distribution that {@code platform/flink-dist} assembles ({@code target/flink/lib} and
 * {@code plugins}), and the project's shared Flink settings ({@code flink-conf/}).
 *
 * @param lib     jars of the JobManager, TaskManager and CLI classpath
 * @param plugins plugin folders (metrics-prometheus), each loaded in its own class loader
 * @param baseConf {@code flink-conf/}: config.yaml and log4j files shared with the Kubernetes deployments
 */
public record FlinkDistribution(Path lib, Path plugins, Path baseConf) {

    public static final String JOBMANAGER_MAIN = "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint";
    public static final String TASKMANAGER_MAIN = "org.apache.flink.runtime.taskexecutor.TaskManagerRunner";
    public static final String CLI_MAIN = "org.apache.flink.client.cli.CliFrontend";
    /** Flink's own helper for its scripts: effective configuration and memory flags. */
    public static final String BASH_JAVA_UTILS = "org.apache.flink.runtime.util.bash.BashJavaUtils";

    /** Finds both under the repository root; fails with the build command when the distribution is missing. */
    public static FlinkDistribution locate(Path home) {
        Path flink = home.resolve("platform/flink-dist/target/flink");
        Path lib = flink.resolve("lib");
        if (!Files.isDirectory(lib) || !Files.isDirectory(flink.resolve("plugins/metrics-prometheus"))) {
            throw new StackException("Flink distribution not found in " + flink
                    + ". Build it first: mvn -B -q -DskipTests package -pl platform/flink-dist");
        }
        Path conf = home.resolve("flink-conf");
        if (!Files.isRegularFile(conf.resolve("config.yaml"))) {
            throw new StackException("Flink configuration " + conf.resolve("config.yaml") + " is missing");
        }
        return new FlinkDistribution(lib, flink.resolve("plugins"), conf);
    }

    /** {@code lib/*}: the JVM expands the wildcard, in the same way as Flink's scripts build their classpath. */
    public String classpath() {
        return lib.resolve("*").toString();
    }
}
