package io.infometis.streams.events;

import java.util.Objects;
import org.apache.flink.api.common.serialization.SerializationSchema;

/**
 * Retries a serialization whose schema registration lost a race with another writer. Why: Apicurio's
 * Confluent-compatible API answers the losing side of two concurrent first registrations of one subject with 409
 * "already exists" instead of the new schema's id (Confluent's registry returns the id), or, with its embedded H2
 * storage, with a lock timeout; parallel writers starting together (Flink subtasks, a job and a generator) failed
 * once at random. The retry registers again and gets the id of the schema that now exists. Any other failure, and
 * a race refusal that persists, is thrown as it was.
 */
final class RetryingFirstRegistration<T> implements SerializationSchema<T> {

    private static final long serialVersionUID = 1L;
    static final int ATTEMPTS = 5;

    private final SerializationSchema<T> delegate;

    RetryingFirstRegistration(SerializationSchema<T> delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    @Override
    public void open(InitializationContext context) throws Exception {
        delegate.open(context);
    }

    @Override
    public byte[] serialize(T element) {
        for (int attempt = 1; ; attempt++) {
            try {
                return delegate.serialize(element);
            } catch (RuntimeException e) {
                if (attempt >= ATTEMPTS || !isConcurrentRegistration(e)) {
                    throw e;
                }
                pause(attempt);
            }
        }
    }

    /**
     * A registry client exception in the cause chain (matched by name: the client is shaded) that says 409 or a
     * storage lock timeout.
     */
    static boolean isConcurrentRegistration(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String message = t.getMessage();
            if (t.getClass().getSimpleName().equals("RestClientException") && message != null
                    && (message.contains("error code: 409") || message.contains("Timeout trying to lock"))) {
                return true;
            }
        }
        return false;
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(20L * attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retrying a schema registration", e);
        }
    }
}
