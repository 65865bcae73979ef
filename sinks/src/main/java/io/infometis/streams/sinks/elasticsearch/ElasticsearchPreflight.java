package io.infometis.streams.sinks.elasticsearch;

import io.infometis.streams.common.config.CommonKeys;
import io.infometis.streams.common.preflight.PreflightException;
import java.io.IOException;
import java.net.ConnectException;
import javax.net.ssl.SSLException;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.RestClient;

/**
 * The start-up check of the Elasticsearch connection (see {@code Preflight} in job-common): reachable, TLS trusted,
 * credentials accepted, with a message naming the setting to fix. Call it in {@code main()} next to
 * {@code Preflight.check}.
 */
public final class ElasticsearchPreflight {

    private ElasticsearchPreflight() {}

    public static void check(ElasticsearchSettings settings) {
        String hosts = settings.hosts().toString();
        try (RestClient client = settings.restClient()) {
            client.performRequest(new Request("GET", "/_cluster/health"));
        } catch (ResponseException e) {
            int status = e.getResponse().getStatusLine().getStatusCode();
            if (status == 401) {
                throw new PreflightException(CommonKeys.ELASTICSEARCH_USERNAME.name() + "/"
                        + CommonKeys.ELASTICSEARCH_PASSWORD.name() + ": Elasticsearch at " + hosts
                        + " rejected the credentials" + (settings.username() == null ? " (none given)"
                        : " of user '" + settings.username() + "'") + " (HTTP 401)", e);
            }
            if (status == 403) {
                throw new PreflightException("Elasticsearch at " + hosts + ": user '" + settings.username()
                        + "' may not read cluster health (HTTP 403): give its role the 'monitor' cluster privilege", e);
            }
            throw new PreflightException("Elasticsearch at " + hosts + " answered HTTP " + status, e);
        } catch (SSLException e) {
            throw new PreflightException(CommonKeys.ELASTICSEARCH_TLS_TRUSTSTORE.name() + ": the TLS handshake with "
                    + "Elasticsearch at " + hosts + " failed (its certificate is not trusted by "
                    + (settings.trust() == null ? "the JVM's trust store" : settings.trust().toString())
                    + ", or its name does not match): " + e.getMessage(), e);
        } catch (ConnectException e) {
            throw new PreflightException(CommonKeys.ELASTICSEARCH_HOSTS.name() + ": cannot connect to Elasticsearch at "
                    + hosts + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new PreflightException("Elasticsearch at " + hosts + " failed the start-up check ("
                    + CommonKeys.ELASTICSEARCH_HOSTS.name() + " http/https?): " + e, e);
        }
    }
}
