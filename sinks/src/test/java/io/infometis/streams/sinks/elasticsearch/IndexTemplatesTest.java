package io.infometis.streams.sinks.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.infometis.streams.common.config.InvalidConfigurationException;
import io.infometis.streams.common.config.JobConfig;
import io.infometis.streams.testing.RealStackExtension;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class IndexTemplatesTest {

    @RegisterExtension
    static final RealStackExtension STACK = RealStackExtension.builder().elasticsearch().build();

    @Test
    void everyTemplateOnTheClasspathInstallsIdempotentlyWithTheConfiguredReplicas() throws Exception {
        ElasticsearchSettings settings = ElasticsearchSettings.builder().hosts(STACK.elasticsearchUrl())
                .indexReplicas(0).build();

        assertThat(IndexTemplates.installAll(settings)).contains("test-widgets")
                .containsExactlyElementsOf(IndexTemplates.load().keySet());
        assertThat(IndexTemplates.installAll(settings)).as("a second install changes nothing")
                .containsExactlyElementsOf(IndexTemplates.load().keySet());

        JsonNode template = EsHttp.get(STACK.elasticsearchUrl() + "/_index_template/test-widgets")
                .path("index_templates").get(0).path("index_template");
        assertThat(template.path("index_patterns").get(0).asText()).isEqualTo("widgets-*");
        assertThat(template.path("template").path("settings").path("index").path("number_of_replicas").asText())
                .as("the file says 1; the settings win").isEqualTo("0");
    }

    @Test
    void theInstallerCommandInstallsAndRefusesBadArguments() throws Exception {
        assertThat(IndexTemplateInstaller.run(new String[] {"--elasticsearch.hosts", STACK.elasticsearchUrl()}))
                .isZero();
        assertThat(EsHttp.status(STACK.elasticsearchUrl() + "/_index_template/test-widgets")).isEqualTo(200);
        assertThat(IndexTemplateInstaller.run(new String[] {"--elasticsearch.hosts", "localhost"})).isEqualTo(1);
    }

    @Test
    void hostsMustBeFullUrls() {
        assertThatThrownBy(() -> ElasticsearchSettings.fromConfig(JobConfig.of(Map.of("elasticsearch.hosts",
                "es-1:9200"))))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("elasticsearch.hosts: expected http(s)://host:port");
        assertThatThrownBy(() -> ElasticsearchSettings.fromConfig(JobConfig.of(Map.of("elasticsearch.username",
                "elastic"))))
                .hasMessageContaining("expected both or neither");
        assertThat(ElasticsearchSettings.fromConfig(JobConfig.of(Map.of("elasticsearch.hosts",
                "http://a:9200, https://b:9243"))).hosts()).hasSize(2);
    }

    @Test
    void replicasAreSetWhereverTheFilePutThem() throws Exception {
        ObjectMapper json = new ObjectMapper();
        JsonNode flat = json.readTree("{\"template\":{\"settings\":{\"number_of_replicas\":2}}}");
        JsonNode nested = json.readTree("{\"template\":{\"settings\":{\"index\":{\"number_of_replicas\":2}}}}");

        assertThat(IndexTemplates.withReplicas(flat, 0).toString())
                .isEqualTo("{\"template\":{\"settings\":{\"number_of_replicas\":0}}}");
        assertThat(IndexTemplates.withReplicas(nested, 1).toString())
                .isEqualTo("{\"template\":{\"settings\":{\"index\":{\"number_of_replicas\":1}}}}");
    }
}
