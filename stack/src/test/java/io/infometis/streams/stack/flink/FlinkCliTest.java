package io.infometis.streams.stack.flink;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** How a failed CLI run is summed up in one line (the FAILED line of stack up). */
class FlinkCliTest {

    @Test
    void theJobsOwnErrorWinsWhenItsMainMethodThrew() {
        String failure = """
                flink-cli failed with exit code 1. Log /x/flink-cli-output.log:

                ------------------------------------------------------------
                 The program finished with the following exception:

                org.apache.flink.client.program.ProgramInvocationException: The main method caused an error: \
                kafka.bootstrap.servers: expected host:port[,host:port...], got ''
                \tat org.apache.flink.client.program.PackagedProgram.callMainMethod(PackagedProgram.java:373)
                """;
        assertThat(FlinkCli.reason(failure)).isEqualTo("kafka.bootstrap.servers: expected host:port[,host:port...], got ''");
    }

    @Test
    void otherwiseTheLastExceptionLine() {
        String failure = """
                flink-cli failed with exit code 1. Log /x/out.log:
                org.apache.flink.client.program.ProgramInvocationException: outer
                Caused by: java.lang.ClassNotFoundException: io.nowhere.Job
                java.lang.ClassNotFoundException: io.nowhere.Job
                \tat java.base/java.net.URLClassLoader.findClass(URLClassLoader.java:445)
                """;
        assertThat(FlinkCli.reason(failure)).isEqualTo("java.lang.ClassNotFoundException: io.nowhere.Job");
    }

    @Test
    void otherwiseTheExceptionTheCliReportsShortenedInTheMiddle() {
        String failure = """
                Job has been submitted with JobID 5c57dcda0a179746f479bac1ff11634b

                ------------------------------------------------------------
                 The program finished with the following exception:

                TopicSpec[name=orders, valueSchema=%s] is not serializable. The object probably contains or references non serializable fields.
                \torg.apache.flink.api.java.ClosureCleaner.clean(ClosureCleaner.java:170)
                """.formatted("x".repeat(2000));
        String reason = FlinkCli.reason(failure);
        assertThat(reason).startsWith("TopicSpec[name=orders, valueSchema=xxx").contains(" ... ")
                .endsWith("references non serializable fields.").hasSize(FlinkCli.MAX_REASON + " ... ".length());
    }

    @Test
    void orTheFirstLineWhenNothingLooksLikeAnException() {
        assertThat(FlinkCli.reason("flink-cli did not finish within 180 s.\nmore")).isEqualTo(
                "flink-cli did not finish within 180 s.");
    }
}
