package io.infometis.streams.common.preflight;

import io.infometis.streams.common.config.CommonKeys;
import io.infometis.streams.common.config.JobConfig;
import io.infometis.streams.common.kafka.KafkaClients;
import io.infometis.streams.events.TopicSpec;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Start-up connectivity checks a job's {@code main()} runs before it builds the pipeline: without them a wrong
 * password or an untrusted certificate shows only as a task that restarts forever, with the cause deep in a
 * TaskManager log. Each check uses the job's own client settings ({@code kafka.properties.*},
 * {@code schema.registry.*}) and fails within about {@link #TIMEOUT} with a message that names the setting.
 */
public final class Preflight {

    public static final Duration TIMEOUT = Duration.ofSeconds(20);

    private Preflight() {}

    /** Kafka (login, TLS, the topics exist and may be described) and the schema registry. */
    public static void check(JobConfig config, Collection<TopicSpec> topics) {
        checkKafka(config, topics);
        checkRegistry(config);
    }

    public static void checkKafka(JobConfig config, Collection<TopicSpec> topics) {
        String servers = config.get(CommonKeys.KAFKA_BOOTSTRAP_SERVERS);
        Properties props = KafkaClients.clientProperties(config);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis() / 2);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        List<String> names = topics.stream().map(t -> config.get(CommonKeys.topic(t))).toList();
        try (Admin admin = Admin.create(props)) {
            admin.describeCluster().nodes().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            if (!names.isEmpty()) {
                admin.describeTopics(names).allTopicNames().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            }
        } catch (ExecutionException e) {
            throw kafkaFailure(servers, names, e.getCause());
        } catch (java.util.concurrent.TimeoutException e) {
            throw kafkaFailure(servers, names, new TimeoutException("no answer"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PreflightException("Interrupted while checking Kafka at " + servers, e);
        }
    }

    static PreflightException kafkaFailure(String servers, List<String> topics, Throwable cause) {
        String at = "Kafka at " + servers;
        String message;
        if (cause instanceof SaslAuthenticationException) {
            message = CommonKeys.KAFKA_PROPERTIES_PREFIX + "sasl.jaas.config: " + at
                    + " rejected the login (wrong user or password, or another sasl.mechanism): " + cause.getMessage();
        } else if (cause instanceof SslAuthenticationException) {
            message = CommonKeys.KAFKA_PROPERTIES_PREFIX + "ssl.truststore.location: the TLS handshake with " + at
                    + " failed (its certificate is not trusted by the trust store, or its name does not match): "
                    + rootMessage(cause);
        } else if (cause instanceof AuthorizationException) {
            message = "ACLs: " + at + " denies this job's user access to " + topics + ": " + cause.getMessage();
        } else if (cause instanceof UnknownTopicOrPartitionException) {
            message = "topic.*: " + at + " has no topic among " + topics + ": " + cause.getMessage();
        } else if (cause instanceof TimeoutException) {
            message = CommonKeys.KAFKA_BOOTSTRAP_SERVERS.name() + ": no broker answered at " + servers + " within "
                    + TIMEOUT.toSeconds() + " s (wrong address, or kafka.properties.security.protocol does not match "
                    + "the listener)";
        } else {
            message = at + " failed the start-up check: " + cause;
        }
        return new PreflightException(message, cause);
    }

    /** GET {@code <url>/subjects} with the configured basic auth: reachable, credentials accepted, TLS trusted. */
    public static void checkRegistry(JobConfig config) {
        String url = config.get(CommonKeys.SCHEMA_REGISTRY_URL);
        Map<String, String> props = config.withPrefix(CommonKeys.REGISTRY_PROPERTIES_PREFIX);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(stripSlash(url) + "/subjects"))
                .timeout(TIMEOUT).GET();
        String userInfo = props.get("basic.auth.user.info");
        if (userInfo != null && "USER_INFO".equals(props.getOrDefault("basic.auth.credentials.source", "USER_INFO"))) {
            request.header("Authorization",
                    "Basic " + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8)));
        }
        int status;
        try {
            status = HttpClient.newBuilder().connectTimeout(TIMEOUT).build()
                    .send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (SSLException e) {
            throw new PreflightException(CommonKeys.SCHEMA_REGISTRY_URL.name() + ": the TLS handshake with " + url
                    + " failed (certificate not trusted by the JVM's trust store): " + rootMessage(e), e);
        } catch (java.io.IOException e) {
            throw new PreflightException(CommonKeys.SCHEMA_REGISTRY_URL.name() + ": cannot reach the schema registry at "
                    + url + ": " + rootMessage(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PreflightException("Interrupted while checking the schema registry at " + url, e);
        }
        if (status == 401 || status == 403) {
            throw new PreflightException(CommonKeys.REGISTRY_PROPERTIES_PREFIX + "basic.auth.user.info: the schema "
                    + "registry at " + url + " refused the credentials (HTTP " + status + ")", null);
        }
        if (status != 200) {
            throw new PreflightException(CommonKeys.SCHEMA_REGISTRY_URL.name() + ": expected the Confluent-compatible "
                    + "API at " + url + " (GET /subjects answered HTTP " + status + ")", null);
        }
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == t ? String.valueOf(t.getMessage()) : t.getMessage() + " (" + root.getMessage() + ")";
    }
}
