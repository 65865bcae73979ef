package io.infometis.streams.stack.flink;

import static org.assertj.core.api.Assertions.assertThat;

import io.infometis.streams.stack.InfometisHome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The effective configuration, merged by Flink's own BashJavaUtils from the shared flink-conf/config.yaml. */
class FlinkConfigurationTest {

    @Test
    void overridesWinAndEverythingElseComesFromTheSharedConfig(@TempDir Path dir) throws Exception {
        FlinkDistribution flink = FlinkDistribution.locate(InfometisHome.locate());
        FlinkConfiguration conf = FlinkConfiguration.write(flink,
                Map.of("rest.port", "18083", "taskmanager.memory.process.size", "1536m"),
                dir.resolve("conf"), dir.resolve("flink-config.log"));

        assertThat(conf.get("rest.port")).hasValue("18083");
        assertThat(conf.get("taskmanager.memory.process.size")).hasValue("1536m");
        assertThat(conf.get("state.backend.type")).hasValue("hashmap");
        assertThat(conf.get("taskmanager.memory.managed.fraction")).hasValue("0.1");
        assertThat(conf.get("execution.checkpointing.incremental")).hasValue("true");
        assertThat(conf.get("execution.checkpointing.mode")).hasValue("EXACTLY_ONCE");
        assertThat(conf.get("execution.checkpointing.externalized-checkpoint-retention")).hasValue("RETAIN_ON_CANCELLATION");
        assertThat(conf.get("metrics.reporter.prom.factory.class"))
                .hasValue("org.apache.flink.metrics.prometheus.PrometheusReporterFactory");
        assertThat(conf.javaOptions("jobmanager")).contains("--add-opens=java.base/java.util=ALL-UNNAMED",
                "--add-exports=java.base/sun.net.util=ALL-UNNAMED");
        assertThat(dir.resolve("conf/log4j-console.properties")).exists();
        assertThat(dir.resolve("conf/log4j-cli.properties")).exists();
        assertThat(FlinkConfiguration.read(dir.resolve("conf")).get("rest.port")).hasValue("18083");
        assertThat(Files.readString(dir.resolve("conf/config.yaml"))).startsWith("# Effective configuration");
    }

    @Test
    void yamlQuotesAreRemoved() {
        assertThat(FlinkConfiguration.unquote("'8083'")).isEqualTo("8083");
        assertThat(FlinkConfiguration.unquote("'it''s'")).isEqualTo("it's");
        assertThat(FlinkConfiguration.unquote("\"a \\\"b\\\"\"")).isEqualTo("a \"b\"");
        assertThat(FlinkConfiguration.unquote("10 s")).isEqualTo("10 s");
    }

    @Test
    void onlyTheResultLinesOfBashJavaUtilsCount() {
        assertThat(FlinkConfiguration.results("INFO something\nBASH_JAVA_UTILS_EXEC_RESULT:-Xmx1\nBASH_JAVA_UTILS_EXEC_RESULT:-D a=b\n"))
                .containsExactly("-Xmx1", "-D a=b");
    }
}
