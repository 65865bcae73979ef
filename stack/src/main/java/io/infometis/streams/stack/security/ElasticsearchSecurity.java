package io.infometis.streams.stack.security;

import java.util.Objects;

/**
 * How a secured {@code ElasticsearchServer} is protected: x-pack security on, TLS on HTTP with the given server
 * certificate, the built-in {@code elastic} super user with a known password, and a job user whose role may only
 * write the platform's indices and templates.
 */
public record ElasticsearchSecurity(TlsMaterial tls, String elasticPassword, String jobUser, String jobPassword) {

    public static final String SUPER_USER = "elastic";

    public ElasticsearchSecurity {
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(elasticPassword, "elasticPassword");
        Objects.requireNonNull(jobUser, "jobUser");
        Objects.requireNonNull(jobPassword, "jobPassword");
        if (elasticPassword.length() < 6 || jobPassword.length() < 6) {
            throw new IllegalArgumentException("Elasticsearch passwords need at least 6 characters");
        }
    }

    public static ElasticsearchSecurity generate(TlsMaterial tls) {
        return new ElasticsearchSecurity(tls, Secrets.randomPassword(), "streams", Secrets.randomPassword());
    }

    @Override
    public String toString() {
        return "ElasticsearchSecurity{https, users " + SUPER_USER + ", " + jobUser + "}";
    }
}
