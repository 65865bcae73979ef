package io.infometis.streams.sinks.search;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.infometis.streams.testing.RealStackExtension;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The search command against the real Elasticsearch, on an index made from the shipped {@code orders} template
 * (so the fields are typed as in production: keywords match exactly).
 */
class SearchCommandTest {

    @RegisterExtension
    static final RealStackExtension STACK = RealStackExtension.builder().elasticsearch().build();

    private static final String INDEX = "search-test-orders";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void indexOrders() throws Exception {
        ObjectNode template;
        try (InputStream in = SearchCommandTest.class.getResourceAsStream("/elasticsearch/index-templates/orders.json")) {
            template = (ObjectNode) JSON.readTree(in);
        }
        ArrayNode patterns = template.putArray("index_patterns");
        patterns.add(INDEX);
        send("PUT", "/_index_template/" + INDEX, template.toString());
        send("PUT", "/" + INDEX + "/_doc/o-1", doc("PAID", "GOLD", 49.99, "2026-06-01T10:00:00Z"));
        send("PUT", "/" + INDEX + "/_doc/o-2", doc("PAID", "SILVER", 12.50, "2026-06-01T10:01:00Z"));
        send("PUT", "/" + INDEX + "/_doc/o-3", doc("CREATED", "GOLD", 120.00, "2026-06-01T10:02:00Z"));
        send("PUT", "/" + INDEX + "/_doc/o-4", doc("PAID", "GOLD", 7.00, "2026-06-01T10:03:00Z"));
        send("POST", "/" + INDEX + "/_refresh", null);
    }

    @Test
    void printsTheHitsOfAKibanaStyleQueryAsATable() {
        Result result = run("--es-url", STACK.elasticsearchUrl(), INDEX, "customer_tier:GOLD AND status:PAID",
                "--sort", "event_time:asc");

        assertThat(result.exitCode).isZero();
        List<String> lines = result.out.lines().toList();
        assertThat(lines.get(0)).isEqualTo("2 hits in " + INDEX + " for customer_tier:GOLD AND status:PAID");
        assertThat(lines.get(1)).startsWith("_id").contains("status", "customer_tier", "amount_major");
        assertThat(lines.get(2)).matches("[- ]+");
        assertThat(lines.subList(3, lines.size())).hasSize(2);
        assertThat(lines.get(3)).startsWith("o-1 ").contains("PAID", "GOLD", "49.99");
        assertThat(lines.get(4)).startsWith("o-4 ").contains("7.0");
    }

    @Test
    void rangesAndChosenFieldsWork() {
        Result result = run("--es-url", STACK.elasticsearchUrl(), INDEX, "amount_major:[20 TO *]",
                "--fields", "amount_major,status", "--sort", "amount_major:desc");

        assertThat(result.exitCode).isZero();
        List<String> lines = result.out.lines().toList();
        assertThat(lines.get(1).split("\\s+")).containsExactly("_id", "amount_major", "status");
        assertThat(lines.get(3)).startsWith("o-3 ");
        assertThat(lines.get(4)).startsWith("o-1 ");
        assertThat(lines).hasSize(5);
    }

    @Test
    void findsTheLocalStacksElasticsearchFromItsStateFile(@TempDir Path state) throws Exception {
        Files.writeString(state.resolve("stack.properties"), "components=elasticsearch\nelasticsearch.url="
                + STACK.elasticsearchUrl() + "\n");

        Result result = run("--stack-state", state.toString(), INDEX, "status:CREATED");

        assertThat(result.exitCode).isZero();
        assertThat(result.out).startsWith("1 hit in " + INDEX).contains("o-3");
    }

    @Test
    void aBadQueryIsExplainedWithExitCode2() {
        Result result = run("--es-url", STACK.elasticsearchUrl(), INDEX, "status:(PAID AND");

        assertThat(result.exitCode).isEqualTo(2);
        assertThat(result.err).startsWith("ERROR bad query or index (400)").contains("query_shard_exception");
    }

    @Test
    void anUnreachableElasticsearchIsExplainedWithExitCode1() {
        Result result = run("--es-url", "http://127.0.0.1:1", INDEX, "*");

        assertThat(result.exitCode).isEqualTo(1);
        assertThat(result.err).contains("does not answer at http://127.0.0.1:1");
    }

    private record Result(int exitCode, String out, String err) {}

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new SearchCommand());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int code = cli.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    private static String doc(String status, String tier, double amount, String time) {
        ObjectNode doc = JSON.createObjectNode();
        doc.put("status", status).put("customer_tier", tier).put("amount_major", amount).put("currency", "EUR")
                .put("event_time", time).put("shipping_country", "NL").put("risk_level", "LOW");
        return doc.toString();
    }

    private static void send(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(STACK.elasticsearchUrl() + path))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isBetween(200, 299);
    }
}
