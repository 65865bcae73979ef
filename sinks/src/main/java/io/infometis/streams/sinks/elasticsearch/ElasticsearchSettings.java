package io.infometis.streams.sinks.elasticsearch;

import io.infometis.streams.common.config.CommonKeys;
import io.infometis.streams.common.config.InvalidConfigurationException;
import io.infometis.streams.common.config.JobConfig;
import java.io.Serializable;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.apache.http.HttpHost;
import org.apache.http.auth.AuthScope;
import org.apache.http.auth.UsernamePasswordCredentials;
import org.apache.http.impl.client.BasicCredentialsProvider;
import org.elasticsearch.client.RestClient;
import org.elasticsearch.client.RestClientBuilder;

/**
 * Where Elasticsearch is and how to write to it. Built from the job configuration ({@code elasticsearch.*} keys)
 * or the builder; both validate, so a bad URL stops the job at start naming the key.
 */
public final class ElasticsearchSettings implements Serializable {

    private static final long serialVersionUID = 1L;

    private final List<HttpHost> hosts;
    private final String username;
    private final String password;
    private final int bulkMaxActions;
    private final Duration bulkInterval;
    private final int backoffRetries;
    private final Duration backoffDelay;
    private final int indexReplicas;
    private final TlsTrust trust;

    private ElasticsearchSettings(Builder b) {
        if (b.hosts.isEmpty()) {
            throw new IllegalArgumentException("at least one Elasticsearch host is needed");
        }
        if ((b.username == null) != (b.password == null)) {
            throw new IllegalArgumentException("Elasticsearch username and password go together");
        }
        if (b.bulkMaxActions < 1 || b.backoffRetries < 0 || b.indexReplicas < 0) {
            throw new IllegalArgumentException("bulk max actions must be >= 1, retries and replicas >= 0");
        }
        this.hosts = List.copyOf(b.hosts);
        this.username = b.username;
        this.password = b.password;
        this.bulkMaxActions = b.bulkMaxActions;
        this.bulkInterval = Objects.requireNonNull(b.bulkInterval, "bulkInterval");
        this.backoffRetries = b.backoffRetries;
        this.backoffDelay = Objects.requireNonNull(b.backoffDelay, "backoffDelay");
        this.indexReplicas = b.indexReplicas;
        this.trust = b.trust;
    }

    public static Builder builder() {
        return new Builder();
    }

    public static ElasticsearchSettings fromConfig(JobConfig config) {
        List<HttpHost> hosts;
        try {
            hosts = parseHosts(config.get(CommonKeys.ELASTICSEARCH_HOSTS));
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigurationException(List.of(CommonKeys.ELASTICSEARCH_HOSTS.name()
                    + ": expected http(s)://host:port[,http(s)://host:port...], got '"
                    + config.get(CommonKeys.ELASTICSEARCH_HOSTS) + "' (" + e.getMessage() + ")"));
        }
        String user = config.get(CommonKeys.ELASTICSEARCH_USERNAME);
        String password = config.get(CommonKeys.ELASTICSEARCH_PASSWORD);
        if (user.isBlank() != password.isBlank()) {
            throw new InvalidConfigurationException(List.of(CommonKeys.ELASTICSEARCH_USERNAME.name() + " and "
                    + CommonKeys.ELASTICSEARCH_PASSWORD.name() + ": expected both or neither, got only one"));
        }
        Builder builder = builder().hosts(hosts)
                .bulkMaxActions(config.get(CommonKeys.ELASTICSEARCH_BULK_MAX_ACTIONS))
                .bulkInterval(config.get(CommonKeys.ELASTICSEARCH_BULK_INTERVAL))
                .backoff(config.get(CommonKeys.ELASTICSEARCH_BULK_BACKOFF_RETRIES),
                        config.get(CommonKeys.ELASTICSEARCH_BULK_BACKOFF_DELAY))
                .indexReplicas(config.get(CommonKeys.ELASTICSEARCH_INDEX_REPLICAS));
        if (!user.isBlank()) {
            builder.basicAuth(user, password);
        }
        String truststore = config.get(CommonKeys.ELASTICSEARCH_TLS_TRUSTSTORE);
        if (!truststore.isBlank()) {
            TlsTrust trust = new TlsTrust(truststore, config.get(CommonKeys.ELASTICSEARCH_TLS_TRUSTSTORE_PASSWORD),
                    config.get(CommonKeys.ELASTICSEARCH_TLS_TRUSTSTORE_TYPE));
            trust.check();
            builder.trust(trust);
        }
        return builder.build();
    }

