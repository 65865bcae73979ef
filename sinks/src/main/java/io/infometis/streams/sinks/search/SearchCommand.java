package io.infometis.streams.sinks.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Kibana's search bar without Kibana: a Lucene query string (Elasticsearch {@code query_string}, the syntax of
 * Kibana's "Lucene" mode) against an index or pattern, hits printed as a table.
 *
 * <pre>
 * bin/search orders 'customer_tier:GOLD AND status:PAID'
 * bin/search 'metrics-*' 'metric:payments' --sort window_start:desc --fields window_start,failure_rate
 * </pre>
 * Exit codes: 0 hits or none, 1 Elasticsearch unreachable or failing, 2 bad query or index.
 */
@Command(name = "search", mixinStandardHelpOptions = true,
        description = "Runs a Kibana-style (Lucene) query string against Elasticsearch and prints the hits as a table.")
public final class SearchCommand implements Callable<Integer> {

    /** Columns shown when --fields is not given, by index name prefix; other indices show their first fields. */
    static final Map<String, List<String>> DEFAULT_FIELDS = Map.of(
            "orders", List.of("status", "payment_status", "customer_tier", "shipping_country", "amount_major",
                    "currency", "risk_level", "enriched", "event_time"),
            "metrics-", List.of("metric", "window_start", "country", "category", "currency", "order_count", "revenue",
                    "failure_rate", "active_users", "amount_p95"),
            "alerts-", List.of("detection_time", "severity", "rule_id", "key", "summary"));
    private static final int FIRST_FIELDS = 8;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Parameters(index = "0", paramLabel = "INDEX", description = "Index or pattern, e.g. orders, 'metrics-*', 'alerts-*'")
    String index;

    @Parameters(index = "1", paramLabel = "QUERY", defaultValue = "*",
            description = "Lucene query string, e.g. 'customer_tier:GOLD AND status:PAID' (default: everything)")
    String query;

    @Option(names = "--es-url", paramLabel = "URL",
            description = "Elasticsearch URL (default: the local stack's, from .stack/stack.properties, else "
                    + StackElasticsearchUrl.FALLBACK + ")")
    String esUrl;

    @Option(names = "--stack-state", paramLabel = "DIR", hidden = true,
            description = "State dir of bin/stack (default: <checkout>/.stack)")
    Path stackState;

    @Option(names = "--size", paramLabel = "N", defaultValue = "20", description = "Hits to show (default: 20)")
    int size;

    @Option(names = "--fields", paramLabel = "F1,F2", split = ",", description = "Columns to show")
    List<String> fields;

    @Option(names = "--sort", paramLabel = "FIELD[:asc|desc]", description = "Sort order, e.g. event_time:desc")
    String sort;

    @Option(names = "--user", paramLabel = "USER:PASSWORD", description = "Basic authentication")
    String user;

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        System.exit(new CommandLine(new SearchCommand()).execute(args));
    }

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (size < 0 || size > 10_000) {
            err.println("ERROR --size: expected 0..10000, got " + size);
            return 2;
        }
        String base = baseUrl();
        HttpResponse<String> response;
        try {
            response = post(base, "/" + index + "/_search", body());
        } catch (ConnectException e) {
            err.println("ERROR Elasticsearch does not answer at " + base + " (is the stack up? bin/stack status)");
            return 1;
        } catch (IOException e) {
            err.println("ERROR cannot reach Elasticsearch at " + base + ": " + e.getMessage());
            return 1;
        }
        JsonNode answer;
        try {
            answer = JSON.readTree(response.body());
        } catch (IOException e) {
            err.println("ERROR Elasticsearch answered " + response.statusCode() + " with something that is not JSON");
            return 1;
        }
        if (response.statusCode() != 200) {
            err.println("ERROR " + (response.statusCode() / 100 == 4 ? "bad query or index" : "search failed")
                    + " (" + response.statusCode() + "): " + reason(answer));
            return response.statusCode() / 100 == 4 ? 2 : 1;
        }
        JsonNode hits = answer.path("hits").path("hits");
        long total = answer.path("hits").path("total").path("value").asLong();
        out.println(total + " hit" + (total == 1 ? "" : "s") + " in " + index + " for " + query
                + (hits.size() < total ? " (showing " + hits.size() + ")" : ""));
        if (hits.size() > 0) {
            out.print(HitTable.render(columns(hits), hits));
        }
        out.flush();
        return 0;
    }

    String body() {
        ObjectNode body = JSON.createObjectNode();
        body.put("size", size);
        body.put("track_total_hits", true);
        body.putObject("query").putObject("query_string").put("query", query);
        if (sort != null && !sort.isBlank()) {
            String[] parts = sort.split(":", 2);
            ArrayNode sorts = body.putArray("sort");
            sorts.addObject().putObject(parts[0].trim()).put("order", parts.length > 1 ? parts[1].trim() : "asc");
        }
        return body.toString();
    }

    List<String> columns(JsonNode hits) {
        if (fields != null && !fields.isEmpty()) {
            return fields;
        }
        for (Map.Entry<String, List<String>> defaults : DEFAULT_FIELDS.entrySet()) {
            if (index.startsWith(defaults.getKey())) {
                return defaults.getValue();
            }
        }
        List<String> first = new ArrayList<>();
        Iterator<String> names = hits.get(0).path("_source").fieldNames();
        while (names.hasNext() && first.size() < FIRST_FIELDS) {
            first.add(names.next());
        }
        return first;
    }

    private String baseUrl() {
        String url = esUrl != null ? esUrl
                : StackElasticsearchUrl.read(stackState != null ? stackState : StackElasticsearchUrl.defaultStateDir())
                        .orElse(StackElasticsearchUrl.FALLBACK);
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private HttpResponse<String> post(String base, String path, String body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (user != null) {
            request.header("Authorization",
                    "Basic " + Base64.getEncoder().encodeToString(user.getBytes(StandardCharsets.UTF_8)));
        }
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String reason(JsonNode answer) {
        JsonNode error = answer.path("error");
        JsonNode root = error.path("root_cause").path(0);
        String type = root.path("type").asText(error.path("type").asText());
        String reason = root.path("reason").asText(error.path("reason").asText(answer.toString()));
        JsonNode causedBy = error.path("caused_by");
        return type + ": " + reason + (causedBy.isMissingNode() ? "" : " (" + causedBy.path("reason").asText() + ")");
    }
}
