package io.infometis.streams.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.junit.jupiter.api.Test;

/** Which registry failures are retried (pure; the real race on Apicurio is in testing's ConcurrentFirstRegistrationTest). */
class RetryingFirstRegistrationTest {

    /** Same simple name as the registry client's exception, which the retry matches by name (it is shaded). */
    static final class RestClientException extends Exception {
        RestClientException(String message) {
            super(message);
        }
    }

    private static RuntimeException refused(int code) {
        String message = code == 409 ? "An artifact with ID 'x-value' in group 'null' already exists." : "Unauthorized";
        return new RuntimeException("Failed to serialize schema registry.", new IOException(
                "Could not register schema in registry", new RestClientException(message + "; error code: " + code)));
    }

    private static SerializationSchema<String> failingTimes(int failures, int code, AtomicInteger calls) {
        return element -> {
            if (calls.incrementAndGet() <= failures) {
                throw refused(code);
            }
            return element.getBytes();
        };
    }

    @Test
    void aConcurrentRegistrationRefusalIsRetriedUntilItSucceeds() {
        AtomicInteger calls = new AtomicInteger();
        byte[] bytes = new RetryingFirstRegistration<>(failingTimes(2, 409, calls)).serialize("v");

        assertThat(bytes).isEqualTo("v".getBytes());
        assertThat(calls).hasValue(3);
    }

    @Test
    void anAlreadyExistingArtifactVersionIsRetriedWhateverItsErrorCode() {
        AtomicInteger calls = new AtomicInteger();
        SerializationSchema<String> schema = new RetryingFirstRegistration<>(element -> {
            if (calls.incrementAndGet() == 1) {
                throw new RuntimeException(new RestClientException("An artifact version 'null' for artifact ID "
                        + "'race-2-value' in group 'null' already exists.; error code: 0"));
            }
            return element.getBytes();
        });

        assertThat(schema.serialize("v")).isEqualTo("v".getBytes());
        assertThat(calls).hasValue(2);
    }

    @Test
    void aStorageLockTimeoutOfTheRegistryIsRetried() {
        AtomicInteger calls = new AtomicInteger();
        SerializationSchema<String> schema = new RetryingFirstRegistration<>(element -> {
            if (calls.incrementAndGet() == 1) {
                throw new RuntimeException(new RestClientException("org.h2.jdbc.JdbcSQLTimeoutException: Timeout "
                        + "trying to lock table {0}; SQL statement: INSERT INTO sequences ...; error code: 0"));
            }
            return element.getBytes();
        });

        assertThat(schema.serialize("v")).isEqualTo("v".getBytes());
        assertThat(calls).hasValue(2);
    }

    @Test
    void otherRegistryErrorsAreThrownAtOnce() {
        AtomicInteger calls = new AtomicInteger();
        SerializationSchema<String> schema = new RetryingFirstRegistration<>(failingTimes(1, 401, calls));

        assertThatThrownBy(() -> schema.serialize("v")).hasRootCauseMessage("Unauthorized; error code: 401");
        assertThat(calls).hasValue(1);
    }

    @Test
    void aRefusalThatPersistsIsThrownAfterTheLastAttempt() {
        AtomicInteger calls = new AtomicInteger();
        SerializationSchema<String> schema = new RetryingFirstRegistration<>(failingTimes(100, 409, calls));

        assertThatThrownBy(() -> schema.serialize("v")).hasMessage("Failed to serialize schema registry.");
        assertThat(calls).hasValue(RetryingFirstRegistration.ATTEMPTS);
    }
}
