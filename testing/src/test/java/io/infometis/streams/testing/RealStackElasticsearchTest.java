package io.infometis.streams.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RealStackElasticsearchTest {

    @RegisterExtension
    static final RealStackExtension STACK = RealStackExtension.builder().kafka().registry().elasticsearch().build();

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void indexesADocumentAndFindsIt() throws Exception {
        JsonNode indexed = send("PUT", "/alerts-test/_doc/a-1?refresh=true",
                "{\"alert_id\":\"a-1\",\"rule\":\"velocity\",\"user_id\":\"u-42\",\"score\":0.93}");
        assertThat(indexed.path("result").asText()).isEqualTo("created");

        JsonNode found = send("POST", "/alerts-test/_search",
                "{\"query\":{\"term\":{\"user_id.keyword\":\"u-42\"}}}");
        assertThat(found.path("hits").path("total").path("value").asInt()).isEqualTo(1);
        assertThat(found.path("hits").path("hits").get(0).path("_source").path("rule").asText()).isEqualTo("velocity");

        JsonNode none = send("POST", "/alerts-test/_search", "{\"query\":{\"term\":{\"user_id.keyword\":\"u-7\"}}}");
        assertThat(none.path("hits").path("total").path("value").asInt()).isZero();
    }

    @Test
    void runsTheRealElasticsearch7() throws Exception {
        JsonNode root = send("GET", "/", null);
        assertThat(root.path("version").path("number").asText()).startsWith("7.17.");
    }

    private static JsonNode send(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(STACK.elasticsearchUrl() + path))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isBetween(200, 299);
        return JSON.readTree(response.body());
    }
}
