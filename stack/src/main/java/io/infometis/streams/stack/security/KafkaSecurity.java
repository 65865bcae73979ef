package io.infometis.streams.stack.security;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How a secured {@code KafkaBroker} is protected: one SASL_SSL listener (SCRAM-SHA-512 over TLS) for clients and
 * the broker itself, ACLs on (StandardAuthorizer), a super user for the stack's own admin work and a job user.
 *
 * @param tls           server certificate and trust store
 * @param adminUser     super user (topic creation, ACLs, inter-broker traffic)
 * @param adminPassword its password
 * @param jobUser       the user jobs run as; may read and write the data topics, never write {@code alert-rules}
 * @param jobPassword   its password
 */
public record KafkaSecurity(TlsMaterial tls, String adminUser, String adminPassword, String jobUser,
                            String jobPassword) {

    public static final String MECHANISM = "SCRAM-SHA-512";
    public static final String PROTOCOL = "SASL_SSL";

    public KafkaSecurity {
        Objects.requireNonNull(tls, "tls");
        requireName(adminUser, "adminUser");
        requireName(jobUser, "jobUser");
        Objects.requireNonNull(adminPassword, "adminPassword");
        Objects.requireNonNull(jobPassword, "jobPassword");
        if (adminUser.equals(jobUser)) {
            throw new IllegalArgumentException("admin and job user must differ, both are " + adminUser);
        }
    }

    /** Fresh TLS material and random passwords for users {@code admin} and {@code streams}. */
    public static KafkaSecurity generate(TlsMaterial tls) {
        return new KafkaSecurity(tls, "admin", Secrets.randomPassword(), "streams", Secrets.randomPassword());
    }

    private static void requireName(String name, String what) {
        if (name == null || !name.matches("[a-zA-Z0-9_-]+")) {
            throw new IllegalArgumentException(what + " must be letters, digits, '_' or '-', got " + name);
        }
    }

    /** The {@code sasl.jaas.config} value for a user. */
    public static String jaasConfig(String user, String password) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user
                + "\" password=\"" + password + "\";";
    }

    /** Client properties (security only) that log in as the given user and trust the stack's CA. */
    public Map<String, String> clientProperties(String user, String password) {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("security.protocol", PROTOCOL);
        props.put("sasl.mechanism", MECHANISM);
        props.put("sasl.jaas.config", jaasConfig(user, password));
        props.put("ssl.truststore.location", tls.truststore().toString());
        props.put("ssl.truststore.password", tls.password());
        props.put("ssl.truststore.type", "PKCS12");
        return props;
    }

    public Map<String, String> adminClientProperties() {
        return clientProperties(adminUser, adminPassword);
    }

    public Map<String, String> jobClientProperties() {
        return clientProperties(jobUser, jobPassword);
    }

    @Override
    public String toString() {
        return "KafkaSecurity{" + PROTOCOL + "/" + MECHANISM + ", users " + adminUser + ", " + jobUser + "}";
    }
}