    /** {@code http://a:9200,https://b:9200}: scheme, host and port all required. */
    static List<HttpHost> parseHosts(String value) {
        List<HttpHost> hosts = new ArrayList<>();
        for (String part : value.split(",")) {
            String text = part.trim();
            if (text.isEmpty()) {
                continue;
            }
            URI uri = URI.create(text);
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null
                    || uri.getPort() < 1) {
                throw new IllegalArgumentException("'" + text + "' is not http(s)://host:port");
            }
            hosts.add(new HttpHost(uri.getHost(), uri.getPort(), uri.getScheme()));
        }
        if (hosts.isEmpty()) {
            throw new IllegalArgumentException("no host given");
        }
        return hosts;
    }

    /**
     * A low-level REST client with these settings (templates, preflight, search tools). HTTPS trusts
     * {@code elasticsearch.tls.truststore} when set, else the JVM's trust store ({@code javax.net.ssl.trustStore}).
     */
    public RestClient restClient() {
        RestClientBuilder builder = RestClient.builder(hosts.toArray(HttpHost[]::new));
        BasicCredentialsProvider credentials = new BasicCredentialsProvider();
        if (username != null) {
            credentials.setCredentials(AuthScope.ANY, new UsernamePasswordCredentials(username, password));
        }
        builder.setHttpClientConfigCallback(http -> {
            if (username != null) {
                http.setDefaultCredentialsProvider(credentials);
            }
            if (trust != null) {
                http.setSSLContext(trust.sslContext());
            }
            return http;
        });
        return builder.build();
    }

    /** The configured Elasticsearch CA, or null for the JVM's default trust. */
    public TlsTrust trust() {
        return trust;
    }

    public List<HttpHost> hosts() {
        return hosts;
    }

    public String username() {
        return username;
    }

    String password() {
        return password;
    }

    public int bulkMaxActions() {
        return bulkMaxActions;
    }

    public Duration bulkInterval() {
        return bulkInterval;
    }

    public int backoffRetries() {
        return backoffRetries;
    }

    public Duration backoffDelay() {
        return backoffDelay;
    }

    public int indexReplicas() {
        return indexReplicas;
    }

    @Override
    public String toString() {
        return "ElasticsearchSettings{hosts=" + hosts + ", user=" + username + ", bulkMaxActions=" + bulkMaxActions
                + ", bulkInterval=" + bulkInterval + (trust == null ? "" : ", trust=" + trust) + "}";
    }

    public static final class Builder {
        private final List<HttpHost> hosts = new ArrayList<>();
        private String username;
        private String password;
        private int bulkMaxActions = 1000;
        private Duration bulkInterval = Duration.ofSeconds(1);
        private int backoffRetries = 8;
        private Duration backoffDelay = Duration.ofMillis(200);
        private int indexReplicas = 0;
        private TlsTrust trust;

        private Builder() {}

        /** HTTPS trusts this store (see {@link TlsTrust}); without it, the JVM's default trust. */
        public Builder trust(TlsTrust trust) {
            this.trust = trust;
            return this;
        }

        public Builder hosts(List<HttpHost> hosts) {
            this.hosts.addAll(hosts);
            return this;
        }

        /** Comma-separated {@code http(s)://host:port}. */
        public Builder hosts(String urls) {
            return hosts(parseHosts(urls));
        }

        public Builder hosts(HttpHost... hosts) {
            return hosts(Arrays.asList(hosts));
        }

        public Builder basicAuth(String username, String password) {
            this.username = Objects.requireNonNull(username, "username");
            this.password = Objects.requireNonNull(password, "password");
            return this;
        }

        public Builder bulkMaxActions(int bulkMaxActions) {
            this.bulkMaxActions = bulkMaxActions;
            return this;
        }

        public Builder bulkInterval(Duration bulkInterval) {
            this.bulkInterval = bulkInterval;
            return this;
        }

        public Builder backoff(int retries, Duration delay) {
            this.backoffRetries = retries;
            this.backoffDelay = delay;
            return this;
        }

        public Builder indexReplicas(int replicas) {
            this.indexReplicas = replicas;
            return this;
        }

        public ElasticsearchSettings build() {
            return new ElasticsearchSettings(this);
        }
    }
}
