package io.infometis.streams.reliability.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.infometis.streams.common.config.JobConfig;
import io.infometis.streams.common.kafka.KafkaClients;
import io.infometis.streams.common.preflight.Preflight;
import io.infometis.streams.common.preflight.PreflightException;
import io.infometis.streams.events.Order;
import io.infometis.streams.events.Topics;
import io.infometis.streams.stack.security.Secrets;
import io.infometis.streams.testing.RealStackExtension;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Apicurio 2.4.2 has no basic auth of its own (its auth is OIDC with Keycloak, which cannot run here), so this test
 * puts a small basic-auth reverse proxy (the JDK's HttpServer; a stand-in for the TLS-terminating proxy
 * docs/security.md recommends) in front of the real registry and checks that the documented
 * {@code schema.registry.properties.basic.auth.*} settings reach the wire: the job's registry client registers a
 * schema through it, and the preflight passes with them and fails naming the setting without them.
 */
class RegistryBasicAuthProxyTest {

    @RegisterExtension
    static final RealStackExtension STACK = RealStackExtension.builder().registry().build();

    private static final String USER_INFO = "streams:registry-secret";
    private static final List<String> AUTHORIZED_PATHS = new CopyOnWriteArrayList<>();
    private static HttpServer proxy;

    @TempDir
    static Path dir;

    @BeforeAll
    static void startProxy() throws IOException {
        HttpClient upstream = HttpClient.newHttpClient();
        String expected = "Basic " + Base64.getEncoder().encodeToString(USER_INFO.getBytes(StandardCharsets.UTF_8));
        URI registry = URI.create(STACK.registryUrl());
        String origin = registry.getScheme() + "://" + registry.getAuthority();
        proxy = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        proxy.createContext("/", exchange -> {
            try (exchange) {
                if (!expected.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                    exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"registry\"");
                    respond(exchange, 401, "{\"error_code\":401,\"message\":\"Unauthorized\"}".getBytes(), null);
                    return;
                }
                AUTHORIZED_PATHS.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath());
                HttpRequest.Builder forward = HttpRequest.newBuilder(URI.create(origin + exchange.getRequestURI()))
                        .method(exchange.getRequestMethod(),
                                HttpRequest.BodyPublishers.ofByteArray(exchange.getRequestBody().readAllBytes()));
                String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
                if (contentType != null) {
                    forward.header("Content-Type", contentType);
                }
                HttpResponse<byte[]> answer = upstream.send(forward.build(), HttpResponse.BodyHandlers.ofByteArray());
                respond(exchange, answer.statusCode(), answer.body(),
                        answer.headers().firstValue("Content-Type").orElse(null));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        proxy.start();
    }

    @AfterAll
    static void stopProxy() {
        proxy.stop(0);
    }

    @Test
    void basicAuthSettingsReachTheRegistryAndThePreflight() {
        Path userInfo = Secrets.writeSecretFile(dir.resolve("registry-user-info"), USER_INFO);
        JobConfig config = config(Map.of(
                "schema.registry.properties.basic.auth.credentials.source", "USER_INFO",
                "schema.registry.properties.basic.auth.user.info", "${file:" + userInfo + "}"));
        assertThat(config.toString()).doesNotContain("registry-secret");

        Preflight.checkRegistry(config);
        byte[] encoded = KafkaClients.registry(config).serializer(Order.class, Topics.ORDERS)
                .serialize(Orders.order("o-auth", 100));

        assertThat(encoded[0]).as("Confluent wire format magic byte").isZero();
        assertThat(AUTHORIZED_PATHS).anyMatch(p -> p.startsWith("POST ") && p.contains("/subjects/orders-value"));
    }

    @Test
    void withoutCredentialsThePreflightNamesTheSetting() {
        assertThatThrownBy(() -> Preflight.checkRegistry(config(Map.of())))
                .isInstanceOf(PreflightException.class)
                .hasMessageStartingWith("schema.registry.properties.basic.auth.user.info: the schema registry at")
                .hasMessageContaining("refused the credentials (HTTP 401)");
    }

    private static JobConfig config(Map<String, String> extra) {
        Map<String, String> settings = new HashMap<>(extra);
        settings.put("kafka.bootstrap.servers", "127.0.0.1:1");
        settings.put("schema.registry.url", "http://127.0.0.1:" + proxy.getAddress().getPort() + "/apis/ccompat/v7");
        return JobConfig.of(settings);
    }

    private static void respond(HttpExchange exchange, int status, byte[] body, String contentType) throws IOException {
        if (contentType != null) {
            exchange.getResponseHeaders().add("Content-Type", contentType);
        }
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
