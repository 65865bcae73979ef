package io.infometis.streams.reliability.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Every document of an index pattern by id, through the scroll API (a plain search stops at 10,000 hits; the
 * metrics job writes more in the full form). Empty when the index does not exist yet or Elasticsearch is down:
 * the verdict then shows the documents missing, and the suite polls again.
 */
final class Documents {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final int PAGE = 5000;

    private Documents() {}

    static Map<String, JsonNode> all(String elasticsearchUrl, String indexPattern) {
        Map<String, JsonNode> docs = new HashMap<>();
        String scrollId = null;
        try {
            JsonNode page = post(elasticsearchUrl + "/" + indexPattern + "/_search?scroll=1m",
                    "{\"size\":" + PAGE + ",\"sort\":[\"_doc\"]}");
            while (page != null) {
                scrollId = page.path("_scroll_id").asText(null);
                JsonNode hits = page.path("hits").path("hits");
                for (JsonNode hit : hits) {
                    docs.put(hit.path("_id").asText(), hit.path("_source"));
                }
                if (hits.size() < PAGE || scrollId == null) {
                    break;
                }
                page = post(elasticsearchUrl + "/_search/scroll",
                        "{\"scroll\":\"1m\",\"scroll_id\":\"" + scrollId + "\"}");
            }
        } catch (IOException e) {
            return new HashMap<>();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (scrollId != null) {
                clear(elasticsearchUrl, scrollId);
            }
        }
        return docs;
    }

    private static JsonNode post(String url, String body) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        return response.statusCode() == 200 ? JSON.readTree(response.body()) : null;
    }

    private static void clear(String elasticsearchUrl, String scrollId) {
        try {
            HTTP.send(HttpRequest.newBuilder(URI.create(elasticsearchUrl + "/_search/scroll"))
                    .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                    .method("DELETE", HttpRequest.BodyPublishers.ofString("{\"scroll_id\":\"" + scrollId + "\"}"))
                    .build(), HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            // The scroll expires by itself after a minute.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
