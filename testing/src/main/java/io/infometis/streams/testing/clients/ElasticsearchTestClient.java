package io.infometis.streams.testing.clients;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Plain HTTP to the test Elasticsearch, independent of the code under test (not the sink's client: a test that
 * read through it could not see the sink's mistakes). Shared here because the job modules' integration tests all
 * need the same one (they had identical copies).
 */
public final class ElasticsearchTestClient {

    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    public static final ObjectMapper JSON = new ObjectMapper();

    private final String url;

    public ElasticsearchTestClient(String url) {
        this.url = url;
    }

    public JsonNode send(String method, String path, String body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url + path))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode json = response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body());
        // 404: no such document; 503: a new index's shard is still starting (callers poll)
        if (response.statusCode() >= 300 && response.statusCode() != 404 && response.statusCode() != 503) {
            throw new IOException(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return json;
    }

    /** The document (whole GET answer: _source, _version, _seq_no), or empty when absent. */
    public Optional<JsonNode> document(String index, String id) throws IOException, InterruptedException {
        JsonNode doc = send("GET", "/" + index + "/_doc/" + URLEncoder.encode(id, StandardCharsets.UTF_8), null);
        return doc.path("found").asBoolean(false) ? Optional.of(doc) : Optional.empty();
    }

    /** Polls until the document satisfies the condition; fails with the last state seen. */
    public JsonNode awaitDocument(String index, String id, Predicate<JsonNode> source, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        Optional<JsonNode> last = Optional.empty();
        while (System.nanoTime() < deadline) {
            last = document(index, id);
            if (last.isPresent() && source.test(last.get().path("_source"))) {
                return last.get();
            }
            Thread.sleep(250);
        }
        throw new AssertionError("document " + index + "/" + id + " did not reach the expected state within "
                + timeout + "; last seen: " + last.map(JsonNode::toString).orElse("absent"));
    }

    public JsonNode search(String index, String body) throws IOException, InterruptedException {
        send("POST", "/" + index + "/_refresh", null);
        return send("POST", "/" + index + "/_search", body);
    }
}
