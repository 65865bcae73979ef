package io.infometis.streams.stack.security;

import io.infometis.streams.stack.ManagedProcess;
import io.infometis.streams.stack.StackException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A throw-away certificate authority and one server certificate it signed (SAN {@code IP:127.0.0.1},
 * {@code DNS:localhost}), made with the JDK's own {@code keytool} so that the secured local servers speak real TLS
 * that clients verify with hostname checking on. All stores are PKCS12 with one random password.
 *
 * @param dir        where the files are
 * @param truststore the CA certificate only: what clients trust ({@code ssl.truststore.location})
 * @param keystore   the server's key and chain (Kafka's {@code ssl.keystore.location}, Elasticsearch's http.p12)
 * @param caPem      the CA certificate, PEM
 * @param password   the password of every store (never logged)
 */
public record TlsMaterial(Path dir, Path truststore, Path keystore, Path caPem, String password) {

    private static final Duration KEYTOOL_TIMEOUT = Duration.ofSeconds(60);

    /** Makes a new CA and server certificate in {@code dir}; {@code name} is the CA's common name. */
    public static TlsMaterial create(Path dir, String name) {
        String password = Secrets.randomPassword();
        Path ca = dir.resolve("ca.p12");
        Path caPem = dir.resolve("ca.pem");
        Path truststore = dir.resolve("truststore.p12");
        Path keystore = dir.resolve("server.p12");
        Path csr = dir.resolve("server.csr");
        Path serverPem = dir.resolve("server.pem");
        try {
            Files.createDirectories(dir);
            for (Path p : List.of(ca, caPem, truststore, keystore, csr, serverPem)) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare " + dir + " for TLS material", e);
        }
        Path log = dir.resolve("keytool.log");
        keytool(dir, log, "-genkeypair", "-alias", "ca", "-keyalg", "RSA", "-keysize", "2048", "-validity", "30",
                "-dname", "CN=" + name, "-ext", "bc:c", "-keystore", ca.toString(), "-storetype", "PKCS12",
                "-storepass", password);
        keytool(dir, log, "-exportcert", "-rfc", "-alias", "ca", "-keystore", ca.toString(), "-storepass", password,
                "-file", caPem.toString());
        keytool(dir, log, "-importcert", "-noprompt", "-alias", "ca", "-file", caPem.toString(),
                "-keystore", truststore.toString(), "-storetype", "PKCS12", "-storepass", password);
        keytool(dir, log, "-genkeypair", "-alias", "server", "-keyalg", "RSA", "-keysize", "2048", "-validity", "30",
                "-dname", "CN=127.0.0.1", "-keystore", keystore.toString(), "-storetype", "PKCS12",
                "-storepass", password);
        keytool(dir, log, "-certreq", "-alias", "server", "-keystore", keystore.toString(), "-storepass", password,
                "-file", csr.toString());
        keytool(dir, log, "-gencert", "-rfc", "-alias", "ca", "-keystore", ca.toString(), "-storepass", password,
                "-infile", csr.toString(), "-outfile", serverPem.toString(), "-validity", "30",
                "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-ext", "KU=digitalSignature,keyEncipherment",
                "-ext", "EKU=serverAuth,clientAuth");
        // The chain needs the CA first, then the signed certificate replaces the self-signed one.
        keytool(dir, log, "-importcert", "-noprompt", "-alias", "ca", "-file", caPem.toString(),
                "-keystore", keystore.toString(), "-storepass", password);
        keytool(dir, log, "-importcert", "-noprompt", "-alias", "server", "-file", serverPem.toString(),
                "-keystore", keystore.toString(), "-storepass", password);
        return new TlsMaterial(dir, truststore, keystore, caPem, password);
    }

    private static void keytool(Path dir, Path log, String... args) {
        List<String> command = new java.util.ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        try {
            ManagedProcess.runToCompletion("keytool", command, Map.of(), dir, log, KEYTOOL_TIMEOUT);
        } catch (StackException e) {
            // The message holds the log tail, never the command line (it carries the store password).
            throw new StackException("keytool " + args[0] + " failed: " + e.getMessage(), e);
        }
    }

    /** An SSL context that trusts this CA only (readiness checks and admin clients of the stack itself). */
    public SSLContext sslContext() {
        try (InputStream in = Files.newInputStream(truststore)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password.toCharArray());
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, tmf.getTrustManagers(), null);
            return context;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.security.GeneralSecurityException e) {
            throw new StackException("Cannot load trust store " + truststore + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "TlsMaterial{dir=" + dir + "}";
    }
}
