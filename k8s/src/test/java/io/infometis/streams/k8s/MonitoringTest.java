package io.infometis.streams.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.Rule;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The alerts the issue asks for exist and say what to do; the Grafana dashboard shows the same metrics. */
class MonitoringTest {

    private static final Pattern METRIC = Pattern.compile("\\b((?:flink|kafka)_[A-Za-z0-9_]+)");

    private static List<Rule> rules() {
        Manifest m = Rendered.overlay("prod").stream().filter(x -> x.is("PrometheusRule")).findFirst().orElseThrow();
        return TypedModels.parse(m, PrometheusRule.class).getSpec().getGroups().stream()
                .flatMap(g -> g.getRules().stream()).toList();
    }

    @Test
    void thereIsAnAlertForEveryFailureTheIssueNames() {
        Map<String, String> alerts = rules().stream().collect(Collectors.toMap(Rule::getAlert,
                r -> r.getExpr().getStrVal()));
        assertThat(alerts).containsKeys("FlinkJobNotRunning", "FlinkJobRestarting", "FlinkCheckpointsFailing",
                "FlinkConsumerLagHigh", "DeadLetterRateHigh");
        assertThat(alerts.get("FlinkJobNotRunning")).contains("flink_jobmanager_numRunningJobs");
        assertThat(alerts.get("FlinkJobRestarting")).contains("numRestarts");
        assertThat(alerts.get("FlinkCheckpointsFailing")).contains("numberOfFailedCheckpoints");
        assertThat(alerts.get("FlinkConsumerLagHigh")).contains("kafka_consumergroup_lag")
                .contains("fraud-detection").contains("order-enrichment").contains("commerce-metrics");
        assertThat(alerts.get("DeadLetterRateHigh")).contains("topic=\"dlq\"");
    }

    @Test
    void everyAlertHasASeverityASummaryAndADescription() {
        assertThat(rules()).allSatisfy(r -> {
            assertThat(r.getLabels()).containsKey("severity");
            assertThat(r.getLabels().get("severity")).isIn("warning", "critical");
            assertThat(r.getAnnotations()).containsKeys("summary", "description");
            assertThat(balanced(r.getExpr().getStrVal())).as("brackets of %s", r.getAlert()).isTrue();
        });
    }

    @Test
    void theDashboardIsGrafanaJsonShowingEveryMetricTheAlertsUse() throws IOException {
        Manifest cm = Rendered.overlay("dev").stream()
                .filter(m -> m.is("ConfigMap") && m.name().equals("grafana-dashboard-infometis-streams"))
                .findFirst().orElseThrow();
        assertThat(cm.body().path("metadata").path("labels").path("grafana_dashboard").asText()).isEqualTo("1");
        JsonNode dashboard = new ObjectMapper().readTree(cm.body().path("data").path("infometis-streams.json").asText());
        assertThat(dashboard.path("uid").asText()).isEqualTo("infometis-streams");
        Set<String> dashboardMetrics = new HashSet<>();
        Set<Integer> ids = new HashSet<>();
        for (JsonNode panel : dashboard.path("panels")) {
            assertThat(ids.add(panel.path("id").asInt())).as("unique panel id").isTrue();
            assertThat(panel.path("targets")).isNotEmpty();
            panel.path("targets").forEach(t -> {
                assertThat(balanced(t.path("expr").asText())).isTrue();
                dashboardMetrics.addAll(metrics(t.path("expr").asText()));
            });
        }
        Set<String> alertMetrics = rules().stream().flatMap(r -> metrics(r.getExpr().getStrVal()).stream())
                .collect(Collectors.toSet());
        alertMetrics.remove("flink_jobmanager_job_lastCheckpointCompletionTimestamp");
        assertThat(dashboardMetrics).containsAll(alertMetrics);
    }

    @Test
    void thePodMonitorsScrapeFlinkAndTheKafkaExporterTheAlertsRelyOn() {
        List<Manifest> prod = Rendered.overlay("prod");
        assertThat(prod.stream().filter(m -> m.is("PodMonitor")).map(Manifest::name)).contains("flink", "kafka-exporter");
        Manifest kafka = prod.stream().filter(m -> m.is("Kafka")).findFirst().orElseThrow();
        assertThat(kafka.spec().has("kafkaExporter")).as("consumer lag and dlq offsets come from the Kafka Exporter").isTrue();
    }

    private static Set<String> metrics(String expr) {
        Set<String> out = new HashSet<>();
        Matcher m = METRIC.matcher(expr);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    private static boolean balanced(String expr) {
        int depth = 0;
        for (char c : expr.toCharArray()) {
            depth += (c == '(' || c == '{' || c == '[') ? 1 : (c == ')' || c == '}' || c == ']') ? -1 : 0;
            if (depth < 0) {
                return false;
            }
        }
        return depth == 0;
    }
}
