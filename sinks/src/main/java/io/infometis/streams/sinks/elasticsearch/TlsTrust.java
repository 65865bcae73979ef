package io.infometis.streams.sinks.elasticsearch;

import io.infometis.streams.common.config.CommonKeys;
import io.infometis.streams.common.config.InvalidConfigurationException;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The trust store of {@code elasticsearch.tls.truststore}: the CA certificates a job accepts for Elasticsearch.
 *
 * <p>Why {@link #addToJvmDefault()} exists: connector 3.0.1 builds its REST client itself and takes no SSL
 * context, so its HTTPS uses the JVM's default one. Adding the configured CA to that default, where the writer
 * runs, lets a job be configured by its own keys instead of a JVM flag on every TaskManager. The default keeps
 * every certificate it trusted before (the JVM's trust store or the JDK's cacerts); nothing is ever removed.
 */
public final class TlsTrust implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(TlsTrust.class);
    private static final Set<String> INSTALLED = Collections.synchronizedSet(new HashSet<>());

    private final String path;
    private final String password;
    private final String type;

    public TlsTrust(String path, String password, String type) {
        this.path = Objects.requireNonNull(path, "path");
        this.password = Objects.requireNonNull(password, "password");
        this.type = Objects.requireNonNull(type, "type");
    }

    /** Loads it once to fail at start, naming the key, when the file or its password is wrong. */
    void check() {
        try {
            load();
        } catch (IOException | GeneralSecurityException e) {
            throw new InvalidConfigurationException(List.of(CommonKeys.ELASTICSEARCH_TLS_TRUSTSTORE.name()
                    + ": expected a readable " + type.toUpperCase(java.util.Locale.ROOT) + " trust store (with elasticsearch.tls.truststore-password), got '"
                    + path + "' (" + e.getMessage() + ")"));
        }
    }

    KeyStore load() throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance(type);
        try (InputStream in = Files.newInputStream(Path.of(path))) {
            store.load(in, password.isEmpty() ? null : password.toCharArray());
        }
        return store;
    }

    /** An SSL context that trusts this store only (the REST clients this project builds itself). */
    public SSLContext sslContext() {
        try {
            return contextTrusting(load());
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("Cannot load " + CommonKeys.ELASTICSEARCH_TLS_TRUSTSTORE.name() + " "
                    + path + ": " + e.getMessage(), e);
        }
    }

    /** Makes the JVM's default SSL context trust this store too (once per JVM and path). */
    public void addToJvmDefault() {
        synchronized (INSTALLED) {
            if (INSTALLED.contains(path)) {
                return;
            }
            try {
                KeyStore merged = KeyStore.getInstance("PKCS12");
                merged.load(null, null);
                copyCertificates(jvmTrustStore(), merged, "jvm-");
                copyCertificates(load(), merged, "elasticsearch-");
                SSLContext.setDefault(contextTrusting(merged));
                INSTALLED.add(path);
                LOG.info("HTTPS to Elasticsearch trusts {} in addition to the JVM's trust store", path);
            } catch (IOException | GeneralSecurityException e) {
                throw new IllegalStateException("Cannot add " + path + " to the JVM's trust: " + e.getMessage(), e);
            }
        }
    }

    private static KeyStore jvmTrustStore() throws IOException, GeneralSecurityException {
        String configured = System.getProperty("javax.net.ssl.trustStore");
        Path file = configured != null && !configured.isBlank() ? Path.of(configured)
                : Path.of(System.getProperty("java.home"), "lib", "security", "cacerts");
        String storePassword = System.getProperty("javax.net.ssl.trustStorePassword");
        KeyStore store = KeyStore.getInstance(System.getProperty("javax.net.ssl.trustStoreType", KeyStore.getDefaultType()));
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, storePassword == null ? null : storePassword.toCharArray());
        }
        return store;
    }

    private static void copyCertificates(KeyStore from, KeyStore to, String prefix) throws GeneralSecurityException {
        for (String alias : Collections.list(from.aliases())) {
            if (from.getCertificate(alias) != null) {
                to.setCertificateEntry(prefix + alias, from.getCertificate(alias));
            }
        }
    }

    private static SSLContext contextTrusting(KeyStore store) throws GeneralSecurityException {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        return context;
    }

    @Override
    public String toString() {
        return "TlsTrust{" + path + "}";
    }
}
